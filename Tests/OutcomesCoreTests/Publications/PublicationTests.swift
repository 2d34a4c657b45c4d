import Testing
import OutcomesCore

@Suite("What a publication covers")
struct PublicationTests {
    static func period(_ text: String, _ type: PeriodType) throws -> Period { try Period.parse(text, as: type) }

    @Test("one indicator's period covers exactly that period of that indicator")
    func exactPeriod() throws {
        let p = Publication(id: 1, indicator: "low_birth_weight", scope: .period(try Self.period("2023", .calendar)))
        #expect(p.covers(indicator: "low_birth_weight", period: try Self.period("2023", .calendar)))
        #expect(!p.covers(indicator: "low_birth_weight", period: try Self.period("2022", .calendar)))
        #expect(!p.covers(indicator: "looked_after_rate", period: try Self.period("2023", .calendar)))
    }

    @Test("through P covers every period ending on or before P ends, whatever its type, for every indicator when none is named")
    func throughAcrossTypes() throws {
        let p = Publication(id: 2, indicator: nil, scope: .through(try Self.period("2023-24", .financial)))
        #expect(p.covers(indicator: "a", period: try Self.period("2023-24", .financial)))
        #expect(p.covers(indicator: "b", period: try Self.period("2023", .calendar)))
        #expect(p.covers(indicator: "c", period: try Self.period("2024-Q1", .quarter)))   // ends 31 March 2024
        #expect(p.covers(indicator: "d", period: try Self.period("2024-03", .month)))
        #expect(!p.covers(indicator: "e", period: try Self.period("2024", .calendar)))    // ends 31 December 2024
        #expect(!p.covers(indicator: "f", period: try Self.period("2024-25", .financial)))
        #expect(!p.covers(indicator: "g", period: try Self.period("2023/24", .academic))) // ends 31 August 2024
    }

    @Test("the first publication covering a period is the one named")
    func covering() throws {
        let list = [Publication(id: 3, indicator: "x", scope: .period(try Self.period("2020", .calendar))),
                    Publication(id: 4, indicator: "x", scope: .through(try Self.period("2022", .calendar)))]
        #expect(list.covering(indicator: "x", period: try Self.period("2020", .calendar))?.id == 3)
        #expect(list.covering(indicator: "x", period: try Self.period("2021", .calendar))?.id == 4)
        #expect(list.covering(indicator: "x", period: try Self.period("2023", .calendar)) == nil)
    }
}
