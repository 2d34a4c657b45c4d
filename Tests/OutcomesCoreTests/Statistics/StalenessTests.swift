import Testing
import OutcomesCore

@Suite("Staleness")
struct StalenessTests {
    static func date(_ y: Int, _ m: Int, _ d: Int) throws -> CivilDate {
        try #require(CivilDate(year: y, month: m, day: d))
    }

    // (type, lag, today, expected latest period). Each is "last day + lag months ≤ today", e.g.
    // 2024-25 ends 2025-03-31, + 6 months = 2025-09-30.
    @Test("the latest expected period is the last whose end plus the lag has passed", arguments: [
        (PeriodType.financial, 6, "2025-09-30", "2024-25"),
        (.financial, 6, "2025-09-29", "2023-24"),
        (.calendar, 0, "2024-12-31", "2024"),
        (.calendar, 0, "2024-12-30", "2023"),
        (.calendar, 18, "2026-06-30", "2024"),
        (.academic, 4, "2024-12-31", "2023/24"),   // ends 2024-08-31, + 4 months = 2024-12-31
        (.academic, 4, "2024-12-30", "2022/23"),
        (.quarter, 3, "2025-06-30", "2025-Q1"),    // ends 2025-03-31, + 3 months = 2025-06-30
        (.quarter, 3, "2025-06-29", "2024-Q4"),
        (.month, 1, "2025-03-15", "2025-01"),      // January ends 01-31, + 1 month = 02-28
        (.month, 1, "2025-03-31", "2025-02"),      // February ends 02-28, + 1 month = 03-31 (month end)
        (.month, 0, "2024-02-29", "2024-02"),
        (.financial, -3, "2025-03-31", "2024-25"), // a negative lag counts as none
    ])
    func latestExpected(type: PeriodType, lag: Int, today: String, expected: String) throws {
        let day = try #require(CivilDate(iso: today))
        let period = Staleness.latestExpectedPeriod(type: type, publicationLagMonths: lag, today: day)
        #expect(period == (try Period.parse(expected, as: type)))
    }

    @Test("a series is stale when its latest period is older than the expected one")
    func stale() throws {
        let expected = try Period.parse("2024-25", as: .financial)
        #expect(Staleness.isStale(latest: try Period.parse("2023-24", as: .financial), expected: expected))
        #expect(!Staleness.isStale(latest: expected, expected: expected))
        #expect(!Staleness.isStale(latest: try Period.parse("2025-26", as: .financial), expected: expected))
        // Across types, by the month each ends in: 2024-Q4 ends before 2024-25 (March 2025).
        #expect(Staleness.isStale(latest: try Period.parse("2024-Q4", as: .quarter), expected: expected))
        #expect(!Staleness.isStale(latest: try Period.parse("2025-Q1", as: .quarter), expected: expected))
    }
}
