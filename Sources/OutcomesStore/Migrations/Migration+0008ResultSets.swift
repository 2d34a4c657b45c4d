extension Migration {
    /// Runs share unchanged results. A run is a map from indicator to a **result set** (the
    /// measures of one indicator as one run computed them): an incremental run writes result sets
    /// only for the indicators its feeds touched and refers to the previous run's sets for every
    /// other indicator, so nothing unchanged is copied or re-indexed. Pruning deletes the sets no
    /// kept run refers to.
    ///
    /// `measure` becomes a view with the columns it had (`run_id` the run read, `computed_by` the
    /// run that computed the row), so readers keep asking `WHERE run_id = …`; its categories
    /// (`vs_wales`, `vs_board`, `trend`) are now the `smallint` codes of StoredCodes.swift, which
    /// readers decode into the core's types. Every key leads
    /// with `indicator_id` (a distribution column for Citus; see docs/scale.md). Existing runs are
    /// carried over, one result set per run and indicator.
    static let m0008ResultSets = Migration(version: 8, name: "result sets", statements: [
        """
        CREATE TABLE result_set (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            indicator_id integer NOT NULL,
            run_id bigint NOT NULL,
            measures integer NOT NULL DEFAULT 0
        )
        """,
        """
        CREATE TABLE result (
            indicator_id integer NOT NULL,
            result_set_id bigint NOT NULL,
            area_id integer NOT NULL,
            breakdown_id smallint NOT NULL,
            period text NOT NULL,
            period_start date NOT NULL,
            value double precision,
            lower95 double precision,
            upper95 double precision,
            lower998 double precision,
            upper998 double precision,
            numerator double precision,
            denominator double precision,
            derived boolean NOT NULL,
            notes text NOT NULL,
            vs_wales smallint NOT NULL,
            vs_board smallint NOT NULL,
            trend smallint NOT NULL,
            trend_chi2 double precision,
            change_abs double precision,
            change_rel double precision,
            quintile smallint,
            target_met boolean,
            stale boolean,
            gap double precision,
            gap_significant boolean,
            PRIMARY KEY (indicator_id, result_set_id, area_id, breakdown_id, period)
        )
        """,
        """
        CREATE TABLE run_result (
            run_id bigint NOT NULL REFERENCES run ON DELETE CASCADE,
            indicator_id integer NOT NULL,
            result_set_id bigint NOT NULL REFERENCES result_set,
            PRIMARY KEY (run_id, indicator_id)
        )
        """,
        "CREATE INDEX run_result_by_set ON run_result (result_set_id)",
        // The roll-up inputs of a result set: the latest point of each of its series, written
        // with the set, so a run's roll-ups read one row per series (the changed indicators' new
        // rows plus the kept sets' rows), never the whole run.
        """
        CREATE TABLE result_latest (
            indicator_id integer NOT NULL,
            result_set_id bigint NOT NULL,
            area_id integer NOT NULL,
            breakdown_id smallint NOT NULL,
            period text NOT NULL,
            value double precision,
            numerator double precision,
            denominator double precision,
            vs_wales smallint NOT NULL,
            vs_board smallint NOT NULL,
            trend smallint NOT NULL,
            target_met boolean,
            stale boolean,
            gap double precision,
            gap_significant boolean,
            PRIMARY KEY (indicator_id, result_set_id, area_id, breakdown_id)
        )
        """,
        // Carry existing runs over: one result set per run and indicator.
        """
        INSERT INTO result_set (indicator_id, run_id, measures)
        SELECT indicator_id, run_id, count(*) FROM measure GROUP BY indicator_id, run_id ORDER BY run_id, indicator_id
        """,
        "INSERT INTO run_result (run_id, indicator_id, result_set_id) SELECT run_id, indicator_id, id FROM result_set",
        // The old text labels become the codes of StoredCodes.swift (OutcomesCore); a label no
        // code stands for stops the migration, naming it.
        """
        CREATE TABLE category_code (kind text NOT NULL, label text NOT NULL, code smallint NOT NULL,
                                    PRIMARY KEY (kind, label))
        """,
        """
        INSERT INTO category_code (kind, label, code) VALUES
            ('comparison', 'not_compared', 0), ('comparison', 'best', 1), ('comparison', 'better', 2),
            ('comparison', 'similar', 3), ('comparison', 'worse', 4), ('comparison', 'worst', 5),
            ('comparison', 'higher', 6), ('comparison', 'lower', 7), ('comparison', 'higher_99_8', 8),
            ('comparison', 'lower_99_8', 9),
            ('trend', 'cannot_be_calculated', 0), ('trend', 'increasing_and_getting_better', 1),
            ('trend', 'increasing_and_getting_worse', 2), ('trend', 'decreasing_and_getting_better', 3),
            ('trend', 'decreasing_and_getting_worse', 4), ('trend', 'increasing', 5), ('trend', 'decreasing', 6),
            ('trend', 'no_significant_change', 7)
        """,
        """
        DO $$
        DECLARE bad record;
        BEGIN
            SELECT c.col, c.label INTO bad
            FROM measure m
            CROSS JOIN LATERAL (VALUES ('vs_wales', 'comparison', m.vs_wales), ('vs_board', 'comparison', m.vs_board),
                                       ('trend', 'trend', m.trend)) AS c(col, kind, label)
            WHERE NOT EXISTS (SELECT 1 FROM category_code k WHERE k.kind = c.kind AND k.label = c.label)
            LIMIT 1;
            IF FOUND THEN
                RAISE EXCEPTION 'measure.% holds the label %, which no category code stands for', bad.col, quote_literal(bad.label);
            END IF;
        END $$
        """,
        """
        INSERT INTO result
        SELECT m.indicator_id, s.id, m.area_id, m.breakdown_id, m.period, m.period_start, m.value, m.lower95, m.upper95,
               m.lower998, m.upper998, m.numerator, m.denominator, m.derived, m.notes, w.code, b.code, t.code,
               m.trend_chi2, m.change_abs, m.change_rel, m.quintile, m.target_met, m.stale, m.gap, m.gap_significant
        FROM measure m JOIN result_set s ON s.run_id = m.run_id AND s.indicator_id = m.indicator_id
        JOIN category_code w ON w.kind = 'comparison' AND w.label = m.vs_wales
        JOIN category_code b ON b.kind = 'comparison' AND b.label = m.vs_board
        JOIN category_code t ON t.kind = 'trend' AND t.label = m.trend
        """,
        """
        INSERT INTO result_latest
        SELECT DISTINCT ON (indicator_id, result_set_id, area_id, breakdown_id)
               indicator_id, result_set_id, area_id, breakdown_id, period, value, numerator, denominator, vs_wales, vs_board,
               trend, target_met, stale, gap, gap_significant
        FROM result ORDER BY indicator_id, result_set_id, area_id, breakdown_id, period_start DESC
        """,
        // Roll-ups are stored as the JSON text the daemon wrote and reads back whole (it never
        // queries inside one): parsing 30 large documents into jsonb cost more than the rest of
        // an incremental run's roll-ups (149 ms of 437 at 529 indicators).
        "ALTER TABLE area_summary ALTER COLUMN summary TYPE text USING summary::text",
        // lz4 rather than pglz for those documents: half the write time (102 → 52 ms for a run's
        // 30 summaries, 6.9 MB of text) and smaller; a server built without lz4 keeps pglz.
        """
        DO $$
        BEGIN
            ALTER TABLE area_summary ALTER COLUMN summary SET COMPRESSION lz4;
        EXCEPTION WHEN feature_not_supported OR syntax_error THEN
            RAISE NOTICE 'lz4 not available here; area_summary keeps the default compression';
        END $$
        """,
        "DROP TABLE measure",
        // An ordinary table, dropped in the same transaction: the migration needs no TEMP privilege.
        "DROP TABLE category_code",
        """
        CREATE VIEW measure AS
        SELECT rr.run_id, s.run_id AS computed_by, r.indicator_id, r.area_id, r.breakdown_id, r.period, r.period_start,
               r.value, r.lower95, r.upper95, r.lower998, r.upper998, r.numerator, r.denominator, r.derived, r.notes,
               r.vs_wales, r.vs_board, r.trend, r.trend_chi2, r.change_abs, r.change_rel, r.quintile, r.target_met,
               r.stale, r.gap, r.gap_significant
        FROM run_result rr
        JOIN result_set s ON s.id = rr.result_set_id
        JOIN result r ON r.indicator_id = rr.indicator_id AND r.result_set_id = rr.result_set_id
        """,
    ])
}
