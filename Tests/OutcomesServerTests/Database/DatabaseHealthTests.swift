import Foundation
import Testing
import OutcomesCore
@testable import OutcomesServer

@Suite("Database health: outages recorded once, and what they allow")
struct DatabaseHealthTests {
    let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    @Test("an outage is one wentDown, repeated failures update the reason only, and the first answer ends it with its length")
    func transitions() {
        var state = DatabaseHealthState()
        #expect(state.record(.answered, at: t0) == nil)
        #expect(state.record(.failed("connection refused"), at: t0.addingTimeInterval(1)) == .wentDown(reason: "connection refused"))
        #expect(state.record(.failed("timed out after 2.0 s"), at: t0.addingTimeInterval(2)) == nil)
        #expect(state.reachable == false)
        #expect(state.reason == "timed out after 2.0 s")
        #expect(state.downSince == t0.addingTimeInterval(1))
        #expect(state.record(.answered, at: t0.addingTimeInterval(6.5)) == .cameBack(afterSeconds: 5.5))
        #expect(state.reachable && state.downSince == nil && state.reason == nil)
        #expect(state.recoveries == 1)
        #expect(state.record(.answered, at: t0.addingTimeInterval(7)) == nil)
        #expect(state.recoveries == 1)
    }

    @Test("waitUntilReachable returns at once when reachable, when the database comes back, or at its limit")
    func waiting() async {
        let health = DatabaseHealth()
        let clock = ContinuousClock()
        #expect(await clock.measure { await health.waitUntilReachable(atMost: .seconds(30)) } < .seconds(1))
        health.record(.failed("refused"))
        #expect(await clock.measure { await health.waitUntilReachable(atMost: .milliseconds(300)) } >= .milliseconds(300))
        let waiter = Task { await clock.measure { await health.waitUntilReachable(atMost: .seconds(60)) } }
        health.record(.answered)
        #expect(await waiter.value < .seconds(30))
    }

    let reader = Principal(tokenID: 1, name: "r", role: .reader, partner: nil)

    @Test("a token verified before an outage is accepted during it, whatever its age; not while the database answers unheard")
    func tokensThroughAnOutage() {
        let cache = PrincipalCache(lifetime: .zero)
        cache.setListening(true)
        cache.keep(reader, for: "t", generation: cache.principal(for: "t").generation)
        // The listener drops because the database went down: the entry is kept for the outage,
        // even past its lifetime (zero here).
        cache.setListening(false)
        #expect(cache.principal(for: "t", databaseDown: true).principal == reader)
        #expect(cache.principal(for: "other", databaseDown: true).principal == nil)
        // The database answers but nobody listens yet: nothing is trusted, and the entry is gone.
        #expect(cache.principal(for: "t", databaseDown: false).principal == nil)
        #expect(cache.principal(for: "t", databaseDown: true).principal == nil)
    }

    @Test("a revocation heard before the outage still holds during it")
    func revokedBeforeOutage() {
        let cache = PrincipalCache()
        cache.setListening(true)
        cache.keep(reader, for: "t", generation: cache.principal(for: "t").generation)
        cache.tokensChanged()
        cache.setListening(false)
        #expect(cache.principal(for: "t", databaseDown: true).principal == nil)
    }
}
