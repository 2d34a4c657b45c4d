extension Migration {
    /// Who changed what, what is published, and what each run changed (issue 13).
    ///
    /// - `publication`: an admin's statement that an indicator's period (or every period through
    ///   one, for one indicator or all) is published. A feed that would change a published value
    ///   is refused for those rows unless it confirms the revision. Withdrawing keeps the row and
    ///   records who withdrew it, when and why.
    /// - The audit of every revision: the feed records who sent it (`submitted_by`: the token's
    ///   name, or the operating-system user of the CLI or of the spool file), its `reason` and
    ///   whether it confirmed revisions of published values; each revision keeps the row's own
    ///   `reason` and whether it changed a published value (`published`).
    /// - `run_feed`: the feeds each run was the first to include (a feed belongs to one run), and
    ///   `run_change`: the status changes the run introduced (comparison with Wales, trend, target,
    ///   latest period), one row per series and kind, so "what changed since run N" reads a few
    ///   small rows instead of diffing two whole runs. Both are kept when a run's results are pruned.
    ///
    /// Adding nullable columns and constant defaults rewrites nothing (PostgreSQL 11+).
    static let m0009Revisions = Migration(version: 9, name: "publications, audit and run changes", statements: [
        """
        CREATE TABLE publication (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            indicator_id integer,
            period text,
            through_period text,
            through_end date,
            published_by text NOT NULL,
            published_at timestamptz NOT NULL DEFAULT clock_timestamp(),
            note text,
            withdrawn_by text,
            withdrawn_at timestamptz,
            withdraw_reason text,
            CHECK ((period IS NULL) <> (through_period IS NULL)),
            CHECK (period IS NULL OR indicator_id IS NOT NULL),
            CHECK ((through_period IS NULL) = (through_end IS NULL))
        )
        """,
        "CREATE INDEX publication_active ON publication (indicator_id) WHERE withdrawn_at IS NULL",
        "ALTER TABLE feed ADD COLUMN submitted_by text, ADD COLUMN reason text, ADD COLUMN confirm_revisions boolean NOT NULL DEFAULT false",
        "ALTER TABLE observation ADD COLUMN reason text",
        "ALTER TABLE observation_revision ADD COLUMN reason text, ADD COLUMN published boolean NOT NULL DEFAULT false",
        """
        CREATE TABLE run_feed (
            feed_id bigint PRIMARY KEY,
            run_id bigint NOT NULL REFERENCES run
        )
        """,
        "CREATE INDEX run_feed_run ON run_feed (run_id)",
        // Feeds applied before this migration belong to the latest finished run, if any.
        """
        INSERT INTO run_feed (feed_id, run_id)
        SELECT f.id, r.id FROM feed f CROSS JOIN (SELECT max(id) AS id FROM run WHERE status = 'finished') r
        WHERE f.status = 'applied' AND r.id IS NOT NULL
        """,
        """
        CREATE TABLE run_change (
            indicator_id integer NOT NULL,
            run_id bigint NOT NULL,
            area_id integer NOT NULL,
            breakdown_id smallint NOT NULL,
            kind smallint NOT NULL,
            from_code smallint,
            to_code smallint,
            from_period text,
            to_period text,
            from_value double precision,
            to_value double precision,
            from_numerator double precision,
            to_numerator double precision,
            from_denominator double precision,
            to_denominator double precision,
            PRIMARY KEY (indicator_id, run_id, area_id, breakdown_id, kind)
        )
        """,
        "CREATE INDEX run_change_run ON run_change (run_id)",
        // "Alerts fired and resolved since run N" reads the events of a range of runs.
        "CREATE INDEX alert_event_run ON alert_event (run_id)",
    ])
}
