extension Migration {
    /// Computation runs and their results. `measure` is partitioned by run: a run writes its own
    /// partition, becomes visible when its status turns `finished` in the same transaction, and an
    /// old run is removed by dropping its partition (instant, no million-row DELETE).
    static let m0005Runs = Migration(version: 5, name: "runs", statements: [
        """
        CREATE TABLE run (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            trigger text NOT NULL CHECK (trigger IN ('schedule', 'feed', 'cli', 'startup', 'api')),
            full_run boolean NOT NULL,
            catalogue_fingerprint text NOT NULL,
            based_on bigint REFERENCES run ON DELETE SET NULL,
            started_at timestamptz NOT NULL DEFAULT clock_timestamp(),
            finished_at timestamptz,
            status text NOT NULL CHECK (status IN ('running', 'finished', 'failed', 'pruned')),
            observations integer NOT NULL DEFAULT 0,
            measures integer NOT NULL DEFAULT 0,
            recomputed_indicators integer NOT NULL DEFAULT 0,
            message text
        )
        """,
        "CREATE INDEX run_finished ON run (id DESC) WHERE status = 'finished'",
        """
        CREATE TABLE run_published_day (
            day date PRIMARY KEY,
            run_id bigint NOT NULL REFERENCES run
        )
        """,
        """
        CREATE TABLE measure (
            run_id bigint NOT NULL,
            indicator_id integer NOT NULL,
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
            vs_wales text NOT NULL,
            vs_board text NOT NULL,
            trend text NOT NULL,
            trend_chi2 double precision,
            change_abs double precision,
            change_rel double precision,
            quintile smallint,
            target_met boolean,
            stale boolean,
            gap double precision,
            gap_significant boolean,
            PRIMARY KEY (run_id, indicator_id, area_id, breakdown_id, period)
        ) PARTITION BY LIST (run_id)
        """,
        """
        CREATE TABLE area_summary (
            run_id bigint NOT NULL REFERENCES run ON DELETE CASCADE,
            area_id integer NOT NULL REFERENCES area,
            summary jsonb NOT NULL,
            PRIMARY KEY (run_id, area_id)
        )
        """,
    ])
}
