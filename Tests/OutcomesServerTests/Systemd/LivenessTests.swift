import Testing
@testable import OutcomesServer

@Suite("The watchdog's liveness decision, with plain values")
struct LivenessTests {
    let start = ContinuousClock.now

    @Test("sends while every component is within its deadline and the HTTP loop answers")
    func healthy() {
        var liveness = Liveness()
        liveness.tick(.scheduler, now: start, nextWithin: .seconds(13))
        liveness.tick(.spool, now: start, nextWithin: .seconds(16))
        liveness.tick(.dispatcher, now: start, nextWithin: .seconds(121))
        #expect(liveness.decide(now: start + .seconds(10), httpAnswered: true) == .send)
    }

    @Test("skips, naming why, when the HTTP loop is stuck or a component missed its deadline")
    func stuck() {
        var liveness = Liveness()
        liveness.tick(.scheduler, now: start, nextWithin: .seconds(13))
        liveness.tick(.spool, now: start, nextWithin: .seconds(16))
        #expect(liveness.decide(now: start + .seconds(1), httpAnswered: false) == .skip(reason: "HTTP event loop did not answer"))
        guard case .skip(let reason) = liveness.decide(now: start + .seconds(14), httpAnswered: true) else {
            Issue.record("expected a skip"); return
        }
        #expect(reason.contains("compute scheduler") && !reason.contains("spool"))
        // A long run announced before it starts is allowed its time; a new tick heals.
        liveness.tick(.scheduler, now: start + .seconds(14), nextWithin: .seconds(3600))
        #expect(liveness.decide(now: start + .seconds(15), httpAnswered: true) == .send)
    }

    @Test("a component that stopped, or never started, is not waited for")
    func stopped() {
        var liveness = Liveness()
        #expect(liveness.decide(now: start, httpAnswered: true) == .send)
        liveness.tick(.spool, now: start, nextWithin: .seconds(1))
        liveness.stopped(.spool)
        #expect(liveness.decide(now: start + .seconds(60), httpAnswered: true) == .send)
    }
}
