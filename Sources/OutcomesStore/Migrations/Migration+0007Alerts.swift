extension Migration {
    /// Alerts: the current state of each (`alert`, one row per fingerprint), every transition
    /// (`alert_event`), the durable outbox of notifications (`alert_outbox`, one row per
    /// notification and sink, written in the transaction of the state change), and the runs
    /// already evaluated (`alert_evaluation`).
    static let m0007Alerts = Migration(version: 7, name: "alerts", statements: [
        """
        CREATE TABLE alert (
            fingerprint text PRIMARY KEY,
            rule text NOT NULL,
            kind text NOT NULL,
            indicator text NOT NULL,
            area text NOT NULL,
            breakdown text NOT NULL,
            partner text NOT NULL,
            state text NOT NULL CHECK (state IN ('inactive', 'pending', 'firing', 'resolved')),
            severity text NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
            since_period text,
            period text,
            value double precision,
            withheld boolean NOT NULL,
            inhibited boolean NOT NULL,
            summary text NOT NULL,
            summary_cy text NOT NULL,
            since timestamptz NOT NULL,
            updated_at timestamptz NOT NULL,
            updated_run bigint,
            last_notified_at timestamptz
        )
        """,
        "CREATE INDEX alert_indicator ON alert (indicator)",
        "CREATE INDEX alert_firing ON alert (last_notified_at) WHERE state = 'firing'",
        """
        CREATE TABLE alert_event (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            fingerprint text NOT NULL,
            run_id bigint,
            at timestamptz NOT NULL DEFAULT clock_timestamp(),
            from_state text,
            to_state text NOT NULL,
            rule text NOT NULL,
            kind text NOT NULL,
            indicator text NOT NULL,
            area text NOT NULL,
            breakdown text NOT NULL,
            severity text NOT NULL,
            period text,
            value double precision,
            withheld boolean NOT NULL,
            summary text NOT NULL,
            summary_cy text NOT NULL
        )
        """,
        "CREATE INDEX alert_event_at ON alert_event (at DESC)",
        """
        CREATE TABLE alert_outbox (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            fingerprint text NOT NULL,
            run_id bigint,
            sink text NOT NULL,
            status text NOT NULL CHECK (status IN ('firing', 'resolved')),
            labels jsonb NOT NULL,
            annotations jsonb NOT NULL,
            starts_at timestamptz NOT NULL,
            ends_at timestamptz,
            created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
            attempts integer NOT NULL DEFAULT 0,
            next_attempt_at timestamptz NOT NULL DEFAULT clock_timestamp(),
            last_error text,
            delivered_at timestamptz
        )
        """,
        // The dispatcher walks undelivered rows per sink in id order: a partial index keeps that
        // walk proportional to the backlog, not to every notification ever sent.
        "CREATE INDEX alert_outbox_due ON alert_outbox (sink, id) WHERE delivered_at IS NULL",
        """
        CREATE TABLE alert_evaluation (
            run_id bigint PRIMARY KEY,
            evaluated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
            updates integer NOT NULL,
            seconds double precision NOT NULL
        )
        """,
    ])
}
