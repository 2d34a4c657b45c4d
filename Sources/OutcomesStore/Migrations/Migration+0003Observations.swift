extension Migration {
    /// Observations: the current value of each (indicator, area, breakdown, period), and every
    /// revision ever set with the feed that set it and when — so any series can be read as of a
    /// past time. Keys lead with `indicator_id`, the distribution column should the table ever move
    /// to Citus. No secondary indexes: the primary keys serve series reads (by indicator, area,
    /// breakdown) and every extra index is paid for on each of a feed's million rows.
    ///
    /// No foreign keys either, on purpose: measured on a million-row feed, the five FK triggers
    /// took 25 of the merge's 37 seconds. Integrity holds by construction: the only writer
    /// (``FeedIngest``) takes every key from a join with the catalogue tables and the feed row it
    /// has just inserted, and catalogue rows are never deleted (only retired).
    static let m0003Observations = Migration(version: 3, name: "observations", statements: [
        """
        CREATE TABLE observation (
            indicator_id integer NOT NULL,
            area_id integer NOT NULL,
            breakdown_id smallint NOT NULL,
            period text NOT NULL,
            period_start date NOT NULL,
            numerator double precision,
            denominator double precision,
            value double precision,
            lower double precision,
            upper double precision,
            notes text NOT NULL DEFAULT '',
            revision integer NOT NULL,
            feed_id bigint NOT NULL,
            recorded_at timestamptz NOT NULL,
            PRIMARY KEY (indicator_id, area_id, breakdown_id, period)
        )
        """,
        """
        CREATE TABLE observation_revision (
            indicator_id integer NOT NULL,
            area_id integer NOT NULL,
            breakdown_id smallint NOT NULL,
            period text NOT NULL,
            revision integer NOT NULL,
            period_start date NOT NULL,
            numerator double precision,
            denominator double precision,
            value double precision,
            lower double precision,
            upper double precision,
            notes text NOT NULL DEFAULT '',
            feed_id bigint NOT NULL,
            recorded_at timestamptz NOT NULL,
            PRIMARY KEY (indicator_id, area_id, breakdown_id, period, revision)
        )
        """,
    ])
}
