import Testing
import OutcomesCore

@Suite("Aggregation up the area hierarchy")
struct AggregationTests {
    /// The fixture catalogue's areas: Wales (1), ABM board until March 2019 (2), CTM from April 2019 (3), Bridgend (4).
    static func context() throws -> ComputeContext {
        let catalogue = try CatalogueLoader.load(CatalogueFixture.sources())
        return ComputeContext(catalogue: catalogue, indicatorIDs: ["low_birth_weight": 1],
                              areaIDs: ["W92000004": 1, "W11000026": 2, "W11000030": 3, "W06000013": 4],
                              breakdownIDs: ["all": 1, "looked_after": 2], today: CivilDate(year: 2026, month: 11, day: 23)!)
    }

    static func point(_ area: Int32, _ year: Int, _ n: Double, _ d: Double) -> ObservationPoint {
        ObservationPoint(indicator: 1, area: area, breakdown: 1, period: Period(type: .calendar, year: year)!,
                         numerator: n, denominator: d, value: n / d * 100, lower: nil, upper: nil, notes: "")
    }

    @Test("Bridgend's figures count towards ABM before April 2019 and Cwm Taf Morgannwg after; Wales sums every authority")
    func boundaryChange() throws {
        let context = try Self.context()
        let indicator = try #require(context.indicators[1])
        let derived = Aggregation.derive([Self.point(4, 2018, 50, 1000), Self.point(4, 2020, 40, 900)], indicator: indicator, context: context)
        let keyed = Dictionary(uniqueKeysWithValues: derived.map { ("\($0.area)-\($0.period)", $0) })
        #expect(keyed["2-2018"]?.numerator == 50 && keyed["2-2018"]?.derived == true)
        #expect(keyed["3-2020"]?.denominator == 900)
        #expect(keyed["3-2018"] == nil && keyed["2-2020"] == nil)
        #expect(keyed["1-2018"]?.numerator == 50 && keyed["1-2020"]?.value == 40.0 / 900 * 100)
    }

    @Test("a supplied value wins over a derived one")
    func suppliedWins() throws {
        let context = try Self.context()
        let indicator = try #require(context.indicators[1])
        let derived = Aggregation.derive([Self.point(4, 2020, 40, 900), Self.point(1, 2020, 41, 950)], indicator: indicator, context: context)
        #expect(!derived.contains { $0.area == 1 })
    }

    @Test("a parent is not derived when one of its authorities has not reported")
    func incomplete() throws {
        let context = try Self.context()
        let indicator = try #require(context.indicators[1])
        var missing = Self.point(4, 2020, 40, 900)
        missing.numerator = nil
        #expect(Aggregation.derive([missing], indicator: indicator, context: context).isEmpty)
    }
}
