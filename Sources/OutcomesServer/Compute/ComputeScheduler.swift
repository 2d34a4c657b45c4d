import Foundation
import Logging
import OutcomesCore
import OutcomesStore
import PostgresNIO
import ServiceLifecycle

/// Starts computation runs: at start when there is no run for the current catalogue (a full run),
/// on the cron schedule (full), and after feeds land (incremental, debounced so a burst of feeds
/// gives one run). Feeds are found by polling the `feed` table, so feeds loaded by another process
/// (`outcomesd ingest`) count too. Several daemons may run this; the compute lock lets one compute.
struct ComputeScheduler: Service {
    let context: ServerContext
    let gate: StartupGate
    /// How often new feeds are looked for.
    let pollInterval: Duration = .seconds(1)

    func run() async throws {
        let logger = context.logger
        await cancelWhenGracefulShutdown { await gate.wait() }
        guard gate.isOpen else { return }
        guard !Task.isShuttingDownGracefully else { return }
        var store = makeStore()
        var fingerprint = context.catalogue.fingerprint
        let heartbeats = context.heartbeats
        defer { heartbeats.stopped(.scheduler) }
        heartbeats.tick(.scheduler, nextWithin: Self.runAllowance)
        var lastFeed: Int64 = 0
        while true {
            do {
                lastFeed = try await latestFeedID()
                break
            } catch where DatabaseFault.isUnavailable(error) {
                await cancelWhenGracefulShutdown { await context.databaseHealth.waitUntilReachable(atMost: .seconds(5)) }
                guard !Task.isShuttingDownGracefully && !Task.isCancelled else { return }
            }
        }
        // Work that may be missing from the latest run: at start, after an outage, and after a run
        // that failed or that another daemon was doing (it may die before finishing). Retried
        // every tick until the catch-up finds nothing to do or does it.
        var catchUp = true
        var (failures, retryAt) = (0, Date.distantPast)
        var recoveries = context.databaseHealth.snapshot.recoveries
        var nextScheduled = context.computeSchedule.flatMap { $0.next(after: DateTimeUTC(epochSeconds: Int(Date().timeIntervalSince1970))) }
        var pending: Set<String> = []
        var quietSince: Date?
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            heartbeats.tick(.scheduler, nextWithin: pollInterval * 3 + .seconds(10))
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: pollInterval) }
            guard !Task.isShuttingDownGracefully else { return }
            // A run may take long; the watchdog allows it up to `runAllowance`.
            heartbeats.tick(.scheduler, nextWithin: Self.runAllowance)
            let now = Date()
            let health = context.databaseHealth.snapshot
            guard health.reachable else { continue }
            if health.recoveries != recoveries {
                recoveries = health.recoveries
                logger.notice("database back; computing what landed since the latest run")
                catchUp = true
            }
            if catchUp, now >= retryAt {
                switch try await attempt({ try await startupRun(store: store) }) {
                case .done:
                    catchUp = false
                    failures = 0
                    pending.removeAll()
                case .skipped:
                    break
                case .failed:
                    // A run that keeps failing for another reason is retried less and less often.
                    failures += 1
                    retryAt = Date().addingTimeInterval(min(300, pow(2, Double(failures))))
                }
                continue
            }
            if context.catalogue.fingerprint != fingerprint {
                // Reloaded (SIGHUP) with another catalogue, already synced: a full run.
                store = makeStore()
                fingerprint = context.catalogue.fingerprint
                logger.notice("catalogue reloaded; starting a full run", metadata: ["fingerprint": "\(fingerprint)"])
                catchUp = try await attempt { Outcome(try await store.compute(trigger: .startup)) } != .done
                pending.removeAll()
                continue
            }
            if let due = nextScheduled, Int(now.timeIntervalSince1970) >= due.epochSeconds {
                // Another daemon computing now covers this tick's run: no catch-up for a skip.
                catchUp = try await attempt { Outcome(try await store.compute(trigger: .schedule)) } == .failed
                pending.removeAll()
                nextScheduled = context.computeSchedule?.next(after: DateTimeUTC(epochSeconds: Int(now.timeIntervalSince1970)))
                continue
            }
            guard context.computeAfterFeeds else { continue }
            if let (newest, indicators) = try? await feeds(after: lastFeed), newest > lastFeed {
                lastFeed = newest
                pending.formUnion(indicators)
                quietSince = now
                continue
            }
            if !pending.isEmpty, let quiet = quietSince, now.timeIntervalSince(quiet) >= Double(context.computeDebounceSeconds) {
                let keys = pending
                pending.removeAll()
                catchUp = try await attempt { Outcome(try await store.compute(trigger: .feed, indicators: keys)) } != .done
            }
        }
    }

    private func makeStore() -> RunStore { context.makeRunStore() }

    /// How long one run (or the start-up catch-up) may take before the watchdog considers the
    /// scheduler stuck.
    static let runAllowance: Duration = .seconds(3600)

    /// At start: a full run when there is no finished run for the current catalogue; otherwise an
    /// incremental run for the indicators of feeds applied since the latest finished run started
    /// (a feed committed just before a kill or a restart would else wait for the next trigger).
    /// `.skipped` when another process held the compute lock (nothing was done).
    @discardableResult
    func startupRun(store: RunStore) async throws -> Outcome {
        if try await needsFullRun() {
            return Outcome(try await store.compute(trigger: .startup))
        }
        let missed = try await indicatorsFedSinceLatestRun()
        guard !missed.isEmpty else { return .done }
        context.logger.notice("computing feeds that landed since the latest run", metadata: ["indicators": "\(missed.count)"])
        return Outcome(try await store.compute(trigger: .startup, indicators: missed))
    }

    /// Indicators touched by feeds that finished after the latest finished run started (such a feed
    /// may be missing from that run's snapshot; computing it again is harmless).
    private func indicatorsFedSinceLatestRun() async throws -> Set<String> {
        var indicators: Set<String> = []
        for try await touched in try await context.client.query("""
            SELECT ARRAY(SELECT i.key FROM indicator i WHERE i.id = ANY(f.indicators)) FROM feed f
            WHERE f.status = 'applied'
              AND coalesce(f.finished_at, f.received_at) >= (SELECT started_at FROM run WHERE status = 'finished' ORDER BY id DESC LIMIT 1)
            """, logger: context.logger).decode([String].self) {
            indicators.formUnion(touched)
        }
        return indicators
    }

    enum Outcome: Equatable {
        /// Computed (or nothing needed computing).
        case done
        /// Another process held the compute lock.
        case skipped
        /// The run failed; logged.
        case failed

        init(_ report: RunReport?) { self = report == nil ? .skipped : .done }
    }

    /// Runs `body`, logging a failed run and carrying on (the caller retries by catching up).
    private func attempt(_ body: () async throws -> Outcome) async throws -> Outcome {
        do {
            return try await body()
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            if Task.isCancelled { throw CancellationError() }
            context.logger.error("computation run failed; will catch up", metadata: ["error": "\(String(reflecting: error))"])
            return .failed
        }
    }

    private func latestFeedID() async throws -> Int64 {
        for try await id in try await context.client.query("SELECT coalesce(max(id), 0) FROM feed", logger: context.logger).decode(Int64.self) {
            return id
        }
        return 0
    }

    /// No finished run yet, or the latest was computed with another catalogue.
    private func needsFullRun() async throws -> Bool {
        for try await fingerprint in try await context.client.query("""
            SELECT catalogue_fingerprint FROM run WHERE status = 'finished' ORDER BY id DESC LIMIT 1
            """, logger: context.logger).decode(String.self) {
            return fingerprint != context.catalogue.fingerprint
        }
        return true
    }

    /// Feeds after `id`: the newest id and the keys of the indicators they changed.
    private func feeds(after id: Int64) async throws -> (Int64, Set<String>) {
        var newest = id
        var indicators: Set<String> = []
        for try await (feed, touched) in try await context.client.query("""
            SELECT f.id, ARRAY(SELECT i.key FROM indicator i WHERE i.id = ANY(f.indicators)) FROM feed f
            WHERE f.id > \(id) ORDER BY f.id
            """, logger: context.logger).decode((Int64, [String]).self) {
            newest = max(newest, feed)
            indicators.formUnion(touched)
        }
        return (newest, indicators)
    }
}
