import Logging
import ServiceLifecycle
import Testing
@testable import OutcomesServer
import OutcomesTestSupport

/// The stop deadline (issue 14): after SIGTERM the process ends even when a task ignores both
/// the graceful shutdown and its cancellation.
@Suite("The stop deadline")
struct StopDeadlineTests {
    /// A service that answers neither graceful shutdown nor cancellation until released.
    final class Stuck: Service, Sendable {
        let released = Gate()
        func run() async { await released.wait() }   // not cancellable, by design
    }

    @Test("after a graceful shutdown with a stuck task, the deadline expires; the group itself would wait for ever",
          .timeLimit(.minutes(1)))
    func expiresWhenATaskIsStuck() async throws {
        let expired = Gate()
        let stuck = Stuck()
        let deadline = StopDeadline(limit: .milliseconds(500), logger: TestCluster.logger) { expired.open() }
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: stuck), .init(service: deadline, successTerminationBehavior: .ignore)],
            logger: TestCluster.logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            // Nothing expires before a shutdown is asked for: the group runs, the deadline waits.
            #expect(!expired.isOpen)
            await group.triggerGracefulShutdown()
            await expired.wait()   // the event (a deadline that never expires: the test's time limit)
            // The stuck service still runs: only the deadline ended it (in the daemon, exit(1)).
            stuck.released.open()
            try await tasks.waitForAll()
        }
    }
}
