import Foundation
import OutcomesCore
public import OutcomesFeeds
public import PostgresNIO
public import Logging

/// The feed log and each feed's import report: what `GET /v1/feeds[/{id}]` lists. Reads are
/// limited to one partner's feeds unless `partner` is nil (an admin).
public struct FeedLog: Sendable {
    public struct Entry: Sendable, Encodable {
        public var id: Int64
        public var partner: String
        public var source: String
        public var file_name: String?
        public var format: String
        public var byte_size: Int64
        public var status: String
        public var duplicate_of: Int64?
        public var received_at: Date
        public var finished_at: Date?
        public var rows: Int
        public var inserted: Int
        public var updated: Int
        public var unchanged: Int
        public var rejected: Int
        public var message: String?
        /// Only in one feed's report (`/v1/feeds/{id}`); absent from the list. The same values the
        /// import report gave when the feed came in, counted by line (CSV) or observation (JSON).
        public var errors: [RowError]?
    }

    /// A stored error code this version does not know: a database written by a newer one.
    public struct UnknownRowErrorCode: Error, CustomStringConvertible {
        public var feedID: Int64
        public var code: String
        public var description: String { "feed \(feedID) has a row error code '\(code)' this outcomesd does not know; upgrade it" }
    }

    let client: PostgresClient
    let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// The newest feeds (at most `limit`), or the one with `id`; only `partner`'s when given.
    public func entries(partner: String?, id: Int64? = nil, limit: Int = 200) async throws -> [Entry] {
        let rows = try await client.query("""
            SELECT f.id, p.key, f.source, f.file_name, f.format, f.byte_size, f.status, f.duplicate_of, f.received_at, f.finished_at,
                   f.rows_total, f.inserted, f.updated, f.unchanged, f.rejected, f.message
            FROM feed f JOIN partner p ON p.id = f.partner_id
            WHERE (\(partner)::text IS NULL OR p.key = \(partner)) AND (\(id)::bigint IS NULL OR f.id = \(id))
            ORDER BY f.id DESC LIMIT \(limit)
            """, logger: logger)
        var out: [Entry] = []
        for try await r in rows.decode((Int64, String, String, String?, String, Int64, String, Int64?, Date, Date?,
                                        Int, Int, Int, Int, Int, String?).self) {
            out.append(Entry(id: r.0, partner: r.1, source: r.2, file_name: r.3, format: r.4, byte_size: r.5, status: r.6,
                             duplicate_of: r.7, received_at: r.8, finished_at: r.9, rows: r.10, inserted: r.11, updated: r.12,
                             unchanged: r.13, rejected: r.14, message: r.15, errors: nil))
        }
        return out
    }

    /// One feed with its recorded errors, or nil when it does not exist or is not `partner`'s.
    public func report(id: Int64, partner: String?) async throws -> Entry? {
        guard var feed = try await entries(partner: partner, id: id).first else { return nil }
        var errors: [RowError] = []
        let place: RowError.Place = feed.format == FeedFormat.json.rawValue ? .observation : .line
        for try await e in try await client.query("""
            SELECT line, col, field, code, message, value FROM feed_error WHERE feed_id = \(id) ORDER BY ordinal
            """, logger: logger).decode((Int64?, Int64?, String?, String, String, String?).self) {
            guard let code = RowError.Code(rawValue: e.3) else { throw UnknownRowErrorCode(feedID: id, code: e.3) }
            errors.append(RowError(line: Int(e.0 ?? 0), field: e.2 ?? "record", code: code, message: e.4, value: e.5 ?? "",
                                   place: place, column: e.1.map(Int.init)))
        }
        feed.errors = errors
        return feed
    }
}
