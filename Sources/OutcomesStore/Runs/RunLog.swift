import Foundation
public import OutcomesCore
public import PostgresNIO
public import Logging

/// The log of compute runs, newest first: what `GET /v1/runs` lists.
public struct RunLog: Sendable {
    public struct Entry: Sendable, EveryKeyEncodable {
        public var id: Int64
        public var trigger: String
        public var full: Bool
        public var status: String
        public var started_at: Date
        public var finished_at: Date?
        /// Wall time from start to finish (null while running).
        public var seconds: Double?
        /// The run whose untouched results this one carried forward (incremental runs).
        public var based_on: Int64?
        public var observations: Int
        public var measures: Int
        public var recomputed_indicators: Int
        public var catalogue_fingerprint: String
        public var message: String?
    }

    let client: PostgresClient
    let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// The newest `limit` runs, any status.
    public func recent(limit: Int = 50) async throws -> [Entry] {
        let rows = try await client.query("""
            SELECT id, trigger, full_run, status, started_at, finished_at,
                   extract(epoch FROM finished_at - started_at)::float8, based_on,
                   observations, measures, recomputed_indicators, catalogue_fingerprint, message
            FROM run ORDER BY id DESC LIMIT \(limit)
            """, logger: logger)
        var out: [Entry] = []
        for try await r in rows.decode((Int64, String, Bool, String, Date, Date?, Double?, Int64?, Int, Int, Int, String, String?).self) {
            out.append(Entry(id: r.0, trigger: r.1, full: r.2, status: r.3, started_at: r.4, finished_at: r.5, seconds: r.6,
                             based_on: r.7, observations: r.8, measures: r.9, recomputed_indicators: r.10,
                             catalogue_fingerprint: r.11, message: r.12))
        }
        return out
    }
}
