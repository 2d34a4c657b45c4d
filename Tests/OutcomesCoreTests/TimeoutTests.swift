import Testing
import OutcomesCore
import OutcomesTestSupport

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

    @Test("at the limit it throws TimeoutError, though the work ignores its cancellation; the work is cancelled and left",
          .timeLimit(.minutes(1)))
    func leavesStuckWork() async throws {
        let released = Gate(), cancelled = Gate()
        await #expect(throws: TimeoutError.self) {
            try await withTimeout(seconds: 0.2) { () -> Int in
                // Answers its cancellation only by telling the test; keeps waiting to be released.
                await withTaskCancellationHandler { await released.wait() } onCancel: { cancelled.open() }
                return 1
            }
        }
        // Returned while the work still waits: it is released only now.
        #expect(!released.isOpen)
        // The event: the left work was cancelled (a broken version hangs here until the time limit).
        await cancelled.wait()
        released.open()
    }
}
