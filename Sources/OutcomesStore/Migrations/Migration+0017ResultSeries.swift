extension Migration {
    /// A result set's measures are stored a row per series, not a row per measure: the key
    /// (indicator, set, area, breakdown) and one array per measure column, in period order.
    /// A full run at 1M wrote 1,000,000 rows into `result`, each a heap tuple and an entry in
    /// its five-column primary key; as 21,726 series the same measures are 21,726 rows and
    /// index entries. PostgreSQL's share of the run's writing was the largest part of its time.
    ///
    /// `result` becomes a view with the columns it had (each series unnested in period order),
    /// and `measure` reads it as before, so every reader keeps its query. The arrays are stored
    /// uncompressed (`STORAGE EXTERNAL`: float arrays gain little from compression and cost a
    /// compression attempt each), and a series row stays in the heap up to a page
    /// (`toast_tuple_target`), so only series of more than about 70 points go to TOAST.
    static let m0017ResultSeries = Migration(version: 17, name: "results stored a row per series", statements: [
        """
        CREATE TABLE result_series (
            indicator_id integer NOT NULL,
            result_set_id bigint NOT NULL,
            area_id integer NOT NULL,
            breakdown_id smallint NOT NULL,
            period text[] NOT NULL,
            period_start date[] NOT NULL,
            value double precision[] NOT NULL,
            lower95 double precision[] NOT NULL,
            upper95 double precision[] NOT NULL,
            lower998 double precision[] NOT NULL,
            upper998 double precision[] NOT NULL,
            numerator double precision[] NOT NULL,
            denominator double precision[] NOT NULL,
            derived boolean[] NOT NULL,
            notes text[] NOT NULL,
            vs_wales smallint[] NOT NULL,
            vs_board smallint[] NOT NULL,
            trend smallint[] NOT NULL,
            trend_chi2 double precision[] NOT NULL,
            change_abs double precision[] NOT NULL,
            change_rel double precision[] NOT NULL,
            quintile smallint[] NOT NULL,
            target_met boolean[] NOT NULL,
            stale boolean[] NOT NULL,
            gap double precision[] NOT NULL,
            gap_significant boolean[] NOT NULL,
            PRIMARY KEY (indicator_id, result_set_id, area_id, breakdown_id)
        ) WITH (toast_tuple_target = 8160)
        """,
        """
        ALTER TABLE result_series
            ALTER COLUMN period SET STORAGE EXTERNAL, ALTER COLUMN period_start SET STORAGE EXTERNAL,
            ALTER COLUMN value SET STORAGE EXTERNAL, ALTER COLUMN lower95 SET STORAGE EXTERNAL,
            ALTER COLUMN upper95 SET STORAGE EXTERNAL, ALTER COLUMN lower998 SET STORAGE EXTERNAL,
            ALTER COLUMN upper998 SET STORAGE EXTERNAL, ALTER COLUMN numerator SET STORAGE EXTERNAL,
            ALTER COLUMN denominator SET STORAGE EXTERNAL, ALTER COLUMN derived SET STORAGE EXTERNAL,
            ALTER COLUMN notes SET STORAGE EXTERNAL, ALTER COLUMN vs_wales SET STORAGE EXTERNAL,
            ALTER COLUMN vs_board SET STORAGE EXTERNAL, ALTER COLUMN trend SET STORAGE EXTERNAL,
            ALTER COLUMN trend_chi2 SET STORAGE EXTERNAL, ALTER COLUMN change_abs SET STORAGE EXTERNAL,
            ALTER COLUMN change_rel SET STORAGE EXTERNAL, ALTER COLUMN quintile SET STORAGE EXTERNAL,
            ALTER COLUMN target_met SET STORAGE EXTERNAL, ALTER COLUMN stale SET STORAGE EXTERNAL,
            ALTER COLUMN gap SET STORAGE EXTERNAL, ALTER COLUMN gap_significant SET STORAGE EXTERNAL
        """,
        """
        INSERT INTO result_series
        SELECT indicator_id, result_set_id, area_id, breakdown_id,
               array_agg(period ORDER BY period_start, period), array_agg(period_start ORDER BY period_start, period),
               array_agg(value ORDER BY period_start, period), array_agg(lower95 ORDER BY period_start, period),
               array_agg(upper95 ORDER BY period_start, period), array_agg(lower998 ORDER BY period_start, period),
               array_agg(upper998 ORDER BY period_start, period), array_agg(numerator ORDER BY period_start, period),
               array_agg(denominator ORDER BY period_start, period), array_agg(derived ORDER BY period_start, period),
               array_agg(notes ORDER BY period_start, period), array_agg(vs_wales ORDER BY period_start, period),
               array_agg(vs_board ORDER BY period_start, period), array_agg(trend ORDER BY period_start, period),
               array_agg(trend_chi2 ORDER BY period_start, period), array_agg(change_abs ORDER BY period_start, period),
               array_agg(change_rel ORDER BY period_start, period), array_agg(quintile ORDER BY period_start, period),
               array_agg(target_met ORDER BY period_start, period), array_agg(stale ORDER BY period_start, period),
               array_agg(gap ORDER BY period_start, period), array_agg(gap_significant ORDER BY period_start, period)
        FROM result GROUP BY indicator_id, result_set_id, area_id, breakdown_id
        """,
        "DROP VIEW measure",
        "DROP TABLE result",
        """
        CREATE VIEW result AS
        SELECT s.indicator_id, s.result_set_id, s.area_id, s.breakdown_id, m.period, m.period_start, m.value, m.lower95,
               m.upper95, m.lower998, m.upper998, m.numerator, m.denominator, m.derived, m.notes, m.vs_wales, m.vs_board,
               m.trend, m.trend_chi2, m.change_abs, m.change_rel, m.quintile, m.target_met, m.stale, m.gap, m.gap_significant
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
               r.stale, r.gap, r.gap_significant
        FROM run_result rr
        JOIN result_set s ON s.id = rr.result_set_id
        JOIN result r ON r.indicator_id = rr.indicator_id AND r.result_set_id = rr.result_set_id
        """,
    ])
}
