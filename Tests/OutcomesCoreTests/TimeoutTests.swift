import Foundation
import Synchronization
import Testing
import OutcomesCore

/// `withTimeout`: the work's result in time; `TimeoutError` at the limit even when the work
/// ignores its cancellation (it is left, not waited for).
@Suite("withTimeout")
struct TimeoutTests {
    @Test("a result or an error within the limit comes back as it is")
    func inTime() async throws {
        #expect(try await withTimeout(seconds: 30) { 7 } == 7)
        struct Failed: Error {}
        await #expect(throws: Failed.self) { try await withTimeout(seconds: 30) { () -> Int in throw Failed() } }
    }

    @Test("at the limit it throws TimeoutError, though the work ignores its cancellation; the work is cancelled and left")
    func leavesStuckWork() async throws {
        let released = Mutex(false), cancelled = Mutex(false)
        let started = ContinuousClock.now
        await #expect(throws: TimeoutError.self) {
            try await withTimeout(seconds: 0.2) { () -> Int in
                // Not cancellable: waits on a thread of its own until released.
                while !released.withLock({ $0 }) {
                    if Task.isCancelled { cancelled.withLock { $0 = true } }
                    await withCheckedContinuation { continuation in
                        DispatchQueue.global().asyncAfter(deadline: .now() + 0.01) { continuation.resume() }
                    }
                }
                return 1
            }
        }
        // Returned while the work still ran (it is released only now), well before any 30 s.
        #expect(!released.withLock { $0 })
        #expect(ContinuousClock.now - started < .seconds(30))
        var waited = 0
        while !cancelled.withLock({ $0 }) && waited < 3000 { try await Task.sleep(for: .milliseconds(10)); waited += 1 }
        #expect(cancelled.withLock { $0 }, "the left work was not cancelled")
        released.withLock { $0 = true }
    }
}
