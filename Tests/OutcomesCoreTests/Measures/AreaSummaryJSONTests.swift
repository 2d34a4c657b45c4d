import Foundation
import Testing
import OutcomesCore

@Suite("AreaSummary's own JSON writer")
struct AreaSummaryJSONTests {
    static func foundation(_ summary: AreaSummary) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(summary), as: UTF8.self)
    }

    @Test("byte for byte what JSONEncoder writes (sorted keys, slashes unescaped), for a built summary in English and Welsh")
    func sameAsFoundation() throws {
        let catalogue = try AreaSummaryTests.catalogue()
        let bridgend = try #require(catalogue.area("W06000013"))
        let latest = [
            AreaSummaryTests.m("low_birth_weight", vs: .worst, trend: .increasingAndGettingWorse),
            AreaSummaryTests.m("school_readiness", vs: .better, trend: .noSignificantChange, target: true, stale: true),
            AreaSummaryTests.m("school_readiness", "looked_after", vs: .notCompared, trend: .cannotBeCalculated, gap: -20, significant: true),
        ]
        let summary = AreaSummary.build(area: bridgend, catalogue: catalogue, latest: latest, firing: ["low_birth_weight"])
        #expect(summary.areaNameCy != nil, "the fixture area has a Welsh name, so the optional key is written")
        #expect(summary.jsonText() == (try Self.foundation(summary)))
        #expect(try JSONDecoder().decode(AreaSummary.self, from: Data(summary.jsonText().utf8)) == summary)
    }

    @Test("strings that need escaping: quotes, backslashes, control characters, Welsh letters; absent optionals left out")
    func escaping() throws {
        var group = AreaSummary.Group(key: "1", title: "Quote \" backslash \\ tab \t newline \n bell \u{7} form \u{0C} back \u{08} cr \r",
                                      titleCy: nil)
        group.indicators = ["ŵyr_â_ŷ", "a/b", ""]
        let catalogue = try AreaSummaryTests.catalogue()
        var summary = AreaSummary.build(area: try #require(catalogue.area("W06000013")), catalogue: catalogue, latest: [])
        summary.areaName = "Caerdydd / Cardiff"
        summary.areaNameCy = nil
        summary.aims = [group]
        summary.dimensions = []
        #expect(summary.jsonText() == (try Self.foundation(summary)))
        #expect(try JSONDecoder().decode(AreaSummary.self, from: Data(summary.jsonText().utf8)) == summary)
    }
}
