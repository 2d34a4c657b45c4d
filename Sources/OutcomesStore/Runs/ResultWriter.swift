import OutcomesCore
import PostgresNIO
import Logging

/// Writes and retires result sets (migration 8): the measures of one indicator as one run
/// computed them, in `result_series` (a row per series, migration 17, in the partition of the
/// run's ``ResultGeneration``, migration 18), named in `result_set`, and mapped into runs by spans
/// of runs (`result_span`, migration 15; `run_result` is the view of a run's map): a set is
/// mapped from the run that wrote it until the run that replaced it, so a run writes only what
/// it changed.
struct ResultWriter {
    let logger: Logger

    /// One indicator's measures, to be written as a result set.
    struct Set {
        var indicator: Int32
        /// By series, each in period order (``MeasureEngine/compute(indicator:points:context:)``).
        var rows: [MeasureRow]
    }

    /// How many measures a run gathers before writing them (``write(_:run:on:)``): few enough to
    /// bound memory, enough that the statements per write (three, whatever the batch) cost
    /// little beside the rows.
    static let batchRows = 16_384

    /// Writes `sets` (one per indicator, each an indicator's measures) as new result sets of
    /// `run`, mapped in from this run on: the sets and their spans in one statement, then their
    /// series in one COPY into `generation`'s partition (frozen, when this transaction created
    /// it) and their latest points in another. Each indicator's previous set must have been
    /// closed first (``close(run:indicators:on:)``).
    func write(_ sets: [Set], run: Int64, generation: ResultGeneration, on connection: PostgresConnection) async throws {
        guard !sets.isEmpty else { return }
        let indicators = sets.map(\.indicator), counts = sets.map { Int32(clamping: $0.rows.count) }
        var ids: [Int32: Int64] = [:]
        for try await (indicator, id) in try await connection.query("""
            WITH s AS (INSERT INTO result_set (indicator_id, run_id, measures)
                       SELECT i, \(run), n FROM unnest(\(indicators)::int[], \(counts)::int[]) AS u(i, n)
                       RETURNING indicator_id, id),
                 m AS (INSERT INTO result_span (indicator_id, result_set_id, from_run, generation)
                       SELECT indicator_id, id, \(run), \(generation.id) FROM s)
            SELECT indicator_id, id FROM s
            """, logger: logger).decode((Int32, Int64).self) {
            ids[indicator] = id
        }
        let written = try sets.map { set in
            guard let id = ids[set.indicator] else { throw SetNotCreated(indicator: set.indicator) }
            return (id: id, rows: set.rows)
        }
        var encoder = MeasureCopy()
        try await connection.copyBinary(into: generation.table, columns: MeasureCopy.columns, freeze: generation.createdHere,
                                        logger: logger) { copy in
            for set in written {
                for range in Self.series(set.rows) {
                    encoder.appendSeries(set.rows[range], resultSet: set.id, generation: generation.id, to: &copy)
                    try await copy.sendIfFull()
                }
            }
        }
        try await connection.copyBinary(into: "result_latest", columns: MeasureCopy.latestColumns, logger: logger) { copy in
            for set in written {
                for i in Self.latestPoints(set.rows) {
                    encoder.appendLatest(set.rows[i], resultSet: set.id, to: &copy)
                    try await copy.sendIfFull()
                }
            }
        }
    }

    struct SetNotCreated: Error, CustomStringConvertible {
        var indicator: Int32
        var description: String { "PostgreSQL returned no result set for indicator id \(indicator)" }
    }

    /// The ranges of one indicator's rows that each series (one area and breakdown) takes. The
    /// rows come by series, each in period order, as ``MeasureEngine`` gives them; rows of one
    /// series apart would be two rows of one key, which `result_series` refuses.
    static func series(_ rows: [MeasureRow]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        for n in rows.indices.dropFirst() where (rows[n].area, rows[n].breakdown) != (rows[start].area, rows[start].breakdown) {
            ranges.append(start..<n)
            start = n
        }
        if !rows.isEmpty { ranges.append(start..<rows.count) }
        return ranges
    }

    /// The positions of each series' latest point among one indicator's rows: the rows the engine
    /// gave a staleness, which it does for the latest point of each series and no other
    /// (``MeasureRow/stale``).
    static func latestPoints(_ rows: [MeasureRow]) -> [Int] {
        rows.indices.filter { rows[$0].stale != nil }
    }

    /// Ends, at `run`, the current result sets of `indicators` (all of them for a full run, nil):
    /// the sets `run` replaces, or drops because the indicator has no measure any more. Every
    /// other current set stays mapped into `run` with nothing written. Called before `run` writes
    /// its own sets (one current set per indicator).
    /// - Returns: the number of measures the ended sets hold.
    func close(run: Int64, indicators: [Int32]?, on connection: PostgresConnection) async throws -> Int {
        let all = indicators == nil
        var measures = 0
        for try await n in try await connection.query("""
            WITH ended AS (
                UPDATE result_span SET until_run = \(run)
                WHERE until_run IS NULL AND from_run < \(run) AND (\(all) OR indicator_id = ANY(\(indicators ?? [])::int[]))
                RETURNING result_set_id)
            SELECT coalesce(sum(s.measures), 0)::int FROM ended JOIN result_set s ON s.id = ended.result_set_id
            """, logger: logger).decode(Int.self) {
            measures = n
        }
        return measures
    }

    /// After pruning: deletes the spans that cover no finished run, then the result sets no span
    /// names any more, with their measures, in one transaction. `generations` are those whose
    /// partitions are still attached (``ResultGeneration/dropRetired(on:lockTimeoutMilliseconds:logger:)``
    /// dropped the others, and their series with them): what remains to delete is series of
    /// those generations that their incremental runs replaced, deleted from each generation's
    /// partition by name, so that no statement is planned over every kept generation (a delete
    /// through `result_series` took 18 ms to plan at 100 generations and 97 ms at 400).
    func deleteUnreferenced(generations: [Int64], on connection: PostgresConnection) async throws {
        try await connection.query("BEGIN", logger: logger)
        do {
            try await connection.query("""
                DELETE FROM result_span sp
                WHERE sp.until_run IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM run k WHERE k.status = 'finished' AND k.id >= sp.from_run AND k.id < sp.until_run)
                """, logger: logger)
            // A set's generation is its run's.
            var gone: [(generation: Int64, indicators: [Int32], sets: [Int64])] = []
            for try await row in try await connection.query("""
                WITH gone AS (
                    DELETE FROM result_set s
                    WHERE NOT EXISTS (SELECT 1 FROM result_span sp WHERE sp.indicator_id = s.indicator_id AND sp.result_set_id = s.id)
                    RETURNING s.indicator_id, s.id, s.run_id)
                , latest AS (DELETE FROM result_latest l USING gone WHERE l.indicator_id = gone.indicator_id AND l.result_set_id = gone.id)
                SELECT k.generation, array_agg(gone.indicator_id), array_agg(gone.id)
                FROM gone JOIN run k ON k.id = gone.run_id
                WHERE k.generation = ANY(\(generations)::bigint[])
                GROUP BY k.generation ORDER BY k.generation
                """, logger: logger).decode((Int64, [Int32], [Int64]).self) {
                gone.append(row)
            }
            for (generation, indicators, sets) in gone {
                try await connection.query(PostgresQuery(unsafeSQL: """
                    DELETE FROM \(ResultGeneration.table(generation)) r USING unnest($1::int[], $2::bigint[]) AS u(i, s)
                    WHERE r.indicator_id = u.i AND r.result_set_id = u.s
                    """, binds: Self.binds(indicators, sets)), logger: logger)
            }
            try await connection.query("COMMIT", logger: logger)
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
    }

    private static func binds(_ indicators: [Int32], _ sets: [Int64]) -> PostgresBindings {
        var binds = PostgresBindings()
        binds.append(indicators, context: .default)
        binds.append(sets, context: .default)
        return binds
    }
}
