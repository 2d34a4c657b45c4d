import Foundation
public import OutcomesCore
public import PostgresNIO
public import Logging

/// Computes runs and keeps them: reads one consistent snapshot of the observations (one
/// REPEATABLE READ transaction), computes every measure with ``MeasureEngine``, writes them to the
/// run's own `measure` partition and the per-area roll-ups, and marks the run finished — all in
/// that transaction, so readers see the previous run until the new one is complete.
///
/// Incremental runs recompute only the indicators a feed touched and copy every other
/// indicator's rows from the previous run; roll-ups are rebuilt from the run's rows either way.
/// A catalogue change forces a full run. Only one process computes at a time (an advisory lock);
/// another finds the lock taken and skips.
///
/// ```swift
/// let report = try await RunStore(client: client, catalogue: catalogue, logger: logger).compute(trigger: .cli)
/// ```
public struct RunStore: Sendable {
    static let lockKey: Int64 = 0x6F75_7463_6F6D_6533

    let client: PostgresClient
    let catalogue: Catalogue
    let logger: Logger
    /// Finished runs kept (plus the first run published each day); older ones are pruned.
    let keepRuns: Int
    /// Where alert notifications go (``AlertSinks``): one outbox row per notification and sink.
    let alertSinks: [String]

    public init(client: PostgresClient, catalogue: Catalogue, logger: Logger, keepRuns: Int = 10,
                alertSinks: [String] = [AlertSinks.journal]) {
        self.client = client
        self.catalogue = catalogue
        self.logger = logger
        self.keepRuns = max(1, keepRuns)
        self.alertSinks = alertSinks
    }

    /// Runs a computation; nil when another process holds the compute lock.
    /// - Parameter indicators: the indicator keys a feed touched (incremental), or nil for all.
    public func compute(trigger: RunTrigger, indicators touched: Set<String>? = nil, today: CivilDate = .today()) async throws -> RunReport? {
        let started = Date()
        return try await client.withConnection { connection in
            var locked = false
            for try await got in try await connection.query("SELECT pg_try_advisory_lock(\(Self.lockKey))", logger: logger).decode(Bool.self) {
                locked = got
            }
            guard locked else {
                logger.info("another process is computing; skipping this run")
                return nil
            }
            // Unlock on this connection before it goes back to the pool, on success and failure alike
            // (an unlock scheduled for later could run while another lease uses the connection).
            do {
                let report = try await run(on: connection, trigger: trigger, touched: touched, today: today, started: started)
                try await prune(on: connection)
                try await connection.query("SELECT pg_advisory_unlock(\(Self.lockKey))", logger: logger)
                return report
            } catch {
                _ = try? await connection.query("SELECT pg_advisory_unlock(\(Self.lockKey))", logger: logger)
                throw error
            }
        }
    }

    /// The latest finished run's id, if any.
    public func latestRun() async throws -> Int64? {
        for try await id in try await client.query("SELECT max(id) FROM run WHERE status = 'finished'", logger: logger).decode(Int64?.self) {
            return id
        }
        return nil
    }

    private func run(on connection: PostgresConnection, trigger: RunTrigger, touched: Set<String>?, today: CivilDate,
                     started: Date) async throws -> RunReport {
        let keys = try await KeyMaps.load(connection, logger: logger)
        let context = ComputeContext(catalogue: catalogue, indicatorIDs: keys.indicators, areaIDs: keys.areas,
                                     breakdownIDs: keys.breakdowns, today: today)
        // The previous run can seed an incremental one only if it used the same catalogue.
        var previous: Int64?
        for try await (id, fingerprint) in try await connection.query("""
            SELECT id, catalogue_fingerprint FROM run WHERE status = 'finished' ORDER BY id DESC LIMIT 1
            """, logger: logger).decode((Int64, String).self) where fingerprint == catalogue.fingerprint {
            previous = id
        }
        let incremental = touched != nil && previous != nil
        let touchedIDs: [Int32] = incremental ? (touched ?? []).compactMap { keys.indicators[$0] } : []
        var runID: Int64 = 0
        for try await id in try await connection.query("""
            INSERT INTO run (trigger, full_run, catalogue_fingerprint, based_on, status)
            VALUES (\(trigger.rawValue), \(!incremental), \(catalogue.fingerprint), \(incremental ? previous : nil), 'running')
            RETURNING id
            """, logger: logger).decode(Int64.self) {
            runID = id
        }
        do {
            try await connection.query("BEGIN ISOLATION LEVEL REPEATABLE READ", logger: logger)
            try await connection.query("SET LOCAL statement_timeout = 0", logger: logger)
            try await connection.query("SET LOCAL work_mem = '256MB'", logger: logger)
            var phase = ContinuousClock.now
            func lap(_ name: String) {
                logger.debug("run phase", metadata: ["run": "\(runID)", "phase": "\(name)", "seconds": "\(ContinuousClock.now - phase)"])
                phase = ContinuousClock.now
            }
            let points = try await ObservationReader.read(connection, indicators: incremental ? touchedIDs : nil,
                                                          context: context, logger: logger)
            lap("read")
            let rows = await Self.computeAll(points, context: context)
            lap("compute")
            let table = "measure_r\(runID)"
            try await connection.query(PostgresQuery(unsafeSQL: """
                CREATE TABLE \(table) (LIKE measure INCLUDING DEFAULTS, CHECK (run_id = \(runID)))
                """), logger: logger)
            try await connection.copyFrom(table: table, columns: MeasureCopy.columns, logger: logger) { writer in
                var buffer: [UInt8] = []
                buffer.reserveCapacity(1 << 17)
                for row in rows {
                    MeasureCopy.append(row, run: runID, to: &buffer)
                    if buffer.count >= 1 << 16 {
                        try await writer.write(ByteBuffer(bytes: buffer))
                        buffer.removeAll(keepingCapacity: true)
                    }
                }
                if !buffer.isEmpty { try await writer.write(ByteBuffer(bytes: buffer)) }
            }
            lap("copy")
            var copied = 0
            if incremental, let previous {
                let columns = MeasureCopy.columns.dropFirst().joined(separator: ", ")
                for try await n in try await connection.query(PostgresQuery(unsafeSQL: """
                    WITH ins AS (
                        INSERT INTO \(table) (run_id, \(columns))
                        SELECT \(runID), \(columns) FROM measure
                        WHERE run_id = \(previous) AND indicator_id <> ALL($1::int[])
                        RETURNING 1)
                    SELECT count(*)::int FROM ins
                    """, binds: Self.binds(touchedIDs.map(Int.init))), logger: logger).decode(Int.self) {
                    copied = n
                }
            }
            lap("carry over")
            try await connection.query(PostgresQuery(unsafeSQL: "ALTER TABLE \(table) ADD PRIMARY KEY (run_id, indicator_id, area_id, breakdown_id, period)"), logger: logger)
            try await connection.query(PostgresQuery(unsafeSQL: "ALTER TABLE measure ATTACH PARTITION \(table) FOR VALUES IN (\(runID))"), logger: logger)
            lap("index")
            // Alerts over this run's own results, in its transaction: the run and the alerts it
            // caused commit together, and the roll-ups count the alerts firing after it.
            let alerts = AlertStore(logger: logger)
            let evaluated = incremental ? catalogue.indicators.filter { touched?.contains($0.id) ?? false } : catalogue.indicators
            try await alerts.evaluate(run: runID, rows: rows, indicators: evaluated, context: context, sinks: alertSinks, on: connection)
            if !incremental {
                try await alerts.retire(keeping: Set(catalogue.indicators.map(\.id)), run: runID, sinks: alertSinks, on: connection)
            }
            let firing = try await alerts.firingByArea(on: connection)
            lap("alerts")
            try await SummaryWriter(catalogue: catalogue, keys: keys, logger: logger).write(run: runID, firing: firing, on: connection)
            lap("summaries")
            try await connection.query("""
                UPDATE run SET status = 'finished', finished_at = clock_timestamp(), observations = \(points.count),
                    measures = \(rows.count + copied),
                    recomputed_indicators = \(Set(points.map(\.indicator)).count)
                WHERE id = \(runID)
                """, logger: logger)
            try await connection.query("""
                INSERT INTO run_published_day (day, run_id) VALUES (current_date, \(runID)) ON CONFLICT (day) DO NOTHING
                """, logger: logger)
            try await connection.query("COMMIT", logger: logger)
            let report = RunReport(runID: runID, full: !incremental, basedOn: incremental ? previous : nil, observations: points.count,
                                   measures: rows.count + copied, recomputedIndicators: Set(points.map(\.indicator)).count,
                                   seconds: Date().timeIntervalSince(started))
            logger.notice("run finished", metadata: ["run": "\(runID)", "full": "\(!incremental)", "measures": "\(report.measures)",
                                                     "seconds": "\(String(format: "%.3f", report.seconds))"])
            return report
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            _ = try? await connection.query("""
                UPDATE run SET status = 'failed', finished_at = clock_timestamp(), message = \(String(reflecting: error))
                WHERE id = \(runID)
                """, logger: logger)
            throw error
        }
    }

    /// Runs the engine per indicator, spread over the cores.
    static func computeAll(_ points: [ObservationPoint], context: ComputeContext) async -> [MeasureRow] {
        var byIndicator: [Int32: [ObservationPoint]] = [:]
        for point in points { byIndicator[point.indicator, default: []].append(point) }
        return await withTaskGroup(of: [MeasureRow].self) { group in
            for (id, points) in byIndicator {
                guard let indicator = context.indicators[id] else { continue }
                group.addTask { MeasureEngine.compute(indicator: indicator, points: points, context: context) }
            }
            var rows: [MeasureRow] = []
            rows.reserveCapacity(points.count * 2)
            for await part in group { rows += part }
            return rows
        }
    }

    static func binds(_ ints: [Int]) -> PostgresBindings {
        var binds = PostgresBindings()
        binds.append(ints)
        return binds
    }

    /// Drops the measures of finished runs beyond the newest `keepRuns`, except each day's first
    /// published run.
    private func prune(on connection: PostgresConnection) async throws {
        var old: [Int64] = []
        for try await id in try await connection.query("""
            SELECT id FROM run WHERE status = 'finished'
              AND id NOT IN (SELECT id FROM run WHERE status = 'finished' ORDER BY id DESC LIMIT \(keepRuns))
              AND id NOT IN (SELECT run_id FROM run_published_day)
            """, logger: logger).decode(Int64.self) {
            old.append(id)
        }
        for id in old {
            try await connection.query(PostgresQuery(unsafeSQL: "DROP TABLE IF EXISTS measure_r\(id)"), logger: logger)
            try await connection.query("DELETE FROM area_summary WHERE run_id = \(id)", logger: logger)
            try await connection.query("UPDATE run SET status = 'pruned' WHERE id = \(id)", logger: logger)
        }
        // Runs that failed leave only their row; their half-built table never committed.
    }
}
