extension Migration {
    /// A run's map and its firing set as spans of runs, so a run writes only what it changed.
    ///
    /// Until now every run wrote its whole map (`run_result`, one row per indicator: 5,327 rows
    /// at 10,000,000 observations) and its whole firing set (`run_alert_firing`, about 3,000
    /// rows), incremental runs included: 16 and 12 ms of an incremental run's 86 ms there. Now a
    /// result set is mapped into every run from the one that wrote it (`from_run`) up to the one
    /// that replaced it (`until_run`, exclusive; NULL while it is current), and an area's alert on
    /// an indicator is firing over such a span too. An incremental run closes the spans of the
    /// indicators it recomputed and opens one per new result set, and opens or closes the firing
    /// spans of those indicators whose state changed: what it writes is what changed.
    ///
    /// `run_result` becomes a view with the columns it had (a run's map: the spans covering it),
    /// so `measure` and every reader keep asking `WHERE run_id = …`; only running and finished
    /// runs have a map. Pruning deletes the spans that cover no finished run, then the result
    /// sets no span names. Existing maps are carried over exactly: a set's span runs from the
    /// first run that named it to the next run kept or pruned after the last one (a replaced set
    /// is never named again, so the runs in between named it too); each run's firing rows become
    /// a span up to the next such run.
    static let m0015RunSpans = Migration(version: 15, name: "runs as spans of result sets and firing alerts", statements: [
        """
        CREATE TABLE result_span (
            indicator_id integer NOT NULL,
            result_set_id bigint NOT NULL,
            from_run bigint NOT NULL,
            until_run bigint CHECK (until_run > from_run),
            PRIMARY KEY (indicator_id, result_set_id)
        )
        """,
        """
        INSERT INTO result_span (indicator_id, result_set_id, from_run, until_run)
        SELECT m.indicator_id, m.result_set_id, m.first_run,
               (SELECT min(n.id) FROM run n WHERE n.id > m.last_run AND n.status IN ('finished', 'pruned'))
        FROM (SELECT indicator_id, result_set_id, min(run_id) AS first_run, max(run_id) AS last_run
              FROM run_result GROUP BY indicator_id, result_set_id) m
        """,
        // One current set per indicator; the runs a read covers, by their end.
        "CREATE UNIQUE INDEX result_span_current ON result_span (indicator_id) WHERE until_run IS NULL",
        "CREATE INDEX result_span_until ON result_span (until_run)",
        "DROP VIEW measure",
        "DROP TABLE run_result",
        """
        CREATE VIEW run_result AS
        SELECT r.id AS run_id, s.indicator_id, s.result_set_id
        FROM run r
        JOIN result_span s ON s.from_run <= r.id AND (s.until_run IS NULL OR s.until_run > r.id)
        WHERE r.status IN ('running', 'finished')
        """,
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
        """
        CREATE TABLE alert_firing_span (
            indicator_id integer NOT NULL,
            area_id integer NOT NULL,
            from_run bigint NOT NULL,
            until_run bigint CHECK (until_run > from_run),
            PRIMARY KEY (indicator_id, area_id, from_run)
        )
        """,
        """
        INSERT INTO alert_firing_span (indicator_id, area_id, from_run, until_run)
        SELECT f.indicator_id, f.area_id, f.run_id,
               (SELECT min(n.id) FROM run n WHERE n.id > f.run_id AND n.status IN ('finished', 'pruned'))
        FROM run_alert_firing f
        """,
        "CREATE UNIQUE INDEX alert_firing_span_current ON alert_firing_span (indicator_id, area_id) WHERE until_run IS NULL",
        "CREATE INDEX alert_firing_span_area ON alert_firing_span (area_id, from_run)",
        "DROP TABLE run_alert_firing",
    ])
}
