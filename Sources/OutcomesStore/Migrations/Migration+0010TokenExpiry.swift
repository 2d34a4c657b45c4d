extension Migration {
    /// Tokens may expire (`outcomesd token create --expires-in 90d`): an expired token is refused
    /// like a revoked one. Changing a token's expiry is announced like any other token change.
    static let m0010TokenExpiry = Migration(version: 10, name: "token expiry", statements: [
        "ALTER TABLE api_token ADD COLUMN expires_at timestamptz",
        "DROP TRIGGER api_token_changed ON api_token",
        """
        CREATE TRIGGER api_token_changed AFTER UPDATE OF revoked_at, role, partner_id, sha256, expires_at OR DELETE OR TRUNCATE ON api_token
        FOR EACH STATEMENT EXECUTE FUNCTION outcomesd_tokens_changed()
        """,
    ])
}
