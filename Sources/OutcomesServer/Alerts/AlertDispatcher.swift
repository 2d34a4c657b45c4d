import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import OutcomesCore
import OutcomesStore
import PostgresNIO
import ServiceLifecycle

/// Delivers the alert outbox to every sink at least once: Alertmanager (`POST /api/v2/alerts`),
/// signed webhooks (Alertmanager's webhook body, version 4) and the journal.
///
/// Each tick, holding the dispatch advisory lock (one process dispatches at a time, like compute):
/// 1. queues a repeat notice for alerts still firing after `repeat_interval_hours`;
/// 2. delivers due outbox rows, batched per sink; a delivered row is marked, a failed one keeps
///    its last error and is retried with exponential backoff and jitter (1 s × 2ⁿ, cap 5 minutes);
/// 3. re-sends every firing alert to Alertmanager each `resend_interval_seconds` with
///    `endsAt = now + 4 × interval`, as Prometheus does, so Alertmanager never times one out.
///
/// Rows outlive the process: a notification queued before a crash is delivered after restart.
struct AlertDispatcher: Service {
    static let lockKey: Int64 = 0x6F75_7463_616C_7274
    static let batchSize = 100
    /// Delivered notifications are kept this long for inspection, then deleted.
    static let keepDeliveredDays = 30

    let context: ServerContext
    let gate: StartupGate
    let delivery: AlertDelivery
    let repeatIntervalHours: Int
    var pollInterval: Duration = .milliseconds(500)
    /// Called after each pass of the loop, failed ones included (the watchdog's sign of life).
    var onTick: @Sendable () -> Void = {}
    /// Called as each pass begins (tests wait on it: the pass is then asking for a connection).
    var willTick: @Sendable () -> Void = {}

    func run() async throws {
        await cancelWhenGracefulShutdown { await gate.wait() }
        guard gate.isOpen, !Task.isShuttingDownGracefully else { return }
        let http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup)
        let sinks = AlertSinkSet(delivery: delivery, http: http, logger: context.logger)
        var nextResend = ContinuousClock.now
        var nextPrune = ContinuousClock.now
        let health = context.databaseHealth
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            // While the database is known to be down, no pass asks the pool for a connection: the
            // loop waits (cancellably) for it to come back, as the spool watcher does. A pass
            // waiting in the pool's queue is what held a SIGTERM during an outage (Benchmarks/faults).
            if !health.isReachable {
                onTick()
                await cancelWhenGracefulShutdown { await health.waitUntilReachable(atMost: .seconds(30)) }
                continue
            }
            do {
                let resend = delivery.alertmanager != nil && ContinuousClock.now >= nextResend
                let prune = ContinuousClock.now >= nextPrune
                // Left on graceful shutdown: while the database goes down a tick may wait for a
                // connection with no end, answering not even its cancellation, and the daemon would
                // not stop (Benchmarks/faults: SIGTERM during a PostgreSQL outage). A batch cut off
                // after sending and before marking is sent again: at least once.
                willTick()
                let pass = self
                let ticked = try await abandonOnGracefulShutdown {
                    try await pass.tick(sinks: sinks, resendFiring: resend, prune: prune)
                }
                if ticked {
                    if resend, let am = delivery.alertmanager { nextResend = ContinuousClock.now + .seconds(am.resendIntervalSeconds) }
                    if prune { nextPrune = ContinuousClock.now + .seconds(3600) }
                }
                onTick()
            } catch is CancellationError {
                break
            } catch {
                if Task.isShuttingDownGracefully || Task.isCancelled { break }
                context.logger.error("alert dispatch failed", metadata: ["error": "\(String(reflecting: error))"])
                // The loop itself is alive (a database outage is no reason for the watchdog to restart us).
                onTick()
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: pollInterval) }
        }
        context.logger.debug("alert dispatcher: loop ended; shutting down its HTTP client")
        try? await http.shutdown()
        context.logger.debug("alert dispatcher stopped")
    }

    /// One pass; false when another process holds the dispatch lock.
    func tick(sinks: AlertSinkSet, resendFiring: Bool, prune: Bool = false) async throws -> Bool {
        let logger = context.logger
        let outbox = AlertOutbox(logger: logger)
        return try await context.client.withConnection { connection in
            guard try await outbox.tryLock(Self.lockKey, on: connection) else { return false }
            do {
                try await outbox.queueRepeats(olderThanHours: repeatIntervalHours,
                                              sinks: sinks.names.filter { $0 != AlertSinks.alertmanager }, on: connection)
                while true {
                    let due = try await outbox.due(sinks: sinks.names, limit: Self.batchSize, on: connection)
                    if due.isEmpty { break }
                    var bySink: [String: [AlertOutbox.Item]] = [:]
                    for item in due { bySink[item.sink, default: []].append(item) }
                    var failedAll = true
                    for (sink, items) in bySink {
                        do {
                            try await sinks.deliver(items, to: sink)
                            try await outbox.markDelivered(items.map(\.id), on: connection)
                            failedAll = false
                        } catch {
                            try await outbox.markFailed(items, error: "\(error)", on: connection)
                            context.metrics.deliveryFailed(sink: sink, notifications: items.count)
                            logger.warning("alert delivery failed; will retry", metadata: [
                                "sink": "\(sink)", "notifications": "\(items.count)", "error": "\(error)"])
                        }
                    }
                    if failedAll || due.count < Self.batchSize { break }
                }
                if prune { try await outbox.prune(deliveredBeforeDays: Self.keepDeliveredDays, on: connection) }
                if resendFiring {
                    let firing = try await outbox.firing(on: connection)
                    if !firing.isEmpty {
                        do { try await sinks.resendToAlertmanager(firing) } catch {
                            context.metrics.deliveryFailed(sink: AlertSinks.alertmanager, notifications: firing.count)
                            logger.warning("re-sending firing alerts to Alertmanager failed", metadata: ["error": "\(error)"])
                        }
                    }
                }
                try await outbox.unlock(Self.lockKey, on: connection)
                return true
            } catch {
                _ = try? await outbox.unlock(Self.lockKey, on: connection)
                throw error
            }
        }
    }
}
