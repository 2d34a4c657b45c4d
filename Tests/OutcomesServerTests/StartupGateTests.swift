import Testing
@testable import OutcomesServer

@Suite("The start-up gate the background services wait on")
struct StartupGateTests {
    @Test("waiters are released when the gate opens, and at once when it is already open")
    func opens() async {
        let gate = StartupGate()
        async let waited: Void = gate.wait()
        try? await Task.sleep(for: .milliseconds(50))
        gate.open()
        await waited
        #expect(gate.isOpen)
        await gate.wait()
    }

    @Test("a cancelled waiter returns although the gate never opens (shutdown must not hang)")
    func cancellation() async {
        let gate = StartupGate()
        let waiter = Task { await gate.wait(); return gate.isOpen }
        try? await Task.sleep(for: .milliseconds(50))
        waiter.cancel()
        #expect(await waiter.value == false)
    }
}
