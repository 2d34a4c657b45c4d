extension Migration {
    /// The revision history becomes the only keyed table of observations, so a feed writes each
    /// new value once instead of twice (issue 11: ingest at the cost of one keyed `COPY`).
    ///
    /// - `observation_revision` keeps every version of every observation, as before; its key is
    ///   now a unique index with `revision DESC`, so the newest version of a key is the first
    ///   entry of its range and "current values" are one ordered index scan.
    /// - `observation` becomes a view: the newest revision of each (indicator, area, breakdown,
    ///   period), with the same columns the table had. Filters on `indicator_id` (and the other
    ///   key columns) reach the index through `DISTINCT ON`, so readers that ask for some
    ///   indicators read only theirs.
    /// - Nothing is lost: every version the table held is already in the history (the merge has
    ///   always written each new version to both), which the first statement checks.
    static let m0011RevisionsOnly = Migration(version: 11, name: "revisions are the only keyed table", statements: [
        """
        DO $$
        BEGIN
            IF EXISTS (SELECT 1 FROM observation o WHERE NOT EXISTS (
                SELECT 1 FROM observation_revision r
                WHERE (r.indicator_id, r.area_id, r.breakdown_id, r.period, r.revision)
                    = (o.indicator_id, o.area_id, o.breakdown_id, o.period, o.revision))) THEN
                RAISE EXCEPTION 'observation rows without their revision in observation_revision: not migrated';
            END IF;
        END $$
        """,
        "ALTER TABLE observation_revision DROP CONSTRAINT observation_revision_pkey",
        """
        CREATE UNIQUE INDEX observation_revision_key
            ON observation_revision (indicator_id, area_id, breakdown_id, period, revision DESC)
        """,
        "DROP TABLE observation",
        """
        CREATE VIEW observation AS
            SELECT DISTINCT ON (indicator_id, area_id, breakdown_id, period)
                   indicator_id, area_id, breakdown_id, period, period_start, numerator, denominator, value,
                   lower, upper, notes, reason, revision, feed_id, recorded_at
            FROM observation_revision
            ORDER BY indicator_id, area_id, breakdown_id, period, revision DESC
        """,
    ])
}
