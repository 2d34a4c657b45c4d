import Foundation
import Logging
import OutcomesCore
import OutcomesStore
import PostgresNIO
import ServiceLifecycle

/// Probes the database once a second (`SELECT 1`, two-second limit) and records the answer in
/// ``DatabaseHealth``: an outage is logged once when it starts and once when it ends, with its
/// length. While the database is down, `/readyz` says so, cached reads are served, the spool and
/// the scheduler wait; when it answers again they resume without waiting for their backoff.
struct DatabaseMonitor: Service {
    let context: ServerContext
    let gate: StartupGate
    let interval: Duration = .seconds(1)

    func run() async throws {
        await cancelWhenGracefulShutdown { await gate.wait() }
        guard gate.isOpen else { return }
        let (client, logger, health) = (context.client, context.logger, context.databaseHealth)
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let probe: DatabaseHealthState.Probe
            do {
                _ = try await withTimeout(seconds: 2) {
                    try await client.query("SELECT 1", logger: logger)
                }
                probe = .answered
            } catch {
                if Task.isShuttingDownGracefully || Task.isCancelled { return }
                probe = .failed(DatabaseFault.summary(error))
            }
            switch health.record(probe) {
            case .wentDown(let reason):
                logger.error("database unreachable; serving cached results, spool and runs wait", metadata: ["reason": "\(reason)"])
            case .cameBack(let seconds):
                logger.notice("database reachable again; resuming", metadata: ["outage_seconds": "\(String(format: "%.1f", seconds))"])
            case nil:
                break
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
