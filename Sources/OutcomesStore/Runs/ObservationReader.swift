import OutcomesCore
import PostgresNIO
import Logging

/// Reads one indicator's current observations for the engine, a row per series (its points as
/// arrays, ``BinaryArray``), parsing each period once per spelling and type.
///
/// The statement is prepared once per connection (``IndicatorObservations``): a full run asks it
/// once per indicator (5,327 times at 10M), and parsing, rewriting and planning it through the
/// `observation` view each time took about a third of the reading backend's time per indicator
/// (`EXPLAIN ANALYZE`: planning 0.3–0.8 ms, execution 1–1.5 ms for 1,080 rows; 0.07 ms of
/// planning once the prepared statement's plan is cached).
///
/// A row per series, not per point: PostgresNIO's cost per row was most of the daemon's reading
/// time (about 2.2 µs per observation at 1M, 2.2 s of a full run's CPU), while PostgreSQL's cost
/// is about the same either way (`\copy` of the 1M observations in binary: 1.17–1.24 s as rows,
/// 1.34 s as a row per series). The points of a series come in no promised order; the engine
/// orders them itself.
enum ObservationReader {
    struct IndicatorObservations: PostgresPreparedStatement {
        static let name = "outcomesd_indicator_series"
        static let sql = """
            SELECT area_id, breakdown_id, array_agg(period), array_agg(numerator), array_agg(denominator), array_agg(value),
                   array_agg(lower), array_agg(upper), array_agg(notes)
            FROM observation WHERE indicator_id = $1
            GROUP BY area_id, breakdown_id
            """
        static let bindingDataTypes: [PostgresDataType] = [.int4]
        var indicator: Int32

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 1)
            bindings.append(indicator)
            return bindings
        }

        /// Rows are read cell by cell (``RowCells``), not decoded as a tuple.
        func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
    }

    static func read(_ connection: PostgresConnection, indicator i: Int32, context: ComputeContext, logger: Logger) async throws -> [ObservationPoint] {
        guard let indicator = context.indicators[i] else { return [] }
        let rows = try await connection.execute(IndicatorObservations(indicator: i), logger: logger)
        var periods: [String: Period] = [:]
        var points: [ObservationPoint] = []
        for try await row in rows {
            var cells = RowCells(row)
            let a = try cells.next(Int32.self), b = try cells.next(Int16.self)
            var periodTexts = try BinaryArray(cells.nextBytes(), of: .text, column: "period")
            var numerators = try BinaryArray(cells.nextBytes(), of: .float8, column: "numerator")
            var denominators = try BinaryArray(cells.nextBytes(), of: .float8, column: "denominator")
            var values = try BinaryArray(cells.nextBytes(), of: .float8, column: "value")
            var lowers = try BinaryArray(cells.nextBytes(), of: .float8, column: "lower")
            var uppers = try BinaryArray(cells.nextBytes(), of: .float8, column: "upper")
            var notes = try BinaryArray(cells.nextBytes(), of: .text, column: "notes")
            points.reserveCapacity(points.count + periodTexts.count)
            for _ in 0..<periodTexts.count {
                let text = try periodTexts.nextText() ?? ""
                let n = try numerators.nextFloat8(), d = try denominators.nextFloat8(), v = try values.nextFloat8()
                let lo = try lowers.nextFloat8(), up = try uppers.nextFloat8(), note = try notes.nextText() ?? ""
                let period: Period
                if let cached = periods[text] {
                    period = cached
                } else {
                    guard let parsed = try? Period.parse(text, as: indicator.periodType) else { continue }
                    periods[text] = parsed
                    period = parsed
                }
                points.append(ObservationPoint(indicator: i, area: a, breakdown: b, period: period, numerator: n, denominator: d,
                                               value: v, lower: lo, upper: up, notes: note))
            }
        }
        return points
    }
}
