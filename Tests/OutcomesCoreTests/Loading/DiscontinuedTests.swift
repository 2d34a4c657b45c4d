import Testing
import OutcomesCore

/// `discontinued:` on an indicator: read and checked like a period, and a series that ends with
/// the last period published is never stale.
@Suite("Discontinued indicators")
struct DiscontinuedTests {
    typealias F = CatalogueFixture
    static let file = "Indicators/indicators/low_birth_weight.yaml"
    static let today = CivilDate(year: 2026, month: 11, day: 23)!

    static func load(discontinued: String) throws -> Catalogue {
        try CatalogueLoader.load(F.sources(indicators: ["low_birth_weight": F.lowBirthWeight + "\ndiscontinued: \(discontinued)"]))
    }

    @Test("the last period published is read in the indicator's period type; absent means still published")
    func reads() throws {
        let catalogue = try Self.load(discontinued: "2018")
        #expect(catalogue.indicator("low_birth_weight")?.discontinuedAfter == Period(type: .calendar, year: 2018))
        #expect(try CatalogueLoader.load(F.sources()).indicator("low_birth_weight")?.discontinuedAfter == nil)
    }

    @Test("a period of another type, or no period, is reported at the value", arguments: [
        ("2018-19", "'2018-19' is a financial period"),
        ("last year", "'last year' is not a period"),
    ])
    func refused(text: String, message: String) {
        let text = F.lowBirthWeight + "\ndiscontinued: \(text)"
        let issues = F.issues(F.sources(indicators: ["low_birth_weight": text]))
        #expect(issues.count == 1)
        #expect(issues.first?.location == SourceLocation(file: Self.file, line: 17, column: 15))
        #expect(issues.first?.message.hasPrefix("'discontinued' must be the last period published: ") == true)
        #expect(issues.first?.message.contains(message) == true)
    }

    @Test("the expected period stops at the last one published")
    func expectedPeriodIsCapped() throws {
        let ended = try #require(try Self.load(discontinued: "2018").indicator("low_birth_weight"))
        #expect(Staleness.latestExpectedPeriod(for: ended, today: Self.today) == Period(type: .calendar, year: 2018))
        // Before the last period falls due, the ordinary rule applies (lag 12 months: 2017 on 2019-06-30).
        #expect(Staleness.latestExpectedPeriod(for: ended, today: CivilDate(year: 2019, month: 6, day: 30)!)
                == Period(type: .calendar, year: 2017))
        let current = try #require(try CatalogueLoader.load(F.sources()).indicator("low_birth_weight"))
        // Calendar years, default lag 12 months: on 2026-11-23 the latest due is 2024.
        #expect(Staleness.latestExpectedPeriod(for: current, today: Self.today) == Period(type: .calendar, year: 2024))
    }

    /// Bridgend's series 2016–2018, computed on 2026-11-23.
    static func latestStale(_ catalogue: Catalogue) throws -> Bool? {
        let context = ComputeContext(catalogue: catalogue, indicatorIDs: ["low_birth_weight": 1],
                                     areaIDs: ["W92000004": 1, "W11000026": 2, "W11000030": 3, "W06000013": 4],
                                     breakdownIDs: ["all": 1, "looked_after": 2], today: Self.today)
        let indicator = try #require(context.indicators[1])
        let points = try (2016...2018).map { year in
            ObservationPoint(indicator: 1, area: 4, breakdown: 1, period: try #require(Period(type: .calendar, year: year)),
                             numerator: 50, denominator: 1000, value: 5, lower: nil, upper: nil, notes: "")
        }
        let rows = MeasureEngine.compute(indicator: indicator, points: points, context: context)
        return rows.first { $0.area == 4 && $0.period == Period(type: .calendar, year: 2018) }?.stale
    }

    @Test("a series ending with the last period published is not stale; the same series of a current indicator is")
    func notStaleWhenEnded() throws {
        #expect(try Self.latestStale(try Self.load(discontinued: "2018")) == false)
        #expect(try Self.latestStale(try CatalogueLoader.load(F.sources())) == true)
        // A series short of the last period published is still behind.
        #expect(try Self.latestStale(try Self.load(discontinued: "2019")) == true)
    }
}
