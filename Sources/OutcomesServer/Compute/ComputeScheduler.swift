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
///
/// The decisions are ``RunPlanner``'s (a value, tested with plain values); this loop carries them
/// out: it ticks every `pollInterval`, asks the database what the planner needs (``RunTriggers``)
/// and runs what it says.
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
        let heartbeats = context.heartbeats
        defer { heartbeats.stopped(.scheduler) }
        heartbeats.tick(.scheduler, nextWithin: Self.runAllowance)
        var lastFeed: Int64 = 0
        let triggers = triggers
        while true {
            do {
                // Like every database question below: left on graceful shutdown, so a stop during
                // an outage is not held by a pool waiting for a connection (abandonOnGracefulShutdown).
                lastFeed = try await abandonOnGracefulShutdown { try await triggers.latestFeedID() }
                break
            } catch where Task.isShuttingDownGracefully {
                return
            } catch where DatabaseFault.isUnavailable(error) {
                await cancelWhenGracefulShutdown { await context.databaseHealth.waitUntilReachable(atMost: .seconds(5)) }
                guard !Task.isShuttingDownGracefully && !Task.isCancelled else { return }
            }
        }
        var planner = RunPlanner(schedule: context.computeSchedule, debounceSeconds: context.computeDebounceSeconds,
                                 afterFeeds: context.computeAfterFeeds, fingerprint: context.catalogue.fingerprint,
                                 recoveries: context.databaseHealth.snapshot.recoveries, lastFeed: lastFeed, now: Self.now())
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            heartbeats.tick(.scheduler, nextWithin: pollInterval * 3 + .seconds(10))
            // The poll interval, or less: a feed applied in this process wakes it at once.
            await cancelWhenGracefulShutdown { await context.feedSignal.wait(atMost: pollInterval) }
            guard !Task.isShuttingDownGracefully else { return }
            // A run may take long; the watchdog allows it up to `runAllowance`.
            heartbeats.tick(.scheduler, nextWithin: Self.runAllowance)
            let health = context.databaseHealth.snapshot
            let recovered = health.recoveries != planner.recoveries
            var action = planner.next(now: Self.now(), reachable: health.reachable, recoveries: health.recoveries,
                                      fingerprint: context.catalogue.fingerprint)
            if case .checkFeeds(let after) = action {
                guard let found = try? await abandonOnGracefulShutdown({ try await triggers.feeds(after: after) }) else { continue }
                action = planner.feedsChecked(newest: found.newest, indicators: found.indicators, now: Self.now())
            }
            switch action {
            case .wait, .checkFeeds:
                continue
            case .catchUp:
                if recovered { logger.notice("database back; computing what landed since the latest run") }
            case .catalogueRun:
                // Reloaded (SIGHUP) with another catalogue, already synced: a full run.
                store = makeStore()
                logger.notice("catalogue reloaded; starting a full run", metadata: ["fingerprint": "\(planner.fingerprint)"])
            case .scheduledRun, .feedRun:
                break
            }
            // A run in progress at a stop is cancelled (its transaction rolls back; the next start
            // marks it abandoned and catches up), so a stop is never held by a run or an outage.
            let (runs, chosen) = (store, action)
            let outcome: RunPlanner.Outcome
            do {
                let scheduler = self
                outcome = try await abandonOnGracefulShutdown { try await scheduler.perform(chosen, store: runs) }
            } catch where Task.isShuttingDownGracefully {
                logger.notice("stopping: the run in progress was cancelled; the next start catches up")
                return
            }
            planner.finished(action, outcome, now: Self.now())
            // Served at once, not when the latest-run cache next asks.
            if outcome == .done { context.latestRuns.expire() }
        }
    }

    static func now() -> Int { Int(Date().timeIntervalSince1970) }

    /// Runs what `action` says; a failed run is logged and reported as `.failed`.
    private func perform(_ action: RunPlanner.Action, store: RunStore) async throws -> Outcome {
        switch action {
        case .wait, .checkFeeds: .done
        case .catchUp: try await attempt { try await startupRun(store: store) }
        case .catalogueRun: try await attempt { Outcome(try await store.compute(trigger: .startup)) }
        case .scheduledRun: try await attempt { Outcome(try await store.compute(trigger: .schedule)) }
        case .feedRun(let keys): try await attempt { Outcome(try await store.compute(trigger: .feed, indicators: keys)) }
        }
    }

    var triggers: RunTriggers { RunTriggers(client: context.client, logger: context.logger) }

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
        if try await triggers.needsFullRun(fingerprint: context.catalogue.fingerprint) {
            return Outcome(try await store.compute(trigger: .startup))
        }
        let missed = try await triggers.indicatorsFedSinceLatestRun()
        guard !missed.isEmpty else { return .done }
        context.logger.notice("computing feeds that landed since the latest run", metadata: ["indicators": "\(missed.count)"])
        return Outcome(try await store.compute(trigger: .startup, indicators: missed))
    }

    typealias Outcome = RunPlanner.Outcome

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
}

extension RunPlanner.Outcome {
    /// A run's report as an outcome: nil means another process held the compute lock.
    init(_ report: RunReport?) { self = report == nil ? .skipped : .done }
}
