import Foundation
public import OutcomesCore
public import PostgresNIO
public import Logging

/// Computes runs and keeps them: reads one consistent snapshot of the observations (a REPEATABLE
/// READ transaction on a second connection, ``ObservationPrefetch``, whose snapshot the run's
/// transaction imports), computes the measures with ``MeasureEngine`` one indicator at a time
/// (memory bounded by the largest few indicators and a batch of measures), writes each
/// indicator's measures as a result set (``ResultWriter``, a batch of sets at a time) with its
/// roll-up inputs, the alerts firing after it, and marks the run
/// finished — all in the run's transaction, so readers see the previous run until the new one is
/// complete. A run holds two of the pool's connections (`database.pool_size` is at least 2).
///
/// A run is a map from indicator to result set. Incremental runs compute only the indicators a
/// feed touched and refer to the previous run's result sets for every other indicator: nothing
/// unchanged is copied. A full run writes its series frozen into a generation of its own, which
/// its incremental runs share and pruning drops whole (``ResultGeneration``). A catalogue change
/// forces a full run. Only one process computes at a time (an advisory lock); another finds the
/// lock taken and skips.
///
/// ```swift
/// let report = try await RunStore(client: client, catalogue: catalogue, logger: logger).compute(trigger: .cli)
/// ```
public struct RunStore: Sendable {
    static let lockKey: Int64 = 0x6F75_7463_6F6D_6533

    let client: PostgresClient
    let catalogue: Catalogue
    /// The stored ids of `catalogue`'s keys, loaded after its sync; nil: loaded for each run.
    let keys: CatalogueKeys?
    let logger: Logger
    /// Finished runs kept (plus the first run published each day); older ones are pruned.
    let keepRuns: Int
    /// Where alert notifications go (``AlertSinks``): one outbox row per notification and sink.
    let alertSinks: [String]
    /// Told of each run this store attempts: its trigger, how long the attempt took, and the
    /// report, nil (the compute lock was taken) or the error (the daemon's metrics listen here).
    public var onRun: (@Sendable (RunTrigger, Duration, Result<RunReport?, any Error>) -> Void)?
    /// How many measures are gathered before a batch of result sets is written.
    var batchRows = ResultWriter.batchRows

    public init(client: PostgresClient, catalogue: Catalogue, keys: CatalogueKeys? = nil, logger: Logger, keepRuns: Int = 10,
                alertSinks: [String] = [AlertSinks.journal]) {
        self.client = client
        self.catalogue = catalogue
        self.keys = keys
        self.logger = logger
        self.keepRuns = max(1, keepRuns)
        self.alertSinks = alertSinks
    }

    /// Runs a computation; nil when another process holds the compute lock.
    /// - Parameter indicators: the indicator keys a feed touched (incremental), or nil for all.
    public func compute(trigger: RunTrigger, indicators touched: Set<String>? = nil, today: CivilDate = .today()) async throws -> RunReport? {
        let attempted = ContinuousClock.now
        do {
            let report = try await lockAndCompute(trigger: trigger, touched: touched, today: today)
            onRun?(trigger, ContinuousClock.now - attempted, .success(report))
            return report
        } catch {
            onRun?(trigger, ContinuousClock.now - attempted, .failure(error))
            throw error
        }
    }

    private func lockAndCompute(trigger: RunTrigger, touched: Set<String>?, today: CivilDate) async throws -> RunReport? {
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
                try await closeAbandonedRuns(on: connection)
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

    /// Marks runs left `running` by a process that died or was stopped mid-run as failed. Only
    /// the holder of the compute lock computes, so while it is held no other run can be going on;
    /// the abandoned run's rows were never committed (its transaction ended with its connection).
    func closeAbandonedRuns(on connection: PostgresConnection) async throws {
        for try await id in try await connection.query("""
            UPDATE run SET status = 'failed', finished_at = clock_timestamp(),
                message = 'abandoned: the process computing it stopped before it finished; nothing of it was kept'
            WHERE status = 'running' RETURNING id
            """, logger: logger).decode(Int64.self) {
            logger.warning("closed a run abandoned by a stopped process", metadata: ["run": "\(id)"])
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
        let keys: CatalogueKeys
        if let given = self.keys { keys = given } else { keys = try await CatalogueKeys.load(connection, logger: logger) }
        let context = ComputeContext(catalogue: catalogue, indicatorIDs: keys.indicators, areaIDs: keys.areas,
                                     breakdownIDs: keys.breakdowns, today: today)
        // The previous run can seed an incremental one only if it used the same catalogue.
        var previous: (id: Int64, measures: Int, generation: Int64)?
        for try await (id, fingerprint, measures, generation) in try await connection.query("""
            SELECT id, catalogue_fingerprint, measures, generation FROM run WHERE status = 'finished' ORDER BY id DESC LIMIT 1
            """, logger: logger).decode((Int64, String, Int, Int64).self) where fingerprint == catalogue.fingerprint {
            previous = (id, measures, generation)
        }
        let incremental = touched != nil && previous != nil
        // The indicators this run computes, in catalogue order: the touched ones, or all.
        let computed = catalogue.indicators.filter { indicator in
            keys.indicators[indicator.id] != nil && (!incremental || (touched ?? []).contains(indicator.id))
        }
        // A full run starts a generation of result series named by its own id; an incremental
        // run writes into its predecessor's (``ResultGeneration``).
        var (runID, runGeneration): (Int64, Int64) = (0, 0)
        for try await (id, generation) in try await connection.query("""
            WITH n AS (SELECT nextval(pg_get_serial_sequence('run', 'id')) AS id)
            INSERT INTO run (id, trigger, full_run, catalogue_fingerprint, based_on, status, generation) OVERRIDING SYSTEM VALUE
            SELECT n.id, \(trigger.rawValue), \(!incremental), \(catalogue.fingerprint), \(incremental ? previous?.id : nil), 'running',
                   coalesce(\(incremental ? previous?.generation : nil)::bigint, n.id)
            FROM n
            RETURNING id, generation
            """, logger: logger).decode((Int64, Int64).self) {
            (runID, runGeneration) = (id, generation)
        }
        logger.notice("run started", metadata: ["run": "\(runID)", "trigger": "\(trigger.rawValue)", "full": "\(!incremental)"])
        do {
            var phase = ContinuousClock.now
            func lap(_ name: String) {
                logger.debug("run phase", metadata: ["run": "\(runID)", "phase": "\(name)", "seconds": "\(ContinuousClock.now - phase)"])
                phase = ContinuousClock.now
            }
            let alertStore = AlertStore(logger: logger)
            let results = ResultWriter(logger: logger)
            var generation = ResultGeneration.existing(runGeneration)
            var observations = 0, measures = 0, recomputed = 0, replaced = 0
            // Where a streaming run's time goes (logged at debug with the phase): waiting for
            // observations beyond the overlap, writing result sets, and waiting for the engine
            // beyond the write.
            var (reading, writing, waiting) = (Duration.zero, Duration.zero, Duration.zero)
            let clock = ContinuousClock()
            let keyed = computed.compactMap { indicator in keys.indicators[indicator.id].map { ($0, indicator) } }
            let ids = keyed.map(\.0)
            let byID = Dictionary(uniqueKeysWithValues: keyed)
            // Two connections, one snapshot: a reader streams the observations in a REPEATABLE
            // READ transaction of its own, whose snapshot this connection's transaction (the run's:
            // result sets, alerts, the run's map and its end) imports, so both see the same
            // observations and feeds. One indicator at a time: while the engine computes indicator
            // n (on another core), the batch of sets before it is written here and the next
            // indicators' observations are read there (``ObservationPrefetch``); memory is bounded
            // by a few of the largest indicators and a batch of measures, not the database.
            let alerts = try await client.withConnection { reader in
                try await reader.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger)
                do {
                    try await reader.query("SET LOCAL statement_timeout = 0", logger: logger)
                    // One indicator's observations in the key's order, as `observation`'s DISTINCT ON
                    // wants them: an index scan, never a bitmap scan and a sort (EXPLAIN ANALYZE, 1,080
                    // rows: 1.0 ms against 1.4 ms) nor a parallel sequential scan of the whole history
                    // and a sort, which the planner chose for indicators of ~13,000 rows at 1M
                    // (105.8 ms against 11.8 ms, three processes busy instead of one). One generic
                    // plan for the prepared statement, planned once instead of per indicator.
                    // Only this read-only transaction is affected.
                    try await reader.query("""
                        SELECT set_config('enable_bitmapscan', 'off', true), set_config('enable_seqscan', 'off', true),
                               set_config('plan_cache_mode', 'force_generic_plan', true)
                        """, logger: logger)
                    let snapshot = try await Self.exportSnapshot(on: reader, logger: logger)
                    try await connection.query("BEGIN ISOLATION LEVEL REPEATABLE READ", logger: logger)
                    try await connection.query(PostgresQuery(unsafeSQL: "SET TRANSACTION SNAPSHOT '\(snapshot)'"), logger: logger)
                    try await connection.query("SET LOCAL statement_timeout = 0", logger: logger)
                    // Alerts over this run's own results, in its transaction: the run and the
                    // alerts it caused commit together.
                    var alerts = try await alertStore.begin(indicators: computed, context: context, on: connection)
                    // The sets this run replaces end here; every other current set stays mapped
                    // into it with nothing written (``ResultWriter/close(run:indicators:on:)``).
                    replaced = try await results.close(run: runID, indicators: incremental ? ids : nil, on: connection)
                    generation = incremental ? .existing(runGeneration)
                                             : try await ResultGeneration.create(run: runID, on: connection, logger: logger)
                    var stream = ObservationPrefetch(reader: reader, indicators: ids, context: context, logger: logger)
                    do {
                        // Computed sets wait to be written until they hold a batch of measures
                        // (``batchRows``): three statements per batch, not per indicator.
                        var unwritten: [ResultWriter.Set] = [], unwrittenRows = 0
                        while true {
                            let t0 = clock.now
                            guard let (id, points) = try await stream.next() else { break }
                            guard let indicator = byID[id], let compiled = context.indicators[id] else { continue }
                            let t1 = clock.now
                            async let computing = points.isEmpty ? [] : MeasureEngine.compute(indicator: compiled, points: points, context: context)
                            if unwrittenRows >= batchRows {
                                try await results.write(unwritten, run: runID, generation: generation, on: connection)
                                unwritten.removeAll(keepingCapacity: true)
                                unwrittenRows = 0
                            }
                            let t2 = clock.now
                            let rows = await computing
                            (reading, writing, waiting) = (reading + (t1 - t0), writing + (t2 - t1), waiting + (clock.now - t2))
                            alerts.evaluate(indicator, rows: rows)
                            guard !rows.isEmpty else { continue }
                            unwritten.append(ResultWriter.Set(indicator: id, rows: rows))
                            unwrittenRows += rows.count
                            observations += points.count
                            measures += rows.count
                            recomputed += 1
                        }
                        if !unwritten.isEmpty {
                            let t = clock.now
                            try await results.write(unwritten, run: runID, generation: generation, on: connection)
                            writing += clock.now - t
                        }
                    } catch {
                        await stream.drain()
                        throw error
                    }
                    try await reader.query("COMMIT", logger: logger)
                    return alerts
                } catch {
                    // Closed, not returned to the pool: PostgresNIO keeps a failed prepare's error for
                    // the statement's name on its connection (``ObservationReader``), so every later
                    // run reading on it would fail the same way.
                    _ = try? await reader.query("ROLLBACK", logger: logger)
                    try? await reader.close()
                    throw error
                }
            }
            logger.debug("run streamed", metadata: ["run": "\(runID)", "indicators": "\(computed.count)", "read_beyond_overlap": "\(reading)",
                                                    "write": "\(writing)", "compute_beyond_write": "\(waiting)"])
            lap("compute")
            if incremental, let previous {
                // Every other indicator's measures: the previous run's set, referred to, not copied.
                measures += previous.measures - replaced
            }
            try await alertStore.finish(alerts, run: runID, sinks: alertSinks, on: connection)
            if !incremental {
                try await alertStore.retire(keeping: Set(catalogue.indicators.map(\.id)), run: runID, sinks: alertSinks, on: connection)
            }
            // The roll-ups are derived when read (``RollUpInputs``), from the result sets' latest
            // points and the alerts firing now, which is all the run records for them.
            try await RollUpInputs.recordFiring(run: runID, indicators: incremental ? ids : nil, on: connection, logger: logger)
            lap("alerts")
            // What this run introduced, so "what changed since run N" reads it instead of diffing runs.
            let changes = RunChanges(logger: logger)
            let feeds = try await changes.claimFeeds(run: runID, full: !incremental, computed: computed.compactMap { keys.indicators[$0.id] },
                                                     on: connection)
            let changed = try await changes.record(run: runID, recomputed: incremental ? ids : nil, on: connection)
            lap("changes")
            logger.debug("run changes", metadata: ["run": "\(runID)", "feeds": "\(feeds)", "series_changes": "\(changed)"])
            try await connection.query("""
                UPDATE run SET status = 'finished', finished_at = clock_timestamp(), observations = \(observations),
                    measures = \(measures), recomputed_indicators = \(recomputed)
                WHERE id = \(runID)
                """, logger: logger)
            try await connection.query("""
                INSERT INTO run_published_day (day, run_id) VALUES (current_date, \(runID)) ON CONFLICT (day) DO NOTHING
                """, logger: logger)
            try await generation.attach(on: connection, logger: logger)
            try await connection.query("COMMIT", logger: logger)
            let report = RunReport(runID: runID, full: !incremental, basedOn: incremental ? previous?.id : nil, observations: observations,
                                   measures: measures, recomputedIndicators: recomputed, seconds: Date().timeIntervalSince(started))
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

    /// Exports the snapshot of `connection`'s transaction for another to import
    /// (`SET TRANSACTION SNAPSHOT`, which takes a literal: the id is checked to be one).
    static func exportSnapshot(on connection: PostgresConnection, logger: Logger) async throws -> String {
        for try await id in try await connection.query("SELECT pg_export_snapshot()", logger: logger).decode(String.self) {
            guard !id.isEmpty, id.allSatisfy({ $0.isHexDigit || $0 == "-" }) else { break }
            return id
        }
        throw SnapshotUnavailable()
    }

    struct SnapshotUnavailable: Error, CustomStringConvertible {
        var description: String { "PostgreSQL did not export the run's snapshot (pg_export_snapshot)" }
    }

    /// Prunes finished runs beyond the newest `keepRuns`, except each day's first published run:
    /// the spans of result sets and firing alerts that cover no remaining run go, then every
    /// result set no span names.
    private func prune(on connection: PostgresConnection) async throws {
        var old: [Int64] = []
        for try await id in try await connection.query("""
            SELECT id FROM run WHERE status = 'finished'
              AND id NOT IN (SELECT id FROM run WHERE status = 'finished' ORDER BY id DESC LIMIT \(keepRuns))
              AND id NOT IN (SELECT run_id FROM run_published_day)
            """, logger: logger).decode(Int64.self) {
            old.append(id)
        }
        guard !old.isEmpty else { return }
        try await connection.query("UPDATE run SET status = 'pruned' WHERE id = ANY(\(old))", logger: logger)
        try await RollUpInputs.deleteUncoveredFiring(on: connection, logger: logger)
        let generations = try await ResultGeneration.dropRetired(on: connection, logger: logger)
        try await ResultWriter(logger: logger).deleteUnreferenced(generations: generations, on: connection)
        // Runs that failed leave only their row; their result sets never committed.
    }
}
