import Foundation
public import PostgresNIO
public import Logging

/// The audit of revised values: `GET /v1/revisions` and `outcomesd revisions`. Each entry is one
/// revision that changed a value already stored — the value before and after, the feed that
/// brought it, how it came (spool, HTTP, CLI), who sent it (the token's name or the
/// operating-system user), when, why (the row's reason, else the feed's) and whether it revised a
/// published figure (confirmed). With `initial`, first values are listed too (old value null).
public struct RevisionLog: Sendable {
    public struct Entry: Sendable, Encodable, Equatable {
        public var indicator: String
        public var area: String
        public var breakdown: String
        public var period: String
        public var revision: Int
        public var old_value: Double?
        public var new_value: Double?
        public var old_numerator: Double?
        public var new_numerator: Double?
        public var old_denominator: Double?
        public var new_denominator: Double?
        public var feed: Int64
        public var source: String
        public var partner: String
        public var submitted_by: String?
        public var recorded_at: Date
        public var reason: String?
        public var published: Bool
    }

    public struct Filter: Sendable, Equatable {
        /// Only these indicators (a partner's own; nil: all).
        public var indicators: [String]?
        public var area: String?
        public var since: Date?
        public var initial: Bool
        public var limit: Int

        public init(indicators: [String]? = nil, area: String? = nil, since: Date? = nil, initial: Bool = false, limit: Int = 1000) {
            self.indicators = indicators
            self.area = area
            self.since = since
            self.initial = initial
            self.limit = limit
        }
    }

    let client: PostgresClient
    let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// Revisions, newest first. Reads by the history's key (indicator first) when indicators are
    /// given; the value before each revision is the previous revision of the same key.
    public func entries(_ filter: Filter) async throws -> [Entry] {
        let rows = try await client.query("""
            SELECT i.key, a.code, b.key, r.period, r.revision, prev.value, r.value, prev.numerator, r.numerator,
                   prev.denominator, r.denominator, r.feed_id, f.source, p.key, f.submitted_by, r.recorded_at,
                   coalesce(r.reason, f.reason), r.published
            FROM observation_revision r
            JOIN indicator i ON i.id = r.indicator_id
            JOIN area a ON a.id = r.area_id
            JOIN breakdown b ON b.id = r.breakdown_id
            JOIN feed f ON f.id = r.feed_id
            JOIN partner p ON p.id = f.partner_id
            LEFT JOIN observation_revision prev ON prev.indicator_id = r.indicator_id AND prev.area_id = r.area_id
                 AND prev.breakdown_id = r.breakdown_id AND prev.period = r.period AND prev.revision = r.revision - 1
            WHERE (\(filter.indicators)::text[] IS NULL OR r.indicator_id IN (SELECT id FROM indicator WHERE key = ANY(\(filter.indicators)::text[])))
              AND (\(filter.area)::text IS NULL OR r.area_id = (SELECT id FROM area WHERE code = \(filter.area)))
              AND (\(filter.since)::timestamptz IS NULL OR r.recorded_at >= \(filter.since))
              AND (\(filter.initial) OR r.revision > 1)
            ORDER BY r.recorded_at DESC, r.feed_id DESC, i.key, a.code, b.key, r.period
            LIMIT \(filter.limit)
            """, logger: logger)
        var out: [Entry] = []
        for try await row in rows {
            var c = RowCells(row)
            out.append(Entry(indicator: try c.next(String.self), area: try c.next(String.self), breakdown: try c.next(String.self),
                             period: try c.next(String.self), revision: Int(try c.next(Int32.self)),
                             old_value: try c.next(Double?.self), new_value: try c.next(Double?.self),
                             old_numerator: try c.next(Double?.self), new_numerator: try c.next(Double?.self),
                             old_denominator: try c.next(Double?.self), new_denominator: try c.next(Double?.self),
                             feed: try c.next(Int64.self), source: try c.next(String.self), partner: try c.next(String.self),
                             submitted_by: try c.next(String?.self), recorded_at: try c.next(Date.self),
                             reason: try c.next(String?.self), published: try c.next(Bool.self)))
        }
        return out
    }
}
