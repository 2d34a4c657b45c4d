extension Migration {
    /// `result_series` is partitioned by generation: a full run and the incremental runs based on
    /// it (``ResultGeneration``) write their series into one partition, `result_series_g<full
    /// run's id>`, and the full run creates it in its own transaction. Two costs of one shared
    /// table go with it:
    /// - A full run's rows were written once by the run, then again by the first vacuum of the
    ///   table (hint bits and the visibility map on every page), and a superseded full run's rows
    ///   were deleted row by row when pruned and vacuumed away, every page written once more. At
    ///   10M observations that is 1.4 GB a full run, and its writeback stalled feeds' commits for
    ///   up to seconds. Now a full run's series are written frozen (`COPY … FREEZE` into the
    ///   partition it created), which vacuum never writes again, and pruning drops a generation
    ///   no kept run belongs to as one table.
    /// - Every series lookup goes to one partition: a run's map (`result_span`, read through
    ///   `run_result`) names each set's generation beside its id, `measure` joins on both, and
    ///   PostgreSQL prunes the other partitions when it runs the query (a run refers only to
    ///   sets of its own generation). `measure` gives the generation, so a query that names it
    ///   as a value is planned for that partition alone (``MeasureQueries``). A set's generation
    ///   is its run's (`run.generation`); the span repeats it only so that the join can prune.
    ///
    /// - A series is stored in parts (`part`, from 0 in period order) whose rows stay in their
    ///   heap page (``MeasureCopy/parts(text:)``): PostgreSQL writes TOAST rows without marking
    ///   their pages all-visible, even under `FREEZE`, so a long series' arrays in TOAST would be
    ///   written again by the first vacuum.
    ///
    /// The stored series become generation 0 (`result_series_g0`, attached without a scan, its
    /// `CHECK` proving the bound), each one part, and every stored run and span belongs to it.
    static let m0018ResultGenerations = Migration(version: 18, name: "result series partitioned by generation", statements: [
        "DROP VIEW measure",
        "DROP VIEW result",
        "ALTER TABLE result_series RENAME TO result_series_g0",
        "ALTER TABLE result_series_g0 DROP CONSTRAINT result_series_pkey",
        "ALTER TABLE result_series_g0 ADD COLUMN part smallint NOT NULL DEFAULT 0, ADD COLUMN generation bigint NOT NULL DEFAULT 0",
        "ALTER TABLE result_series_g0 ALTER COLUMN part DROP DEFAULT, ALTER COLUMN generation DROP DEFAULT",
        "ALTER TABLE result_series_g0 ADD CONSTRAINT result_series_g0_generation CHECK (generation = 0)",
        """
        ALTER TABLE result_series_g0 ADD CONSTRAINT result_series_g0_pkey
            PRIMARY KEY (indicator_id, result_set_id, area_id, breakdown_id, part, generation)
        """,
        // The parent takes the stored table's columns, with their NOT NULL and the arrays'
        // storage (``ResultGeneration`` makes each partition `LIKE` it in turn); a partitioned
        // table takes no toast_tuple_target, each partition sets its own.
        "CREATE TABLE result_series (LIKE result_series_g0 INCLUDING STORAGE) PARTITION BY LIST (generation)",
        "ALTER TABLE result_series ADD PRIMARY KEY (indicator_id, result_set_id, area_id, breakdown_id, part, generation)",
        "ALTER TABLE result_series ATTACH PARTITION result_series_g0 FOR VALUES IN (0)",
        "ALTER TABLE result_span ADD COLUMN generation bigint NOT NULL DEFAULT 0",
        "ALTER TABLE result_span ALTER COLUMN generation DROP DEFAULT",
        "ALTER TABLE run ADD COLUMN generation bigint NOT NULL DEFAULT 0",
        "ALTER TABLE run ALTER COLUMN generation DROP DEFAULT",
        """
        CREATE OR REPLACE VIEW run_result AS
        SELECT r.id AS run_id, s.indicator_id, s.result_set_id, s.generation
        FROM run r
        JOIN result_span s ON s.from_run <= r.id AND (s.until_run IS NULL OR s.until_run > r.id)
        WHERE r.status IN ('running', 'finished')
        """,
        """
        CREATE VIEW result AS
        SELECT s.indicator_id, s.result_set_id, s.area_id, s.breakdown_id, m.period, m.period_start, m.value, m.lower95,
               m.upper95, m.lower998, m.upper998, m.numerator, m.denominator, m.derived, m.notes, m.vs_wales, m.vs_board,
               m.trend, m.trend_chi2, m.change_abs, m.change_rel, m.quintile, m.target_met, m.stale, m.gap, m.gap_significant,
               s.generation
        FROM result_series s
        CROSS JOIN LATERAL unnest(s.period, s.period_start, s.value, s.lower95, s.upper95, s.lower998, s.upper998, s.numerator,
                                  s.denominator, s.derived, s.notes, s.vs_wales, s.vs_board, s.trend, s.trend_chi2,
                                  s.change_abs, s.change_rel, s.quintile, s.target_met, s.stale, s.gap, s.gap_significant)
            AS m(period, period_start, value, lower95, upper95, lower998, upper998, numerator, denominator, derived, notes,
                 vs_wales, vs_board, trend, trend_chi2, change_abs, change_rel, quintile, target_met, stale, gap,
                 gap_significant)
        """,
        """
        CREATE VIEW measure AS
        SELECT rr.run_id, s.run_id AS computed_by, r.indicator_id, r.area_id, r.breakdown_id, r.period, r.period_start,
               r.value, r.lower95, r.upper95, r.lower998, r.upper998, r.numerator, r.denominator, r.derived, r.notes,
               r.vs_wales, r.vs_board, r.trend, r.trend_chi2, r.change_abs, r.change_rel, r.quintile, r.target_met,
               r.stale, r.gap, r.gap_significant, rr.generation
        FROM run_result rr
        JOIN result_set s ON s.id = rr.result_set_id
        JOIN result r ON r.indicator_id = rr.indicator_id AND r.result_set_id = rr.result_set_id AND r.generation = rr.generation
        """,
    ])
}
