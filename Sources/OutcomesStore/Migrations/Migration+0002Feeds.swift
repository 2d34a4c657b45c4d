extension Migration {
    /// Feeds as received: who sent what, how, its sha256 (a byte-identical re-send is recognised),
    /// the counts, and every row error with its place.
    static let m0002Feeds = Migration(version: 2, name: "feeds", statements: [
        """
        CREATE TABLE feed (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            partner_id smallint NOT NULL REFERENCES partner,
            source text NOT NULL CHECK (source IN ('spool', 'http', 'cli')),
            file_name text,
            sha256 bytea NOT NULL CHECK (octet_length(sha256) = 32),
            byte_size bigint NOT NULL,
            format text NOT NULL CHECK (format IN ('csv', 'json')),
            strict boolean NOT NULL DEFAULT false,
            received_at timestamptz NOT NULL DEFAULT now(),
            finished_at timestamptz,
            status text NOT NULL CHECK (status IN ('applied', 'rejected', 'duplicate')),
            duplicate_of bigint REFERENCES feed,
            rows_total integer NOT NULL DEFAULT 0,
            inserted integer NOT NULL DEFAULT 0,
            updated integer NOT NULL DEFAULT 0,
            unchanged integer NOT NULL DEFAULT 0,
            rejected integer NOT NULL DEFAULT 0,
            indicators integer[] NOT NULL DEFAULT '{}',
            message text
        )
        """,
        "CREATE INDEX feed_sha256 ON feed (sha256) WHERE status = 'applied'",
        "CREATE INDEX feed_partner_received ON feed (partner_id, received_at DESC)",
        """
        CREATE TABLE feed_error (
            feed_id bigint NOT NULL REFERENCES feed,
            ordinal integer NOT NULL,
            line bigint,
            field text,
            code text NOT NULL,
            message text NOT NULL,
            value text,
            PRIMARY KEY (feed_id, ordinal)
        )
        """,
    ])
}
