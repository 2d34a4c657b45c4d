import OutcomesCore
import PostgresNIO
import Logging

/// Writes and retires result sets (migration 8): the measures of one indicator as one run
/// computed them, in `result`, named in `result_set`, and mapped into runs by `run_result`.
struct ResultWriter {
    let logger: Logger

    /// Writes `rows` (one indicator's measures) as a new result set of `run` and maps it in.
    func write(_ rows: [MeasureRow], indicator: Int32, run: Int64, on connection: PostgresConnection) async throws {
        var set: Int64 = 0
        for try await id in try await connection.query("""
            WITH s AS (INSERT INTO result_set (indicator_id, run_id, measures) VALUES (\(indicator), \(run), \(rows.count)) RETURNING id),
                 m AS (INSERT INTO run_result (run_id, indicator_id, result_set_id) SELECT \(run), \(indicator), id FROM s)
            SELECT id FROM s
            """, logger: logger).decode(Int64.self) {
            set = id
        }
        try await connection.copyFrom(table: "result", columns: MeasureCopy.columns, logger: logger) { writer in
            var buffer: [UInt8] = []
            buffer.reserveCapacity(1 << 17)
            for row in rows {
                MeasureCopy.append(row, resultSet: set, to: &buffer)
                if buffer.count >= 1 << 16 {
                    try await writer.write(ByteBuffer(bytes: buffer))
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            if !buffer.isEmpty { try await writer.write(ByteBuffer(bytes: buffer)) }
        }
        var latest: [SeriesKey: MeasureRow] = [:]
        for row in rows {
            let key = SeriesKey(area: row.area, breakdown: row.breakdown)
            if let kept = latest[key], kept.period.firstDay >= row.period.firstDay { continue }
            latest[key] = row
        }
        try await connection.copyFrom(table: "result_latest", columns: MeasureCopy.latestColumns, logger: logger) { writer in
            var buffer: [UInt8] = []
            buffer.reserveCapacity(1 << 16)
            for row in latest.values {
                MeasureCopy.appendLatest(row, resultSet: set, to: &buffer)
                if buffer.count >= 1 << 16 {
                    try await writer.write(ByteBuffer(bytes: buffer))
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            if !buffer.isEmpty { try await writer.write(ByteBuffer(bytes: buffer)) }
        }
    }

    private struct SeriesKey: Hashable {
        var area: Int32
        var breakdown: Int16
    }

    /// Maps the result sets of `previous` into `run` for every indicator but `except`; returns
    /// the number of measures they hold. Nothing is copied but the map's rows; the count is the
    /// previous run's less what its sets for `except` held, so it reads only the changed sets.
    func carryOver(from previous: Int64, to run: Int64, except: [Int32], on connection: PostgresConnection) async throws -> Int {
        let except = except.map(Int.init)
        var measures = 0
        for try await n in try await connection.query("""
            WITH m AS (
                INSERT INTO run_result (run_id, indicator_id, result_set_id)
                SELECT \(run), rr.indicator_id, rr.result_set_id FROM run_result rr
                WHERE rr.run_id = \(previous) AND rr.indicator_id <> ALL(\(except)::int[]))
            SELECT (SELECT measures FROM run WHERE id = \(previous))
                 - (SELECT coalesce(sum(s.measures), 0) FROM run_result rr JOIN result_set s ON s.id = rr.result_set_id
                    WHERE rr.run_id = \(previous) AND rr.indicator_id = ANY(\(except)::int[]))::int
            """, logger: logger).decode(Int.self) {
            measures = n
        }
        return measures
    }

    /// Deletes the result sets no run refers to any more (after pruning), with their measures.
    func deleteUnreferenced(on connection: PostgresConnection) async throws {
        try await connection.query("""
            WITH gone AS (
                DELETE FROM result_set s WHERE NOT EXISTS (SELECT 1 FROM run_result rr WHERE rr.result_set_id = s.id)
                RETURNING s.indicator_id, s.id)
            , rows AS (DELETE FROM result r USING gone WHERE r.indicator_id = gone.indicator_id AND r.result_set_id = gone.id)
            DELETE FROM result_latest l USING gone WHERE l.indicator_id = gone.indicator_id AND l.result_set_id = gone.id
            """, logger: logger)
    }
}
