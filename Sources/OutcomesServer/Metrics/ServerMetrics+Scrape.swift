import Logging
import PostgresNIO
import Synchronization
internal import Prometheus

extension ServerMetrics {
    /// How long a scrape waits for the database before it answers with what it knows.
    static let databaseTimeout: Duration = .seconds(2)

    /// The exposition: gauges read now (the database's, at most ``databaseTimeout``; the embedded
    /// cluster's) and everything recorded, in the Prometheus text format. Never fails: when the
    /// database does not answer in time, `outcomesd_database_up` is 0 and the database-derived
    /// gauges keep their last known values.
    func scrape(client: PostgresClient, sinks: [String], logger: Logger) async -> [UInt8] {
        if let embeddedClusterUp { gauge(M.embeddedClusterUp).set(to: embeddedClusterUp() ? 1 : 0) }
        let started = ContinuousClock.now
        let reading = await databaseRead.result(within: Self.databaseTimeout) {
            try await DatabaseReading.read(client: client, logger: logger)
        }
        gauge(M.databaseReadDuration).set(to: Self.seconds(ContinuousClock.now - started))
        switch reading {
        case .some(.success(let reading)):
            gauge(M.databaseUp).set(to: 1)
            apply(reading, sinks: sinks)
        case .some(.failure(let error)):
            gauge(M.databaseUp).set(to: 0)
            logger.debug("metrics: database read failed", metadata: ["error": "\(String(reflecting: error))"])
        case .none:
            gauge(M.databaseUp).set(to: 0)
            logger.debug("metrics: database read timed out", metadata: ["timeout": "\(Self.databaseTimeout)"])
        }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(16 << 10)
        registry.emit(into: &buffer)
        return buffer
    }

    private func apply(_ reading: DatabaseReading, sinks: [String]) {
        if let run = reading.lastRun {
            gauge(M.runLastSuccess).set(to: run.finishedAt)
            gauge(M.runLastDuration).set(to: run.seconds)
            gauge(M.runObservations).set(to: Double(run.observations))
            gauge(M.runMeasures).set(to: Double(run.measures))
        }
        for (state, count) in reading.alerts { gauge(M.alerts, label: "state", state).set(to: Double(count)) }
        // Configured sinks read 0 when nothing waits for them; a sink still holding rows but no
        // longer configured is shown too.
        var depth = Dictionary(sinks.map { (M.sinkLabel($0), Int64(0)) }, uniquingKeysWith: { a, _ in a })
        for (sink, count) in reading.outbox { depth[M.sinkLabel(sink), default: 0] += count }
        for (sink, count) in depth { gauge(M.outboxDepth, label: "sink", sink).set(to: Double(count)) }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// What a scrape reads from the database, in one statement.
struct DatabaseReading: Sendable {
    struct Run: Sendable {
        var finishedAt: Double
        var seconds: Double
        var observations: Int32
        var measures: Int32
    }

    var lastRun: Run?
    /// Alerts per state, every state present (0 when none).
    var alerts: [(String, Int64)]
    /// Undelivered notifications per sink that has any.
    var outbox: [(String, Int64)]

    static func read(client: PostgresClient, logger: Logger) async throws -> DatabaseReading {
        let rows = try await client.query("""
            WITH last AS (
                SELECT extract(epoch FROM finished_at)::float8 AS at, extract(epoch FROM finished_at - started_at)::float8 AS seconds,
                       observations, measures
                FROM run WHERE status = 'finished' ORDER BY id DESC LIMIT 1
            ), depth AS (
                SELECT sink, count(*) AS n FROM alert_outbox WHERE delivered_at IS NULL GROUP BY sink
            )
            SELECT (SELECT at FROM last), (SELECT seconds FROM last), (SELECT observations FROM last), (SELECT measures FROM last),
                   count(*) FILTER (WHERE state = 'inactive'), count(*) FILTER (WHERE state = 'pending'),
                   count(*) FILTER (WHERE state = 'firing'), count(*) FILTER (WHERE state = 'resolved'),
                   ARRAY(SELECT sink FROM depth ORDER BY sink), ARRAY(SELECT n FROM depth ORDER BY sink)
            FROM alert
            """, logger: logger)
        for try await (at, seconds, observations, measures, inactive, pending, firing, resolved, sinks, depths) in rows.decode(
            (Double?, Double?, Int32?, Int32?, Int64, Int64, Int64, Int64, [String], [Int64]).self) {
            var run: Run?
            if let at, let seconds, let observations, let measures {
                run = Run(finishedAt: at, seconds: seconds, observations: observations, measures: measures)
            }
            return DatabaseReading(lastRun: run,
                                   alerts: [("inactive", inactive), ("pending", pending), ("firing", firing), ("resolved", resolved)],
                                   outbox: Array(zip(sinks, depths)))
        }
        return DatabaseReading(lastRun: nil, alerts: [], outbox: [])
    }
}

/// One database read shared by concurrent scrapes, waited for at most a timeout: a read still
/// going after that (a database that accepts but does not answer) is left to finish in the
/// background, and the next scrape waits for it rather than starting another.
final class DatabaseRead: Sendable {
    private let current = Mutex<Task<Result<DatabaseReading, any Error>, Never>?>(nil)

    /// The read's result, or nil when it did not finish within `timeout`.
    func result(within timeout: Duration,
                _ read: @escaping @Sendable () async throws -> DatabaseReading) async -> Result<DatabaseReading, any Error>? {
        let task = current.withLock { current in
            if let running = current { return running }
            let task = Task { () -> Result<DatabaseReading, any Error> in
                let result: Result<DatabaseReading, any Error>
                do { result = .success(try await read()) } catch { result = .failure(error) }
                return result
            }
            current = task
            return task
        }
        let result = await Self.wait(for: task, within: timeout)
        if result != nil {
            // Finished: the next scrape reads afresh.
            current.withLock { if $0 == task { $0 = nil } }
        }
        return result
    }

    /// `task`'s value, or nil after `timeout` (the task keeps running; awaiting a task's value
    /// does not end when the waiter is cancelled, so this waits on whichever comes first).
    private static func wait<T: Sendable>(for task: Task<T, Never>, within timeout: Duration) async -> T? {
        let first = FirstResult<T?>()
        return await withCheckedContinuation { continuation in
            first.set(continuation)
            let timer = Task {
                try? await Task.sleep(for: timeout)
                first.resume(nil)
            }
            Task {
                let value = await task.value
                first.resume(value)
                timer.cancel()
            }
        }
    }
}

/// A continuation resumed by whichever of several tasks comes first.
private final class FirstResult<T: Sendable>: Sendable {
    private let continuation = Mutex<CheckedContinuation<T, Never>?>(nil)

    func set(_ continuation: CheckedContinuation<T, Never>) {
        self.continuation.withLock { $0 = continuation }
    }

    func resume(_ value: T) {
        continuation.withLock { $0.take() }?.resume(returning: value)
    }
}
