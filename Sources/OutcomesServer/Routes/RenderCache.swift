import NIOCore

/// Rendered responses per run and representation: a summary request served from here does not
/// touch the database. Runs are immutable, so an entry never goes stale; the cache keeps the
/// entries of the newest run only.
actor RenderCache {
    struct Key: Hashable {
        var run: Int64
        var path: String
        var format: String
        var welsh: Bool
        /// "public" (small numbers suppressed) or "full".
        var audience: String = "public"
    }

    private var entries: [Key: ByteBuffer] = [:]
    private var newestRun: Int64 = 0

    /// The rendered body (kept as a `ByteBuffer`, so a hit copies nothing).
    func value(_ key: Key, render: () async throws -> String) async throws -> ByteBuffer {
        if let hit = entries[key] { return hit }
        let body = ByteBuffer(string: try await render())
        if key.run > newestRun {
            entries = entries.filter { $0.key.run == key.run }
            newestRun = key.run
        }
        if key.run == newestRun { entries[key] = body }
        return body
    }
}
