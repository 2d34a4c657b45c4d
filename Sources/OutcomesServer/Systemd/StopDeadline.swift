import Foundation
public import Logging
public import ServiceLifecycle

/// The last guarantee of a bounded stop: once SIGTERM (or SIGINT) has begun a graceful shutdown,
/// the process exits with status 1 after `limit` even if some task neither finished nor answered
/// its cancellation — a lease queued in a pool whose database is gone, say. Everything the daemon
/// stores is written in transactions, so what such a task held rolls back with its connection.
///
/// The service group escalates to cancellation after its own graceful limit (`ServeCommand.gracefulStopSeconds`);
/// `limit` comes after that, and before systemd's `TimeoutStopSec` (90 s by default) would SIGKILL.
/// The timer is a thread of its own, so a starved or stuck task pool cannot hold it.
public struct StopDeadline: Service {
    let limit: Duration
    let logger: Logger
    /// What happens at the deadline: the process exits with status 1 (tests pass their own).
    let expire: @Sendable () -> Void

    public init(limit: Duration, logger: Logger, expire: @escaping @Sendable () -> Void = { exit(1) }) {
        self.limit = limit
        self.logger = logger
        self.expire = expire
    }

    public func run() async {
        // Returns when the graceful shutdown begins (or throws when the group is cancelled:
        // the deadline applies either way).
        try? await gracefulShutdown()
        let (limit, logger, expire) = (limit, logger, expire)
        let seconds = Double(limit.components.seconds) + Double(limit.components.attoseconds) / 1e18
        let thread = Thread {
            Thread.sleep(forTimeInterval: seconds)
            logger.critical("outcomesd did not stop within the stop deadline after SIGTERM; exiting with tasks still running (their transactions roll back)",
                            metadata: ["deadline_seconds": "\(seconds)"])
            expire()
        }
        thread.name = "stop-deadline"
        thread.start()
    }
}
