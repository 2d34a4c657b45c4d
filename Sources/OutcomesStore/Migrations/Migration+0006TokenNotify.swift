extension Migration {
    /// Any revocation, deletion or change of role of an API token, by whatever path (the CLI,
    /// another daemon, plain SQL), is announced on the `outcomesd_tokens` channel, so a running
    /// daemon drops the tokens it has verified recently (``TokenChanges``) at once.
    static let m0006TokenNotify = Migration(version: 6, name: "token change notification", statements: [
        """
        CREATE FUNCTION outcomesd_tokens_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('\(TokenStore.changeChannel)', '');
            RETURN NULL;
        END
        $$
        """,
        """
        CREATE TRIGGER api_token_changed AFTER UPDATE OF revoked_at, role, partner_id, sha256 OR DELETE OR TRUNCATE ON api_token
        FOR EACH STATEMENT EXECUTE FUNCTION outcomesd_tokens_changed()
        """,
    ])
}
