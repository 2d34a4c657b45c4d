import Testing
import OutcomesCore

@Suite("Change from the previous period")
struct ChangeTests {
    @Test("absolute and relative change", arguments: [
        (40.0, 50.0, 10.0, 0.25), (50, 40, -10, -0.2), (-4, -2, 2, 0.5), (7, 7, 0, 0),
    ])
    func change(previous: Double, current: Double, absolute: Double, relative: Double) {
        let change = Change.between(previous: previous, current: current)
        #expect(change.absolute == absolute)
        #expect(change.relative == relative)
    }

    @Test("the relative change from zero is undefined")
    func fromZero() {
        #expect(Change.between(previous: 0, current: 5) == Change(absolute: 5, relative: nil))
    }
}
