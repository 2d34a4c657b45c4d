import Testing
import OutcomesCore
@testable import OutcomesFeeds

/// Ids by position: indicator 0 → 17, area 0 → 3, area 1 → 4, breakdown 0 → 1.
private let ids = CopyText.IDs(indicators: [17], areas: [3, 4], breakdowns: [1])
private let first = ObservationRow.Positions(indicator: 0, area: 0, breakdown: 0)

private func encode(_ row: ObservationRow) throws -> String {
    var buffer: [UInt8] = []
    try CopyText.append(row, ids: ids, to: &buffer)
    return String(decoding: buffer, as: UTF8.self)
}

@Suite("COPY text")
struct CopyTextTests {
    @Test("a row becomes one tab-separated, newline-terminated line in column order, keys as stored ids, nulls as \\N")
    func rowLayout() throws {
        let period = try Period.parse("2024-25", as: .financial)
        var row = ObservationRow(line: 12, indicator: "looked_after_rate", area: "W06000015", breakdown: "all",
                                 period: period, numerator: 480, denominator: 72000, value: 66.66666666666667,
                                 lower: nil, upper: nil, notes: "pr", positions: first)
        #expect(try encode(row) == "12\t17\t3\t1\t2024-25\t2024-04-01\t480\t72000\t66.66666666666667\t\\N\t\\N\tpr\t\\N\n")
        #expect(CopyText.columns.count == 13)
        row.positions = .init(indicator: 0, area: 1, breakdown: 0)
        #expect(try encode(row).hasPrefix("12\t17\t4\t1\t"))
    }

    @Test("a row without positions, or with one beyond the ids, is an error, not a trap")
    func missingIDs() throws {
        let period = try Period.parse("2024", as: .calendar)
        var row = ObservationRow(line: 5, indicator: "i", area: "a", breakdown: "all", period: period)
        #expect(throws: CopyText.MissingID.self) { try encode(row) }
        row.positions = .init(indicator: 1, area: 0, breakdown: 0)
        #expect(throws: CopyText.MissingID.self) { try encode(row) }
    }

    @Test("backslash, tab, newline and carriage return in text are escaped")
    func textIsEscaped() throws {
        let period = try Period.parse("2024", as: .calendar)
        let row = ObservationRow(line: 1, indicator: "i", area: "a", breakdown: "all", period: period, notes: "a\\b\tc",
                                 reason: "d\ne\rf", positions: first)
        #expect(try encode(row) == "1\t17\t3\t1\t2024\t2024-01-01\t\\N\t\\N\t\\N\t\\N\t\\N\ta\\\\b\\tc\td\\ne\\rf\n")
    }

    @Test("a row's reason is written as text, escaped; none is null")
    func reasonColumn() throws {
        let period = try Period.parse("2024", as: .calendar)
        let row = ObservationRow(line: 3, indicator: "i", area: "a", breakdown: "all", period: period, value: 1,
                                 reason: "late return\tcorrected", positions: first)
        #expect(try encode(row).hasSuffix("\t1\t\\N\t\\N\t\tlate return\\tcorrected\n"))
    }

    @Test("numbers round-trip: integers plainly, others in shortest exact form",
          arguments: [0, 1, 42, 123456789012345, 0.1, 2.5, 1e-5, 1e20, 66.66666666666667, 1.0 / 3])
    func numbersRoundTrip(number: Double) {
        var buffer: [UInt8] = []
        CopyText.appendNumber(number, to: &buffer)
        let text = String(decoding: buffer, as: UTF8.self)
        #expect(Double(text) == number)
        if number == number.rounded(), number < 1e15 { #expect(!text.contains(".")) }
    }

    @Test("integers of every size are written correctly", arguments: [0, 7, 10, 99, 100, 1_000_000, -42, Int.max, Int.min])
    func integers(value: Int) {
        var buffer: [UInt8] = []
        CopyText.appendInteger(value, to: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == String(value))
    }

    @Test("periods are written in canonical form with their first day, for every type",
          arguments: ["2024", "1999", "2024-25", "2099-00", "2024/25", "2024-Q1", "2024-Q4", "2024-01", "2024-12"])
    func periodsAreCanonical(text: String) throws {
        let period = try #require(Period.detect(text))
        var buffer: [UInt8] = []
        CopyText.appendPeriod(period, to: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == period.description)
        buffer = []
        CopyText.appendDate(period.firstDay, to: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == period.firstDay.description)
    }
}
