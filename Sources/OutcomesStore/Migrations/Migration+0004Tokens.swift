extension Migration {
    /// API bearer tokens: only a SHA-256 of each token is stored; the token itself is shown once.
    static let m0004Tokens = Migration(version: 4, name: "tokens", statements: [
        """
        CREATE TABLE api_token (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            name text NOT NULL,
            role text NOT NULL CHECK (role IN ('reader', 'partner', 'admin')),
            partner_id smallint REFERENCES partner,
            sha256 bytea NOT NULL UNIQUE CHECK (octet_length(sha256) = 32),
            prefix text NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now(),
            last_used_at timestamptz,
            revoked_at timestamptz,
            CHECK ((role = 'partner') = (partner_id IS NOT NULL))
        )
        """,
    ])
}
