import Glibc
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

    @Test("a graceful shutdown ends the wait at once, though the operation ignores its cancellation; the operation is cancelled and left")
    func endsAtShutdown() async throws {
        let released = Mutex(false), started = Mutex(false), cancelled = Mutex(false), outcome = Mutex<String?>(nil)
        let service = Body {
            do {
                _ = try await abandonOnGracefulShutdown { () -> Int in
                    started.withLock { $0 = true }
                    // Not cancellable: polls a flag on threads of its own.
                    while !released.withLock({ $0 }) {
                        if Task.isCancelled { cancelled.withLock { $0 = true } }
                        _ = try? await blocking { usleep(10_000) }
                    }
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
            #expect(await eventually(seconds: 30) { started.withLock { $0 } }, "the operation never started")
            await group.triggerGracefulShutdown()
            #expect(await eventually(seconds: 30) { outcome.withLock { $0 } != nil }, "the wait did not end within 30 s of the shutdown")
            #expect(outcome.withLock { $0 } == "cancelled")
            #expect(await eventually(seconds: 30) { cancelled.withLock { $0 } }, "the left operation was not cancelled")
            #expect(!released.withLock { $0 }, "it ended before the operation did")
            released.withLock { $0 = true }
            try await tasks.waitForAll()
        }
    }
}
