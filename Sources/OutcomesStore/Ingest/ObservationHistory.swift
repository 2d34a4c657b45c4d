public import OutcomesCore
public import PostgresNIO
public import Logging
public import struct Foundation.Date

/// Reads observation series, now or **as of** a past time, from the revision history.
public struct ObservationHistory: Sendable {
    /// One point of a series as it stood at the time asked for.
    public struct Point: Sendable, Equatable {
        public var period: String
        public var numerator: Double?
        public var denominator: Double?
        public var value: Double?
        public var notes: String
        public var revision: Int
        public var feedID: Int64
    }

    let client: PostgresClient
    let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// The series for one indicator, area and breakdown, ordered by period, as recorded at `asOf`
    /// (the latest revision recorded at or before it); `nil` means now.
    public func series(indicator: String, area: String, breakdown: String = Breakdown.allKey, asOf: Date? = nil) async throws -> [Point] {
        let rows = try await client.query("""
            SELECT DISTINCT ON (r.period_start, r.period) r.period, r.numerator, r.denominator, r.value, r.notes, r.revision, r.feed_id
            FROM observation_revision r
            JOIN indicator i ON i.id = r.indicator_id JOIN area a ON a.id = r.area_id JOIN breakdown b ON b.id = r.breakdown_id
            WHERE i.key = \(indicator) AND a.code = \(area) AND b.key = \(breakdown)
              AND r.recorded_at <= coalesce(\(asOf), 'infinity'::timestamptz)
            ORDER BY r.period_start, r.period, r.revision DESC
            """, logger: logger)
        var points: [Point] = []
        for try await (period, numerator, denominator, value, notes, revision, feed) in rows.decode((String, Double?, Double?, Double?, String, Int, Int64).self) {
            points.append(Point(period: period, numerator: numerator, denominator: denominator, value: value,
                                notes: notes, revision: revision, feedID: feed))
        }
        return points
    }
}
