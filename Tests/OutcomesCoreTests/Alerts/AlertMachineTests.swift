import Testing
import OutcomesCore

@Suite("Alert state machine, counted in reporting periods")
struct AlertMachineTests {
    static func year(_ y: Int) -> Period { Period(type: .calendar, year: y)! }

    /// Replays values through a threshold rule (above 12, clear 10) and returns the actions.
    static func replay(_ values: [Double?], forPeriods: Int = 1, keep: Int = 0, above: Double = 12, clear: Double = 10)
        -> (AlertMachine, [AlertMachine.Action]) {
        var machine = AlertMachine(forPeriods: forPeriods, keepFiringFor: keep)
        var actions: [AlertMachine.Action] = []
        for (i, value) in values.enumerated() {
            guard let value else { continue }   // a period with no data is not an event
            actions.append(machine.period(year(2010 + i), AlertCondition.threshold(value, side: .above, level: above, clear: clear)))
        }
        return (machine, actions)
    }

    @Test("a value oscillating between the clear and fire levels fires once and stays firing")
    func hysteresis() {
        let (machine, actions) = Self.replay([11, 13, 11.5, 13, 10.5, 12.5, 11])
        #expect(actions.filter { $0 == .fire }.count == 1)
        #expect(!actions.contains(.resolve))
        #expect(machine.state.name == .firing)
    }

    @Test("without a separate clear level the same series flaps")
    func withoutHysteresisFlaps() {
        let (_, actions) = Self.replay([11, 13, 11.5, 13, 10.5], clear: 12)
        #expect(actions == [.none, .fire, .resolve, .fire, .resolve])
    }

    @Test("resolves only once the value passes back below the clear level")
    func resolvesPastClear() {
        let (machine, actions) = Self.replay([13, 11, 9])
        #expect(actions == [.fire, .none, .resolve])
        #expect(machine.state == .resolved(at: Self.year(2012)))
    }

    @Test("for: 2 needs two consecutive periods; one breaks the streak")
    func forPeriods() {
        #expect(Self.replay([13, 9, 13], forPeriods: 2).1 == [.pend, .cancel, .pend])
        let (machine, actions) = Self.replay([13, 13], forPeriods: 2)
        #expect(actions == [.pend, .fire])
        #expect(machine.state == .firing(since: Self.year(2011), clearStreak: 0))
    }

    @Test("a period with no data neither extends nor breaks a streak, and never resolves")
    func gaps() {
        // 13, gap, 13 → the two periods with data are consecutive in the machine's count.
        #expect(Self.replay([13, nil, 13], forPeriods: 2).1 == [.pend, .fire])
        let (machine, actions) = Self.replay([13, nil, nil, nil])
        #expect(actions == [.fire] && machine.state.name == .firing)
    }

    @Test("keep_firing_for holds a firing alert for that many clear periods")
    func keepFiringFor() {
        let (machine, actions) = Self.replay([13, 9, 9], keep: 1)
        #expect(actions == [.fire, .none, .resolve])
        #expect(machine.state.name == .resolved)
        // A fire-level value inside the keep window resets it.
        #expect(Self.replay([13, 9, 13, 9, 9], keep: 1).1 == [.fire, .none, .none, .none, .resolve])
    }

    @Test("the same or an older period again changes nothing")
    func idempotent() {
        var machine = AlertMachine(forPeriods: 1, keepFiringFor: 0)
        #expect(machine.period(Self.year(2020), .holds) == .fire)
        #expect(machine.period(Self.year(2020), .clears) == .none)
        #expect(machine.period(Self.year(2019), .clears) == .none)
        #expect(machine.state.name == .firing)
    }

    @Test("a removed rule resolves a firing alert and drops a pending one")
    func ruleRemoved() {
        var firing = Self.replay([13]).0
        #expect(firing.ruleRemoved() == .resolve && firing.state.name == .resolved)
        var pending = Self.replay([13], forPeriods: 3).0
        #expect(pending.ruleRemoved() == .cancel && pending.state.name == .inactive)
        var idle = AlertMachine(forPeriods: 1, keepFiringFor: 0)
        #expect(idle.ruleRemoved() == .none)
    }

    @Test("a resolved alert fires again when the condition returns")
    func refires() {
        #expect(Self.replay([13, 9, 13]).1 == [.fire, .resolve, .fire])
    }
}
