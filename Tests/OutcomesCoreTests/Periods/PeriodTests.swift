import Testing
import OutcomesCore

@Suite("Periods")
struct PeriodTests {
    @Test("canonical forms parse and format back unchanged", arguments: [
        ("2024", PeriodType.calendar), ("2024-25", .financial), ("2024/25", .academic),
        ("2024-Q3", .quarter), ("2024-07", .month), ("1999-00", .financial), ("1999/00", .academic),
    ])
    func roundTrip(text: String, type: PeriodType) throws {
        let period = try Period.parse(text, as: type)
        #expect(period.description == text)
        #expect(period.type == type)
    }

    @Test("StatsWales upload variants of quarters and months normalise to the canonical form", arguments: [
        ("2022Q1", PeriodType.quarter, "2022-Q1"), ("2022_Q1", .quarter, "2022-Q1"), ("2022-q4", .quarter, "2022-Q4"),
        ("2022m01", .month, "2022-01"), ("202201", .month, "2022-01"),
    ])
    func variants(text: String, type: PeriodType, canonical: String) throws {
        #expect(try Period.parse(text, as: type).description == canonical)
    }

    @Test("a financial year's second half must be the following year")
    func financialYearMustBeConsecutive() {
        #expect(throws: PeriodError.malformed(text: "2024-26", expected: .financial)) {
            try Period.parse("2024-26", as: .financial)
        }
    }

    @Test("a valid period of another type is reported as the wrong type, naming both")
    func wrongType() {
        #expect(throws: PeriodError.wrongType(text: "2024/25", found: .academic, expected: .financial)) {
            try Period.parse("2024/25", as: .financial)
        }
        let message = PeriodError.wrongType(text: "2024", found: .calendar, expected: .quarter).description
        #expect(message.contains("2024-Q3"))
    }

    @Test("malformed periods are refused", arguments: ["", "24", "2024-Q5", "2024-13", "2024-00", "20245", "abcd", "2024-Q", "2024/2025", "1800"])
    func malformed(text: String) {
        #expect(Period.detect(text) == nil)
    }

    @Test("next and previous step across year boundaries")
    func stepping() throws {
        #expect(try Period.parse("2024-Q4", as: .quarter).next.description == "2025-Q1")
        #expect(try Period.parse("2025-01", as: .month).previous.description == "2024-12")
        #expect(try Period.parse("2024-25", as: .financial).next.description == "2025-26")
        #expect(try Period.parse("2099/00", as: .academic).previous.description == "2098/99")
        #expect(try Period.parse("2024", as: .calendar).advanced(by: -4).description == "2020")
    }

    @Test("periods order by time within a type")
    func ordering() throws {
        let texts = ["2024-Q1", "2023-Q4", "2024-Q3", "2023-Q1"]
        let sorted = try texts.map { try Period.parse($0, as: .quarter) }.sorted().map(\.description)
        #expect(sorted == ["2023-Q1", "2023-Q4", "2024-Q1", "2024-Q3"])
        let a = try Period.parse("2023-24", as: .financial), b = try Period.parse("2024-25", as: .financial)
        #expect(a < b && a.distance(to: b) == 1)
    }

    @Test("first and last days follow Welsh conventions")
    func boundaries() throws {
        let fy = try Period.parse("2024-25", as: .financial)
        #expect(fy.firstDay.description == "2024-04-01" && fy.lastDay.description == "2025-03-31")
        let ay = try Period.parse("2023/24", as: .academic)
        #expect(ay.firstDay.description == "2023-09-01" && ay.lastDay.description == "2024-08-31")
        #expect(try Period.parse("2024-02", as: .month).lastDay.description == "2024-02-29")
        #expect(try Period.parse("2023-02", as: .month).lastDay.description == "2023-02-28")
        #expect(try Period.parse("2024-Q3", as: .quarter).firstDay.description == "2024-07-01")
        #expect(try Period.parse("2024-Q3", as: .quarter).lastDay.description == "2024-09-30")
    }

    @Test("civil dates reject days that do not exist")
    func civilDates() {
        #expect(CivilDate(iso: "2023-02-29") == nil)
        #expect(CivilDate(iso: "2024-02-29") != nil)
        #expect(CivilDate(iso: "2019-4-1") == nil)
        #expect(CivilDate(iso: "2019-04-01")! < CivilDate(iso: "2019-04-02")!)
    }
}
