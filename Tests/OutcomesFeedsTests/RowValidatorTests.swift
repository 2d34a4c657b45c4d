import Testing
import OutcomesCore
import OutcomesFeeds

/// A row case: cells, the sending partner, and the (field, code) pairs expected.
struct RowCase: Sendable, CustomTestStringConvertible {
    var name: String
    var fields: [String: String]
    var partner: String? = "local_authority"
    var expected: [String]

    var testDescription: String { name }
}

private func row(_ indicator: String, _ area: String, _ period: String, _ extra: [String: String] = [:]) -> [String: String] {
    ["indicator": indicator, "area": area, "period": period].merging(extra) { $1 }
}

@Suite("Row validation")
struct RowValidatorTests {
    static let cases: [RowCase] = [
        RowCase(name: "unknown_indicator", fields: row("looked_after", "W06000015", "2024-25", ["value": "1"]),
                expected: ["indicator unknown_indicator"]),
        RowCase(name: "missing indicator", fields: row("", "W06000015", "2024-25"),
                expected: ["indicator missing_field"]),
        RowCase(name: "unknown_area", fields: row("lac_placed_outside_wales", "W06000099", "2024-25", ["value": "1"]),
                expected: ["area unknown_area"]),
        RowCase(name: "area_not_valid: a health board retired on 2019-03-31 used for 2020",
                fields: row("low_birth_weight", "W11000026", "2020", ["numerator": "5", "denominator": "100"]),
                partner: "local_health_board", expected: ["area area_not_valid"]),
        RowCase(name: "area_not_valid: a health board created on 2019-04-01 used for 2018",
                fields: row("low_birth_weight", "W11000031", "2018", ["numerator": "5", "denominator": "100"]),
                partner: "local_health_board", expected: ["area area_not_valid"]),
        RowCase(name: "a retired health board may report a period that overlaps its life",
                fields: row("low_birth_weight", "W11000026", "2019", ["numerator": "5", "denominator": "100"]),
                partner: "local_health_board", expected: []),
        RowCase(name: "unknown_breakdown", fields: row("lac_placed_outside_wales", "W06000015", "2024-25", ["value": "1", "breakdown": "boys"]),
                expected: ["breakdown unknown_breakdown"]),
        RowCase(name: "breakdown_not_allowed", fields: row("lac_placed_outside_wales", "W06000015", "2024-25", ["value": "1", "breakdown": "disabled"]),
                expected: ["breakdown breakdown_not_allowed"]),
        RowCase(name: "an allowed priority-group breakdown is accepted",
                fields: row("persistent_absence_secondary", "W06000015", "2023/24", ["numerator": "10", "denominator": "100", "breakdown": "free_school_meals"]),
                expected: []),
        RowCase(name: "malformed_period", fields: row("lac_placed_outside_wales", "W06000015", "24/25", ["value": "1"]),
                expected: ["period malformed_period"]),
        RowCase(name: "malformed_period: second year not the next", fields: row("lac_placed_outside_wales", "W06000015", "2024-26", ["value": "1"]),
                expected: ["period malformed_period"]),
        RowCase(name: "wrong_period_type", fields: row("lac_placed_outside_wales", "W06000015", "2024", ["value": "1"]),
                expected: ["period wrong_period_type"]),
        RowCase(name: "future_period", fields: row("lac_placed_outside_wales", "W06000015", "2027-28", ["value": "1"]),
                expected: ["period future_period"]),
        RowCase(name: "the current, begun period is not in the future",
                fields: row("lac_placed_outside_wales", "W06000015", "2026-27", ["value": "1"]), expected: []),
        RowCase(name: "quarter variants are accepted",
                fields: row("mmr1_by_age_2", "W11000031", "2024_q3", ["numerator": "90", "denominator": "100"]),
                partner: "public_health_wales", expected: []),
        RowCase(name: "month variants are accepted", fields: row("temporary_accommodation_families", "W06000015", "2024m07", ["value": "8"]),
                expected: []),
        RowCase(name: "missing numbers for a proportion", fields: row("assessments_within_42_days", "W06000015", "2024-25"),
                expected: ["numerator missing_field", "denominator missing_field"]),
        RowCase(name: "missing value for a count", fields: row("lac_placed_outside_wales", "W06000015", "2024-25", ["numerator": "3"]),
                expected: ["value missing_field"]),
        RowCase(name: "missing interval for value_with_ci", fields: row("children_workless_households", "W92000004", "2024", ["value": "14.1"]),
                partner: "ons", expected: ["lower missing_field", "upper missing_field"]),
        RowCase(name: "missing area and period", fields: ["indicator": "lac_placed_outside_wales", "value": "1"],
                expected: ["area missing_field", "period missing_field"]),
        RowCase(name: "note x lets the numbers be empty", fields: row("assessments_within_42_days", "W06000015", "2024-25", ["note": "x"]),
                expected: []),
        RowCase(name: "note c lets the numbers be empty", fields: row("children_workless_households", "W92000004", "2024", ["note": "c"]),
                partner: "ons", expected: []),
        RowCase(name: "note p does not excuse missing numbers", fields: row("lac_placed_outside_wales", "W06000015", "2024-25", ["note": "p"]),
                expected: ["value missing_field"]),
        RowCase(name: "not_a_number: text", fields: row("lac_placed_outside_wales", "W06000015", "2024-25", ["value": "twelve"]),
                expected: ["value not_a_number"]),
        RowCase(name: "not_a_number: thousands separator", fields: row("assessments_within_42_days", "W06000015", "2024-25", ["numerator": "1,200", "denominator": "2000"]),
                expected: ["numerator not_a_number"]),
        RowCase(name: "not_a_number: NaN", fields: row("lac_placed_outside_wales", "W06000015", "2024-25", ["value": "NaN"]),
                expected: ["value not_a_number"]),
        RowCase(name: "not_a_number: infinity", fields: row("lac_placed_outside_wales", "W06000015", "2024-25", ["value": "-inf"]),
                expected: ["value not_a_number"]),
        RowCase(name: "negative_number", fields: row("lac_placed_outside_wales", "W06000015", "2024-25", ["value": "-3"]),
                expected: ["value negative_number"]),
        RowCase(name: "zero_denominator", fields: row("looked_after_rate", "W06000015", "2024-25", ["numerator": "0", "denominator": "0"]),
                expected: ["denominator zero_denominator"]),
        RowCase(name: "numerator_exceeds_denominator", fields: row("assessments_within_42_days", "W06000015", "2024-25", ["numerator": "31", "denominator": "30"]),
                expected: ["numerator numerator_exceeds_denominator"]),
        RowCase(name: "a rate's numerator may exceed its denominator (range permitting)",
                fields: row("care_and_support_rate", "W06000015", "2024-25", ["numerator": "3", "denominator": "2"]),
                expected: ["value out_of_range"]),
        RowCase(name: "out_of_range: count", fields: row("lac_placed_outside_wales", "W06000015", "2024-25", ["value": "10001"]),
                expected: ["value out_of_range"]),
        RowCase(name: "out_of_range: value_with_ci", fields: row("children_workless_households", "W92000004", "2024", ["value": "101", "lower": "99", "upper": "102"]),
                partner: "ons", expected: ["value out_of_range"]),
        RowCase(name: "interval_order: lower above value", fields: row("children_workless_households", "W92000004", "2024", ["value": "14", "lower": "15", "upper": "16"]),
                partner: "ons", expected: ["lower interval_order"]),
        RowCase(name: "interval_order: upper below value", fields: row("children_workless_households", "W92000004", "2024", ["value": "14", "lower": "12", "upper": "13.9"]),
                partner: "ons", expected: ["upper interval_order"]),
        RowCase(name: "interval_order applies to optional intervals too",
                fields: row("assessments_within_42_days", "W06000015", "2024-25", ["numerator": "50", "denominator": "100", "lower": "51", "upper": "60"]),
                expected: ["lower interval_order"]),
        RowCase(name: "value_mismatch", fields: row("assessments_within_42_days", "W06000015", "2024-25", ["numerator": "50", "denominator": "100", "value": "50.1"]),
                expected: ["value value_mismatch"]),
        RowCase(name: "a supplied value within 0.05 of the derived one is accepted",
                fields: row("assessments_within_42_days", "W06000015", "2024-25", ["numerator": "1", "denominator": "3", "value": "33.3"]),
                expected: []),
        RowCase(name: "unknown_note_code", fields: row("lac_placed_outside_wales", "W06000015", "2024-25", ["value": "1", "note": "p, q"]),
                expected: ["note unknown_note_code"]),
        RowCase(name: "partner_not_allowed", fields: row("lac_placed_outside_wales", "W06000015", "2024-25", ["value": "1"]),
                partner: "police", expected: ["indicator partner_not_allowed"]),
        RowCase(name: "no partner check without a partner", fields: row("children_workless_households", "W92000004", "2024", ["value": "14", "lower": "12", "upper": "16"]),
                partner: nil, expected: []),
        RowCase(name: "an unknown indicator still gets its other fields checked",
                fields: row("nope", "W0600001", "2024-25", ["value": "x", "note": "?"]),
                expected: ["indicator unknown_indicator", "area unknown_area", "value not_a_number", "note unknown_note_code"]),
        RowCase(name: "an unknown indicator with a non-period", fields: row("nope", "W06000015", "last year"),
                expected: ["indicator unknown_indicator", "period malformed_period"]),
    ]

    @Test("each row rule yields its stable code on the right field", arguments: cases)
    func rowRules(_ rowCase: RowCase) throws {
        var validator = try Fixture.validator(partner: rowCase.partner)
        let result = validator.validate(rowCase.fields, line: 7)
        switch result {
        case .success:
            #expect(rowCase.expected == [])
        case .failure(let problems):
            #expect(problems.errors.map { "\($0.field) \($0.code)" } == rowCase.expected)
            for error in problems.errors {
                #expect(error.line == 7)
                #expect(!error.message.isEmpty)
            }
        }
    }

    @Test("the validator keeps no table of the feed's keys: a repeated observation passes it, for the store to refuse")
    func repeatedKeysAreLeftToTheStore() throws {
        var validator = try Fixture.validator()
        let fields = row("lac_placed_outside_wales", "W06000015", "2024-25", ["value": "1"])
        #expect((try? validator.validate(fields, line: 2).get()) != nil)
        var again = fields
        again["breakdown"] = "all"
        again["value"] = "2"
        let repeated = try validator.validate(again, line: 9).get()
        // The same key as sent to the store: the store's unique key then finds the repeat.
        let first = try validator.validate(fields, line: 2).get()
        #expect(repeated.indicator == first.indicator && repeated.area == first.area
                && repeated.breakdown == first.breakdown && repeated.period == first.period)
    }

    @Test("duplicate_key names the first row as a line (CSV) or an observation (JSON)")
    func repeatedKeyWording() {
        let csv = RowError.repeatedKey(line: 9, firstLine: 2, place: .line, key: "looked_after_rate W06000015 all 2024-25")
        #expect(csv.description == "line 9: record: duplicate_key: this indicator, area, breakdown and period were already given on line 2; send each observation once per feed (value 'looked_after_rate W06000015 all 2024-25')")
        let json = RowError.repeatedKey(line: 3, firstLine: 1, place: .observation, key: "k")
        #expect(json.description.hasPrefix("observation 3: record: duplicate_key: this indicator, area, breakdown and period were already given in observation 1;"))
    }

    @Test("a proportion's value is derived from numerator and denominator times the multiplier")
    func proportionValueIsDerived() throws {
        var validator = try Fixture.validator()
        let row = try validator.validate(row("assessments_within_42_days", "W06000015", "2024-25",
                                             ["numerator": "45", "denominator": "60", "value": "75.04"]), line: 2).get()
        #expect(row.value == 75)
        #expect(row.numerator == 45)
        #expect(row.denominator == 60)
    }

    @Test("withheld rows are stored with nulls")
    func withheldRowsHaveNulls() throws {
        var validator = try Fixture.validator()
        let row = try validator.validate(row("assessments_within_42_days", "W06000015", "2024-25", ["note": " c , p "]), line: 3).get()
        #expect(row.value == nil)
        #expect(row.numerator == nil)
        #expect(row.notes == "cp")
    }

    @Test("note codes are normalised to sorted, de-duplicated lower-case letters",
          arguments: [("p,r", "pr"), ("r, p", "pr"), ("P,p,R", "pr"), ("", ""), ("x", "x"), ("b,c,e,p,r,t,u,x,z", "bceprtuxz"), ("pr", "pr")])
    func notesAreNormalised(input: String, stored: String) throws {
        var validator = try Fixture.validator()
        let row = try validator.validate(row("lac_placed_outside_wales", "W06000015", "2024-25", ["value": "1", "note": input]), line: 2).get()
        #expect(row.notes == stored)
    }

    @Test("cells are trimmed of surrounding spaces")
    func cellsAreTrimmed() throws {
        var validator = try Fixture.validator()
        let row = try validator.validate(["indicator": " lac_placed_outside_wales ", "area": "W06000015 ",
                                          "period": " 2024-25", "value": " 12 "], line: 2).get()
        #expect(row.indicator == "lac_placed_outside_wales")
        #expect(row.value == 12)
    }

    @Test("messages say what is accepted")
    func messagesSayWhatIsAccepted() throws {
        var validator = try Fixture.validator()
        func message(_ fields: [String: String]) -> String {
            if case .failure(let problems) = validator.validate(fields, line: 2) {
                return problems.errors.map(\.message).joined(separator: " | ")
            }
            return ""
        }
        #expect(message(row("nope", "W06000015", "2024-25", ["value": "1"])).contains("outcomesd catalogue"))
        #expect(message(row("lac_placed_outside_wales", "X", "2024-25", ["value": "1"])).contains("areas.yaml"))
        #expect(message(row("persistent_absence_secondary", "W06000015", "2023/24", ["numerator": "1", "denominator": "2", "breakdown": "disabled"]))
            .contains("allowed: all, free_school_meals, additional_learning_needs"))
        #expect(message(row("lac_placed_outside_wales", "W06000015", "2024-25", ["value": "1,234"])).contains("remove thousands separators"))
        #expect(message(row("lac_placed_outside_wales", "W06000015", "2024-25", ["value": "20000"])).contains("0 to 10000 (children)"))
        #expect(message(row("lac_placed_outside_wales", "W06000015", "2024-25", ["value": "1"])) == "", "no duplicate yet")
        #expect(message(row("lac_placed_outside_wales", "W06000015", "2024", ["value": "1"]))
            .contains("expected a financial year such as 2024-25"))
        var police = try Fixture.validator(partner: "police")
        if case .failure(let problems) = police.validate(row("lac_placed_outside_wales", "W06000015", "2024-25", ["value": "1"]), line: 2) {
            #expect(problems.errors.first?.message.contains("supplied by partner 'local_authority'") == true)
        }
    }
}
