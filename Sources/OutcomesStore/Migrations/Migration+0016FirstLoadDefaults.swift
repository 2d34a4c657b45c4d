extension Migration {
    /// A partner's first load is copied straight into `observation_revision` (``FirstLoad``):
    /// its rows are each a new key's first revision, recorded in the feed's transaction, which
    /// the table now says itself, so the COPY need not carry the same two values on every row.
    /// The merge still writes both explicitly.
    static let m0016FirstLoadDefaults = Migration(version: 16, name: "revision and recorded_at defaults for first loads", statements: [
        "ALTER TABLE observation_revision ALTER COLUMN revision SET DEFAULT 1, ALTER COLUMN recorded_at SET DEFAULT now()",
    ])
}
