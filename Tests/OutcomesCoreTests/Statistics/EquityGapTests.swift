import Testing
import OutcomesCore

@Suite("Equity gap")
struct EquityGapTests {
    @Test("separate 95% intervals make a significant gap")
    func separate() {
        let gap = EquityGap.between(group: 41, groupInterval: Interval(lower: 35, upper: 47),
                                    all: 62, allInterval: Interval(lower: 61, upper: 63))
        #expect(gap == EquityGap(difference: -21, intervalsOverlap: false, significant: true))
    }

    @Test("overlapping or touching intervals are not a significant gap", arguments: [47.0, 50.0])
    func overlapping(allLower: Double) {
        let gap = EquityGap.between(group: 41, groupInterval: Interval(lower: 35, upper: 47),
                                    all: 52, allInterval: Interval(lower: allLower, upper: 54))
        #expect(gap.intervalsOverlap == (allLower <= 47))
        #expect(gap.significant == (allLower > 47))
        #expect(gap.difference == -11)
    }

    @Test("a missing interval leaves overlap and significance unknown")
    func missing() {
        let gap = EquityGap.between(group: 70, groupInterval: nil, all: 60, allInterval: Interval(lower: 59, upper: 61))
        #expect(gap == EquityGap(difference: 10, intervalsOverlap: nil, significant: nil))
    }
}
