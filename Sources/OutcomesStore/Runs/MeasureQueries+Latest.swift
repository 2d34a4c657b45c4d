import Foundation
public import OutcomesCore
import PostgresNIO

extension MeasureQueries {
    /// The latest point of one area's series of one indicator, as the run's roll-up inputs hold it
    /// (`result_latest`): what a spine chart places for every area at once.
    public struct LatestPoint: Sendable, Equatable {
        public var area: String
        public var period: String
        public var value: Double?
        public var numerator: Double?
        public var denominator: Double?

        public init(area: String, period: String, value: Double?, numerator: Double?, denominator: Double?) {
            self.area = area
            self.period = period
            self.value = value
            self.numerator = numerator
            self.denominator = denominator
        }
    }

    /// The latest point of every area's `breakdown` series of each of `indicators` in a run, by
    /// indicator id. Read from the run's result sets by indicator first (every key of
    /// `run_result` and `result_latest` leads with `indicator_id`), one row per area.
    public func latestAcrossAreas(indicators: [String], breakdown: String = Breakdown.allKey,
                                  run: Int64) async throws -> [String: [LatestPoint]] {
        let rows = try await client.query("""
            SELECT i.key, a.code, l.period, l.value, l.numerator, l.denominator
            FROM indicator i
            JOIN run_result rr ON rr.indicator_id = i.id AND rr.run_id = \(run)
            JOIN result_latest l ON l.indicator_id = rr.indicator_id AND l.result_set_id = rr.result_set_id
            JOIN area a ON a.id = l.area_id JOIN breakdown b ON b.id = l.breakdown_id
            WHERE i.key = ANY(\(indicators)) AND b.key = \(breakdown)
            ORDER BY i.key, a.code
            """, logger: logger)
        var out: [String: [LatestPoint]] = [:]
        for try await (indicator, area, period, value, numerator, denominator) in rows.decode((String, String, String, Double?, Double?, Double?).self) {
            out[indicator, default: []].append(LatestPoint(area: area, period: period, value: value, numerator: numerator,
                                                           denominator: denominator))
        }
        return out
    }
}
