public import PostgresNIO
public import Logging

/// What the scheduler asks the database to decide when to compute (``RunPlanner`` decides):
/// the newest feed, the feeds after one, whether the latest run used this catalogue, and the
/// indicators fed since the latest run started.
public struct RunTriggers: Sendable {
    let client: PostgresClient
    let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// The newest feed's id (0 when there is none).
    public func latestFeedID() async throws -> Int64 {
        for try await id in try await client.query("SELECT coalesce(max(id), 0) FROM feed", logger: logger).decode(Int64.self) {
            return id
        }
        return 0
    }

    /// Feeds after `id`: the newest id and the keys of the indicators they changed.
    public func feeds(after id: Int64) async throws -> (newest: Int64, indicators: Set<String>) {
        var newest = id
        var indicators: Set<String> = []
        for try await (feed, touched) in try await client.query("""
            SELECT f.id, ARRAY(SELECT i.key FROM indicator i WHERE i.id = ANY(f.indicators)) FROM feed f
            WHERE f.id > \(id) ORDER BY f.id
            """, logger: logger).decode((Int64, [String]).self) {
            newest = max(newest, feed)
            indicators.formUnion(touched)
        }
        return (newest, indicators)
    }

    /// No finished run yet, or the latest was computed with another catalogue.
    public func needsFullRun(fingerprint: String) async throws -> Bool {
        for try await latest in try await client.query("""
            SELECT catalogue_fingerprint FROM run WHERE status = 'finished' ORDER BY id DESC LIMIT 1
            """, logger: logger).decode(String.self) {
            return latest != fingerprint
        }
        return true
    }

    /// Indicators touched by feeds that finished after the latest finished run started (such a
    /// feed may be missing from that run's snapshot; computing it again is harmless).
    public func indicatorsFedSinceLatestRun() async throws -> Set<String> {
        var indicators: Set<String> = []
        for try await touched in try await client.query("""
            SELECT ARRAY(SELECT i.key FROM indicator i WHERE i.id = ANY(f.indicators)) FROM feed f
            WHERE f.status = 'applied'
              AND coalesce(f.finished_at, f.received_at) >= (SELECT started_at FROM run WHERE status = 'finished' ORDER BY id DESC LIMIT 1)
            """, logger: logger).decode([String].self) {
            indicators.formUnion(touched)
        }
        return indicators
    }
}
