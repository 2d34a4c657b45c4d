import OutcomesCore
import PostgresNIO
import Logging

/// Reads current observations for the engine, parsing each period once per spelling and type.
enum ObservationReader {
    static func read(_ connection: PostgresConnection, indicators: [Int32]?, context: ComputeContext, logger: Logger) async throws -> [ObservationPoint] {
        let filter = indicators.map { ids in "WHERE indicator_id = ANY('{\(ids.map(String.init).joined(separator: ","))}'::int[])" } ?? ""
        let rows = try await connection.query(PostgresQuery(unsafeSQL: """
            SELECT indicator_id, area_id, breakdown_id, period, numerator, denominator, value, lower, upper, notes
            FROM observation \(filter)
            """), logger: logger)
        struct PeriodKey: Hashable { var type: PeriodType; var text: String }
        var periods: [PeriodKey: Period] = [:]
        var points: [ObservationPoint] = []
        for try await row in rows {
            var cells = RowCells(row)
            let i = try cells.next(Int32.self), a = try cells.next(Int32.self), b = try cells.next(Int16.self)
            let periodText = try cells.next(String.self), n = try cells.next(Double?.self), d = try cells.next(Double?.self)
            let v = try cells.next(Double?.self), lo = try cells.next(Double?.self), up = try cells.next(Double?.self)
            let notes = try cells.next(String.self)
            guard let indicator = context.indicators[i] else { continue }
            let key = PeriodKey(type: indicator.periodType, text: periodText)
            let period: Period
            if let cached = periods[key] {
                period = cached
            } else {
                guard let parsed = try? Period.parse(periodText, as: indicator.periodType) else { continue }
                periods[key] = parsed
                period = parsed
            }
            points.append(ObservationPoint(indicator: i, area: a, breakdown: b, period: period, numerator: n, denominator: d,
                                           value: v, lower: lo, upper: up, notes: notes))
        }
        return points
    }
}
