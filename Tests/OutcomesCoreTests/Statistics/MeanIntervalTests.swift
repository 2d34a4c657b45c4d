import Testing
import OutcomesCore

@Suite("Student t interval for a mean")
struct MeanIntervalTests {
    // The phe_mean documentation example, values 30, 40, 50, 60: mean 45, sd = √(500/3) =
    // 12.909944487358056, n = 4. Limits 45 ∓ qt(·, 3)·sd/2 with qt(0.975, 3) = 3.182446305284263
    // (R; NIST table 3.182) and qt(0.999, 3) = 10.21453185240738 (NIST table 10.215), in mpmath at
    // 40 digits.
    @Test("the phe_mean example gives 45 ∓ t·sd/√n at both levels", arguments: [
        (ConfidenceLevel.percent95, 24.45739743239478, 65.54260256760522),
        (.percent99_8, -20.934519589465007, 110.93451958946501),
    ])
    func pheExample(level: ConfidenceLevel, lower: Double, upper: Double) throws {
        let ci = try #require(MeanInterval.studentT(mean: 45, standardDeviation: 12.909944487358056, count: 4, level: level))
        #expect(Close.relative(ci.lower, lower))
        #expect(Close.relative(ci.upper, upper))
    }

    @Test("a zero standard deviation gives a point interval at the mean")
    func zeroSpread() throws {
        let ci = try #require(MeanInterval.studentT(mean: 7, standardDeviation: 0, count: 12, level: .percent95))
        #expect(ci == Interval(lower: 7, upper: 7))
    }

    @Test("fewer than two values or a negative standard deviation give no interval")
    func invalid() {
        #expect(MeanInterval.studentT(mean: 5, standardDeviation: 1, count: 1, level: .percent95) == nil)
        #expect(MeanInterval.studentT(mean: 5, standardDeviation: -1, count: 10, level: .percent95) == nil)
        #expect(MeanInterval.studentT(mean: .nan, standardDeviation: 1, count: 10, level: .percent95) == nil)
    }
}
