import ServiceLifecycle
import Synchronization
import Testing
@testable import OutcomesServer
import OutcomesTestSupport

/// `abandonOnGracefulShutdown`: a wait that ends at a graceful shutdown even when what it waits
/// for answers neither the shutdown nor its cancellation (the PostgreSQL pool lease of issue 14).
@Suite("Waits left at a graceful shutdown")
struct AbandonOnShutdownTests {
    /// Runs `body` inside a service, so graceful shutdown can be triggered around it.
    struct Body: Service {
        let run: @Sendable () async -> Void
        func run() async { await run() }
    }

    @Test("the operation's result, or its error, comes back as it is")
    func passesResults() async throws {
        #expect(try await abandonOnGracefulShutdown { 42 } == 42)
        struct Failed: Error {}
        await #expect(throws: Failed.self) { try await abandonOnGracefulShutdown { () -> Int in throw Failed() } }
    }

    @Test("a graceful shutdown ends the wait at once, though the operation ignores its cancellation; the operation is cancelled and left",
          .timeLimit(.minutes(1)))
    func endsAtShutdown() async throws {
        let released = Gate(), started = Gate(), cancelled = Gate(), outcome = Mutex<String?>(nil)
        let service = Body {
            do {
                _ = try await abandonOnGracefulShutdown { () -> Int in
                    started.open()
                    // Answers its cancellation only by telling the test; keeps waiting to be released.
                    await withTaskCancellationHandler { await released.wait() } onCancel: { cancelled.open() }
                    return 1
                }
                outcome.withLock { $0 = "returned" }
            } catch is CancellationError {
                outcome.withLock { $0 = "cancelled" }
            } catch {
                outcome.withLock { $0 = "\(error)" }
            }
        }
        let group = ServiceGroup(configuration: .init(services: [.init(service: service)], logger: TestCluster.logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            await started.wait()
            await group.triggerGracefulShutdown()
            #expect(await eventually(seconds: 30) { outcome.withLock { $0 } != nil }, "the wait did not end within 30 s of the shutdown")
            #expect(outcome.withLock { $0 } == "cancelled")
            await cancelled.wait()   // the left operation was cancelled (else: the time limit)
            #expect(!released.isOpen, "it ended before the operation did")
            released.open()
            try await tasks.waitForAll()
        }
    }
}
