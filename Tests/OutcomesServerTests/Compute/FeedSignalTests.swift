import Testing
@testable import OutcomesServer

/// The scheduler's wake-up: a feed applied in this process ends its pause at once.
@Suite("Feed signal")
struct FeedSignalTests {
    @Test("a signal given before the wait makes the next wait return at once, and only that one")
    func keptUntilTheWait() async {
        let signal = FeedSignal()
        signal.applied()
        let start = ContinuousClock.now
        await signal.wait(atMost: .seconds(60))
        #expect(ContinuousClock.now - start < .seconds(30), "the kept signal did not end the wait")
        // Used up: the next wait runs to its limit.
        let second = ContinuousClock.now
        await signal.wait(atMost: .milliseconds(200))
        #expect(ContinuousClock.now - second >= .milliseconds(200))
    }

    @Test("a waiting scheduler is woken by a feed applied meanwhile, long before its limit")
    func wakesTheWaiter() async {
        let signal = FeedSignal()
        let start = ContinuousClock.now
        async let waited: Void = signal.wait(atMost: .seconds(120))
        // Once: before the wait has begun it is kept for it (the test above), after it wakes it.
        signal.applied()
        await waited
        #expect(ContinuousClock.now - start < .seconds(60), "the wait ran to its limit")
    }

    @Test("a cancelled wait returns")
    func cancelled() async {
        let signal = FeedSignal()
        let start = ContinuousClock.now
        let task = Task { await signal.wait(atMost: .seconds(120)) }
        task.cancel()
        await task.value
        #expect(ContinuousClock.now - start < .seconds(60))
    }
}
