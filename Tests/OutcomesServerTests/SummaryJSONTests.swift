import Foundation
import Testing
import OutcomesCore
@testable import OutcomesRender
import OutcomesTestSupport

/// The summary's JSON is written by hand (``SummaryJSONWriter``) for speed; these tests hold it to
/// the bytes `JSONEncoder` writes for the same value (``JSONText``: sorted keys, slashes unescaped).
@Suite("The summary's own JSON writer")
struct SummaryJSONTests {
    /// The reference: the summary's own keys plus `lang`, through `JSONEncoder`.
    struct Localised: Encodable {
        var summary: AreaSummary
        var lang: String

        enum Key: String, CodingKey { case lang }

        func encode(to encoder: any Encoder) throws {
            try summary.encode(to: encoder)
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(lang, forKey: .lang)
        }
    }

    static func latest(_ indicator: String, _ breakdown: String = Breakdown.allKey, area: String, vs: ComparisonLevels,
                       trend: TrendLabel, target: Bool? = nil, stale: Bool? = nil, gap: Double? = nil, significant: Bool? = nil) -> LatestMeasure {
        LatestMeasure(indicator: indicator, area: area, breakdown: breakdown, period: "2024", value: 12.5, vsWales: vs, trend: trend,
                      targetMet: target, stale: stale, gap: gap, gapSignificant: significant, numerator: 40, denominator: 320)
    }

    @Test("byte for byte what JSONEncoder writes for a built summary, in English and in Welsh (titles swapped, lang cy)")
    func sameAsJSONEncoder() throws {
        let catalogue = try TestCluster.realCatalogue()
        let area = try #require(catalogue.area("W06000015"))
        let ids = catalogue.indicators.map(\.id)
        #expect(ids.count > 3)
        let latest = [
            Self.latest(ids[0], area: area.code, vs: .worst, trend: .increasingAndGettingWorse),
            Self.latest(ids[1], area: area.code, vs: .better, trend: .noSignificantChange, target: true, stale: true),
            Self.latest(ids[2], area: area.code, vs: .higher, trend: .increasing, target: false),
            Self.latest(ids[1], "looked_after", area: area.code, vs: .notCompared, trend: .cannotBeCalculated, gap: -20, significant: true),
        ]
        let summary = AreaSummary.build(area: area, catalogue: catalogue, latest: latest, firing: [ids[0]])
        #expect(summary.areaNameCy != nil, "the area has a Welsh name, so the optional key is written")
        #expect(summary.aims.contains { !$0.alertsFiring.isEmpty } || summary.dimensions.contains { !$0.alertsFiring.isEmpty })
        for welsh in [false, true] {
            let written = SummaryJSON.render(summary, welsh: welsh)
            var expected = summary
            if welsh {
                expected.areaName = expected.areaNameCy ?? expected.areaName
                for i in expected.aims.indices { expected.aims[i].title = expected.aims[i].titleCy ?? expected.aims[i].title }
                for i in expected.dimensions.indices { expected.dimensions[i].title = expected.dimensions[i].titleCy ?? expected.dimensions[i].title }
            }
            #expect(written == (try JSONText.encode(Localised(summary: expected, lang: welsh ? "cy" : "en"))))
        }
    }

    @Test("strings that need escaping: quotes, backslashes, control characters, slashes, Welsh letters; absent optionals left out")
    func escaping() throws {
        var group = AreaSummary.Group(key: "1", title: "Quote \" backslash \\ tab \t newline \n bell \u{7} form \u{0C} back \u{08} cr \r",
                                      titleCy: nil)
        group.indicators = ["ŵyr_â_ŷ", "a/b", ""]
        let catalogue = try TestCluster.realCatalogue()
        var summary = AreaSummary.build(area: try #require(catalogue.area("W06000015")), catalogue: catalogue, latest: [])
        summary.areaName = "Caerdydd / Cardiff"
        summary.areaNameCy = nil
        summary.aims = [group]
        summary.dimensions = []
        #expect(SummaryJSON.render(summary, welsh: false) == (try JSONText.encode(Localised(summary: summary, lang: "en"))))
    }
}
