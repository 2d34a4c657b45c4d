import Glibc
import Logging
import ServiceLifecycle
import Synchronization
import Testing
@testable import OutcomesServer
import OutcomesTestSupport

/// The stop deadline (issue 14): after SIGTERM the process ends even when a task ignores both
/// the graceful shutdown and its cancellation.
@Suite("The stop deadline")
struct StopDeadlineTests {
    /// A service that answers neither graceful shutdown nor cancellation until released.
    final class Stuck: Service, Sendable {
        let released = Mutex(false)
        func run() async {
            while !released.withLock({ $0 }) {
                // Deliberately not cancellable: a sleep on a thread of its own.
                _ = try? await blocking { usleep(20_000) }
            }
        }
    }

    @Test("after a graceful shutdown with a stuck task, the deadline expires; the group itself would wait for ever")
    func expiresWhenATaskIsStuck() async throws {
        let expired = Mutex(false)
        let stuck = Stuck()
        let deadline = StopDeadline(limit: .milliseconds(500), logger: TestCluster.logger) { expired.withLock { $0 = true } }
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: stuck), .init(service: deadline, successTerminationBehavior: .ignore)],
            logger: TestCluster.logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            // Nothing expires before a shutdown is asked for: the group runs, the deadline waits.
            #expect(!expired.withLock { $0 })
            await group.triggerGracefulShutdown()
            #expect(await eventually(seconds: 30) { expired.withLock { $0 } }, "the deadline did not expire within 30 s")
            // The stuck service still runs: only the deadline ended it (in the daemon, exit(1)).
            stuck.released.withLock { $0 = true }
            try await tasks.waitForAll()
        }
    }
}
