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
        let store = RunStore(client: context.client, catalogue: context.catalogue, logger: logger, keepRuns: context.keepRuns,
                             alertSinks: context.alertDelivery.sinks)
        var lastFeed = try await latestFeedID()
        if try await needsFullRun() {
            try await attempt { _ = try await store.compute(trigger: .startup) }
        }
        var nextScheduled = context.computeSchedule.flatMap { $0.next(after: DateTimeUTC(epochSeconds: Int(Date().timeIntervalSince1970))) }
        var pending: Set<String> = []
        var quietSince: Date?
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: pollInterval) }
            guard !Task.isShuttingDownGracefully else { return }
            let now = Date()
            if let due = nextScheduled, Int(now.timeIntervalSince1970) >= due.epochSeconds {
                try await attempt { _ = try await store.compute(trigger: .schedule) }
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
                try await attempt { _ = try await store.compute(trigger: .feed, indicators: keys) }
            }
        }
    }

    /// Logs a failed run and carries on (the next trigger tries again).
    private func attempt(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            context.logger.error("computation run failed", metadata: ["error": "\(String(reflecting: error))"])
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
