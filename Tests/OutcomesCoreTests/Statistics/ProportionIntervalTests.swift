import Testing
import OutcomesCore

@Suite("Wilson score interval")
struct ProportionIntervalTests {
    // Newcombe RG (1998), "Two-sided confidence intervals for the single proportion: comparison of
    // seven methods", Statistics in Medicine 17:857–872, Table I, method 3 (Wilson score without
    // continuity correction), 95%, 4 decimals.
    @Test("95% limits reproduce Newcombe (1998) Table I", arguments: [
        (81.0, 263.0, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605), (0, 20, 0.0000, 0.1611), (1, 29, 0.0061, 0.1718),
    ])
    func newcombe(x: Double, n: Double, lower: Double, upper: Double) throws {
        let ci = try #require(ProportionInterval.wilson(numerator: x, denominator: n, level: .percent95, multiplier: 1))
        #expect(Close.rounds(ci.lower, to: lower, places: 4))
        #expect(Close.rounds(ci.upper, to: upper, places: 4))
    }

    // PHEindicatormethods' own test inputs for wilson_lower/wilson_upper (65/100, 1045/5000,
    // 0.445/1, at 95% and 99.8%) and Newcombe's; expected values are PHE's formula
    // (2x + z² ∓ z√(z² + 4x(1 − x/n)))/2/(n + z²) evaluated in mpmath at 40 digits with
    // z = qnorm(0.975) or qnorm(0.999). As percentages (multiplier 100).
    @Test("limits equal the PHEindicatormethods formula to 1e-12", arguments: [
        (65.0, 100.0, ConfidenceLevel.percent95, 55.25444329688796, 73.635751756902469),
        (65, 100, .percent99_8, 49.549465740704473, 77.835406140896857),
        (1045, 5000, .percent95, 19.795549880013296, 22.049130373189028),
        (1045, 5000, .percent99_8, 19.17938179901526, 22.731562902525796),
        (0.445, 1, .percent95, 4.3817447720588186, 93.34621276979157),
        (0.445, 1, .percent99_8, 1.934700613290133, 97.022599470195342),
        (81, 263, .percent99_8, 22.803574024200476, 40.138942190936961),
        (1, 29, .percent99_8, 0.30160013587169455, 29.658645803642147),
    ])
    func pheFormula(x: Double, n: Double, level: ConfidenceLevel, lower: Double, upper: Double) throws {
        let ci = try #require(ProportionInterval.wilson(numerator: x, denominator: n, level: level))
        #expect(Close.relative(ci.lower, lower))
        #expect(Close.relative(ci.upper, upper))
    }

    @Test("none and all of the denominator give limits of exactly 0 and 100")
    func extremes() throws {
        let none = try #require(ProportionInterval.wilson(numerator: 0, denominator: 20, level: .percent95))
        #expect(none.lower == 0)
        // mpmath: 16.112515805281939 (Newcombe: 0.1611).
        #expect(Close.relative(none.upper, 16.112515805281939))
        let all = try #require(ProportionInterval.wilson(numerator: 20, denominator: 20, level: .percent95))
        #expect(all.upper == 100)
        #expect(Close.relative(all.lower, 83.887484194718061))
    }

    @Test("impossible inputs give no interval", arguments: [(Double, Double)](
        arrayLiteral: (1, 0), (1, -5), (6, 5), (-1, 5), (.nan, 5), (1, .infinity)
    ))
    func invalid(x: Double, n: Double) {
        #expect(ProportionInterval.wilson(numerator: x, denominator: n, level: .percent95) == nil)
    }
}
