import Testing
import OutcomesCore

@Suite("Alert text: numbers and placeholders")
struct AlertTemplateTests {
    @Test("numbers show at most one decimal place", arguments: [
        (12.0, "12"), (12.34, "12.3"), (-0.44, "-0.4"), (-0.04, "0"), (0.05, "0.1"), (999_999_999_999_999.0, "999999999999999"),
    ])
    func number(value: Double, expected: String) {
        #expect(AlertTemplate.number(value) == expected)
    }

    // Found by fuzzing (FuzzAlertRules: a rule test's values "-1e308 1e308"): ten times a value
    // beyond Int's range trapped converting to Int, killing `outcomesd test rules` or a run.
    @Test("a value of 10^15 or more is written as Swift prints it, not trapped on", arguments: [
        (1e16, "1e+16"), (1e18, "1e+18"), (-9.3e17, "-9.3e+17"), (1e308, "1e+308"), (-1e308, "-1e+308"),
        (Double.infinity, "inf"), (-Double.infinity, "-inf"),
    ])
    func hugeNumber(value: Double, expected: String) {
        #expect(AlertTemplate.number(value) == expected)
    }

    @Test("a huge value in a firing alert's summary is rendered (found by fuzzing)")
    func hugeValueInSummary() throws {
        let context = try AlertEvaluatorTests.context()
        let rows = (2024...2025).map { AlertEvaluatorTests.row($0, 1e308) }
        let fire = try #require(AlertEvaluatorTests.evaluate(context, rows).first { $0.record.rule == "lbw_high" })
        #expect(fire.record.summary == "Live single births under 2,500g in Bridgend: 1e+308% in 2025 (alert level 7.5)")
    }
}
