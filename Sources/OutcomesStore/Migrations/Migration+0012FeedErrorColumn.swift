extension Migration {
    /// A stored row error keeps its byte column (`malformed_csv`), so `GET /v1/feeds/{id}` gives
    /// each error exactly as the import report gave it when the feed came in: the same value
    /// (``RowError``), counted by line for CSV and by observation for JSON (from the feed's format).
    static let m0012FeedErrorColumn = Migration(version: 12, name: "feed errors as reported", statements: [
        "ALTER TABLE feed_error ADD COLUMN col integer",
    ])
}
