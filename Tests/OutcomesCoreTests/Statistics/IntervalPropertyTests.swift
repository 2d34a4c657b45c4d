import Testing
import OutcomesCore

/// Properties every interval method must have, over fixed-seed random inputs.
@Suite("Interval properties")
struct IntervalPropertyTests {
    @Test("Wilson: lower ≤ proportion ≤ upper within [0, 100], and 99.8% encloses 95%")
    func wilsonContainsAndNests() throws {
        var random = SeededGenerator(seed: 0x5EED_0001)
        for _ in 0..<2_000 {
            let n = Double(Int.random(in: 1...100_000, using: &random))
            let x = Double(Int.random(in: 0...Int(n), using: &random))
            let ci95 = try #require(ProportionInterval.wilson(numerator: x, denominator: n, level: .percent95))
            let ci998 = try #require(ProportionInterval.wilson(numerator: x, denominator: n, level: .percent99_8))
            let value = x / n * 100
            #expect(ci95.lower <= value && value <= ci95.upper, "x = \(x), n = \(n)")
            #expect(ci998.encloses(ci95), "x = \(x), n = \(n)")
            #expect(ci998.lower >= 0 && ci998.upper <= 100)
        }
    }

    // The Wilson interval is symmetric under x ↔ n − x: the limits mirror around 50%.
    @Test("Wilson: swapping numerator and its complement mirrors the interval around 50%")
    func wilsonMirror() throws {
        var random = SeededGenerator(seed: 0x5EED_0002)
        for _ in 0..<2_000 {
            let n = Double(Int.random(in: 1...50_000, using: &random))
            let x = Double(Int.random(in: 0...Int(n), using: &random))
            for level in ConfidenceLevel.allCases {
                let a = try #require(ProportionInterval.wilson(numerator: x, denominator: n, level: level))
                let b = try #require(ProportionInterval.wilson(numerator: n - x, denominator: n, level: level))
                #expect(abs(a.lower - (100 - b.upper)) <= 1e-10, "x = \(x), n = \(n)")
                #expect(abs(a.upper - (100 - b.lower)) <= 1e-10, "x = \(x), n = \(n)")
            }
        }
    }

    @Test("Poisson: lower ≤ rate ≤ upper, and 99.8% encloses 95%, for small and large counts")
    func poissonContainsAndNests() throws {
        var random = SeededGenerator(seed: 0x5EED_0003)
        for i in 0..<2_000 {
            // Half the draws below 20 to cover the exact branch and the switch at 10.
            let count = Double(i.isMultiple(of: 2) ? Int.random(in: 0..<20, using: &random)
                                                   : Int.random(in: 0...50_000, using: &random))
            let population = Double(Int.random(in: 1_000...5_000_000, using: &random))
            let ci95 = try #require(PoissonInterval.rate(count: count, denominator: population, level: .percent95, multiplier: 100_000))
            let ci998 = try #require(PoissonInterval.rate(count: count, denominator: population, level: .percent99_8, multiplier: 100_000))
            let value = count / population * 100_000
            #expect(ci95.lower <= value && value <= ci95.upper, "count = \(count)")
            #expect(ci998.encloses(ci95), "count = \(count)")
            #expect(ci998.lower >= 0)
        }
    }

    @Test("Student t: the interval is symmetric about the mean, and 99.8% encloses 95%")
    func meanContainsAndNests() throws {
        var random = SeededGenerator(seed: 0x5EED_0004)
        for _ in 0..<1_000 {
            let mean = Double.random(in: -1_000...1_000, using: &random)
            let sd = Double.random(in: 0...200, using: &random)
            let n = Double(Int.random(in: 2...20_000, using: &random))
            let ci95 = try #require(MeanInterval.studentT(mean: mean, standardDeviation: sd, count: n, level: .percent95))
            let ci998 = try #require(MeanInterval.studentT(mean: mean, standardDeviation: sd, count: n, level: .percent99_8))
            #expect(ci95.lower <= mean && mean <= ci95.upper)
            #expect(abs((ci95.upper - mean) - (mean - ci95.lower)) <= 1e-9 * max(1, abs(mean)))
            #expect(ci998.encloses(ci95))
        }
    }

    // The t interval is wider than the normal one and shrinks towards it as n grows.
    @Test("Student t: the multiplier exceeds z and falls towards it as the count grows")
    func meanWidthFallsWithCount() throws {
        var previous = Double.infinity
        for n in [2.0, 3, 5, 10, 30, 100, 1_000, 100_000] {
            let ci = try #require(MeanInterval.studentT(mean: 0, standardDeviation: 1, count: n, level: .percent95))
            let multiplier = ci.upper * n.squareRoot()
            #expect(multiplier > ConfidenceLevel.percent95.z && multiplier < previous)
            previous = multiplier
        }
    }
}
