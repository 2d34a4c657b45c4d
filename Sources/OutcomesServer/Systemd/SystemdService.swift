import Foundation
import OutcomesStore
import OutcomesCore
import Logging
import PostgresNIO
import ServiceLifecycle
import OutcomesRender

/// Tells systemd how the daemon is doing (`Type=notify`): a start-up `STATUS=`, `READY=1` once the
/// schema is migrated, the catalogue synced and the HTTP listener bound, a readable `STATUS=` line
/// refreshed every few seconds, `WATCHDOG=1` at half of `WATCHDOG_USEC` while ``Liveness`` allows
/// it, and `STOPPING=1` on graceful shutdown. Does nothing without `$NOTIFY_SOCKET`.
struct SystemdService: Service {
    let context: ServerContext
    let listener: ListenerProbe
    let notifier: SystemdNotifier
    /// Half of `WATCHDOG_USEC`, nil when the watchdog is off.
    let watchdogInterval: Duration?
    var statusInterval: Duration = .seconds(5)

    func run() async throws {
        // Not under systemd: wait for shutdown instead of returning, since a service that returns
        // ends the whole service group.
        guard notifier.isEnabled else {
            try? await gracefulShutdown()
            return
        }
        let logger = context.logger
        notifier.status("starting: migrating the schema, syncing the catalogue, binding \(context.listen.host):\(context.listen.port)")
        await cancelWhenGracefulShutdown { await listener.wait() }
        guard listener.isOpen, !Task.isShuttingDownGracefully, !Task.isCancelled else {
            notifier.stopping()
            return
        }
        notifier.ready(status: await statusLine())
        logger.notice("told systemd the daemon is ready", metadata: [
            "watchdog_interval": "\(watchdogInterval.map { "\($0)" } ?? "off")"])
        let period = min(watchdogInterval ?? statusInterval, statusInterval)
        var nextStatus = ContinuousClock.now + statusInterval
        var lastSkip: String?
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            if let watchdogInterval {
                let answered = await listener.answers(within: watchdogInterval)
                switch context.heartbeats.snapshot.decide(now: .now, httpAnswered: answered) {
                case .send:
                    notifier.watchdog()
                    lastSkip = nil
                case .skip(let reason):
                    if lastSkip != reason {
                        logger.error("withholding the systemd watchdog ping", metadata: ["reason": "\(reason)"])
                        notifier.status("unhealthy: \(reason)")
                    }
                    lastSkip = reason
                }
            }
            if ContinuousClock.now >= nextStatus, lastSkip == nil {
                notifier.status(await statusLine())
                nextStatus = ContinuousClock.now + statusInterval
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: period) }
        }
        notifier.stopping()
        notifier.status("stopping")
    }

    /// Sends a status line now (after a reload, say).
    func status(_ text: String) { notifier.status(text) }

    /// "serving run 12; 3 feeds today; 2 alerts firing", or during an outage what is served and
    /// since when. Never waits more than two seconds for the database: the watchdog pings from
    /// the same loop, and an outage must not stop them (systemd would restart a daemon that is
    /// still serving its cache).
    func statusLine() async -> String {
        let health = context.databaseHealth.snapshot
        let cached = context.latestRuns.known.map { "cached results of run \($0.id)" } ?? "nothing cached yet"
        guard health.reachable else {
            let since = health.downSince.map { " since " + Renderings.finishedText($0) } ?? ""
            return "degraded: database unreachable\(since) (\(health.reason ?? "no answer")); serving \(cached)"
        }
        let (client, logger) = (context.client, context.logger)
        do {
            return try await withTimeout(seconds: 2) {
                for try await (run, feeds, firing) in try await client.query("""
                    SELECT (SELECT max(id) FROM run WHERE status = 'finished'),
                           (SELECT count(*) FROM feed WHERE status = 'applied' AND received_at >= date_trunc('day', now())),
                           (SELECT count(*) FROM alert WHERE state = 'firing')
                    """, logger: logger).decode((Int64?, Int64, Int64).self) {
                    return Self.statusLine(run: run, feedsToday: Int(feeds), alertsFiring: Int(firing))
                }
                return "serving"
            }
        } catch {
            return "degraded: the database did not answer (\(DatabaseFault.summary(error))); serving \(cached)"
        }
    }

    static func statusLine(run: Int64?, feedsToday: Int, alertsFiring: Int) -> String {
        let serving = run.map { "serving run \($0)" } ?? "serving (no finished run yet)"
        let feeds = feedsToday == 1 ? "1 feed today" : "\(feedsToday) feeds today"
        let alerts = alertsFiring == 1 ? "1 alert firing" : "\(alertsFiring) alerts firing"
        return "\(serving); \(feeds); \(alerts)"
    }
}
