import Testing
import OutcomesCore

@Suite("Roll-ups to aims and dimensions")
struct AreaSummaryTests {
    /// The fixture catalogue plus a second indicator under aim 2 only, so counts can be checked by hand.
    static func catalogue() throws -> Catalogue {
        let second = CatalogueFixture.lowBirthWeight
            .replacingOccurrences(of: "id: low_birth_weight", with: "id: school_readiness")
            .replacingOccurrences(of: "aims: [1]", with: "aims: [2]")
            .replacingOccurrences(of: "dimensions: [a, i]", with: "dimensions: [c]")
            .replacingOccurrences(of: "polarity: low_is_good", with: "polarity: high_is_good")
            .replacingOccurrences(of: "small_number_threshold: 5", with: "target: 80")
            .replacingOccurrences(of: "breakdowns: [all]", with: "breakdowns: [all, looked_after]")
        return try CatalogueLoader.load(CatalogueFixture.sources(indicators: [
            "low_birth_weight": CatalogueFixture.lowBirthWeight, "school_readiness": second]))
    }

    static func m(_ indicator: String, _ breakdown: String = "all", vs: ComparisonLevels, trend: TrendLabel, target: Bool? = nil,
                  stale: Bool? = false, gap: Double? = nil, significant: Bool? = nil) -> LatestMeasure {
        LatestMeasure(indicator: indicator, area: "W06000013", breakdown: breakdown, period: "2024", value: 1, vsWales: vs,
                      trend: trend, targetMet: target, stale: stale, gap: gap, gapSignificant: significant)
    }

    @Test("counts and lists by aim and dimension, with red-red, targets and significant gaps")
    func handChecked() throws {
        let catalogue = try Self.catalogue()
        let bridgend = try #require(catalogue.area("W06000013"))
        let latest = [
            Self.m("low_birth_weight", vs: .worst, trend: .increasingAndGettingWorse),
            Self.m("school_readiness", vs: .better, trend: .noSignificantChange, target: true, stale: true),
            Self.m("school_readiness", "looked_after", vs: .notCompared, trend: .cannotBeCalculated, gap: -20, significant: true),
        ]
        let summary = AreaSummary.build(area: bridgend, catalogue: catalogue, latest: latest)
        #expect(summary.aims.count == 7 && summary.dimensions.count == 9)
        let aim1 = summary.aims[0], aim2 = summary.aims[1], aim3 = summary.aims[2]
        #expect(aim1.indicators == ["low_birth_weight"] && aim1.worse == ["low_birth_weight"])
        #expect(aim1.worsening == ["low_birth_weight"] && aim1.redRed == ["low_birth_weight"] && aim1.current == ["low_birth_weight"])
        #expect(aim2.better == ["school_readiness"] && aim2.stale == ["school_readiness"] && aim2.current.isEmpty)
        #expect(aim2.targetsMet == ["school_readiness"] && aim2.noSignificantChange == ["school_readiness"])
        #expect(aim2.significantGaps == ["school_readiness/looked_after"])
        #expect(aim3.indicators.isEmpty)
        let c = try #require(summary.dimensions.first { $0.key == "c" })
        #expect(c.indicators == ["school_readiness"])
        let i = try #require(summary.dimensions.first { $0.key == "i" })
        #expect(i.redRed == ["low_birth_weight"])
    }

    @Test("the summary does not depend on the order of its inputs: an indicator's gaps are listed by breakdown")
    func inputOrderIrrelevant() throws {
        let catalogue = try Self.catalogue()
        let bridgend = try #require(catalogue.area("W06000013"))
        let latest = [
            Self.m("school_readiness", vs: .better, trend: .noSignificantChange),
            Self.m("school_readiness", "looked_after", vs: .notCompared, trend: .cannotBeCalculated, gap: -20, significant: true),
            Self.m("school_readiness", "free_school_meals", vs: .notCompared, trend: .cannotBeCalculated, gap: -9, significant: true),
        ]
        let forward = AreaSummary.build(area: bridgend, catalogue: catalogue, latest: latest)
        #expect(forward.aims[1].significantGaps == ["school_readiness/free_school_meals", "school_readiness/looked_after"])
        #expect(AreaSummary.build(area: bridgend, catalogue: catalogue, latest: latest.reversed()) == forward)
    }

    @Test("no-judgement differences and trends have their own lists, not similar or no change")
    func noJudgement() throws {
        let catalogue = try Self.catalogue()
        let bridgend = try #require(catalogue.area("W06000013"))
        let summary = AreaSummary.build(area: bridgend, catalogue: catalogue,
                                        latest: [Self.m("low_birth_weight", vs: .higher, trend: .increasing)])
        #expect(summary.aims[0].higherOrLower == ["low_birth_weight"] && summary.aims[0].changing == ["low_birth_weight"])
        #expect(summary.aims[0].similar.isEmpty && summary.aims[0].noSignificantChange.isEmpty && summary.aims[0].notCompared.isEmpty)
    }

    @Test("an area with no data lists every indicator as missing")
    func missing() throws {
        let catalogue = try Self.catalogue()
        let wales = try #require(catalogue.area("W92000004"))
        let summary = AreaSummary.build(area: wales, catalogue: catalogue, latest: [Self.m("low_birth_weight", vs: .worse, trend: .cannotBeCalculated)])
        #expect(summary.aims[0].missing == ["low_birth_weight"] && summary.aims[0].worse.isEmpty)
    }

    @Test("a reader's roll-up withholds what was computed from small numbers; an admin's keeps it")
    func withholding() throws {
        let catalogue = try Self.catalogue()
        let bridgend = try #require(catalogue.area("W06000013"))
        var small = Self.m("low_birth_weight", vs: .worst, trend: .increasingAndGettingWorse)
        (small.numerator, small.denominator) = (3, 400)
        var gap = Self.m("school_readiness", "looked_after", vs: .notCompared, trend: .cannotBeCalculated, gap: -20, significant: true)
        (gap.numerator, gap.denominator) = (2, 4)
        var ready = Self.m("school_readiness", vs: .better, trend: .noSignificantChange)
        (ready.numerator, ready.denominator) = (800, 1000)
        let summary = AreaSummary.build(area: bridgend, catalogue: catalogue, latest: [small, gap, ready])
        #expect(summary.aims[0].small == ["low_birth_weight"] && summary.aims[1].smallGaps == ["school_readiness/looked_after"])
        #expect(summary.withholding { _ in false } == summary)
        let reader = summary.withholding { _ in true }
        let aim1 = reader.aims[0], aim2 = reader.aims[1]
        #expect(aim1.withheld == ["low_birth_weight"] && aim1.worse.isEmpty && aim1.redRed.isEmpty && aim1.worsening.isEmpty)
        #expect(aim1.indicators == ["low_birth_weight"] && aim1.current == ["low_birth_weight"])
        #expect(aim2.better == ["school_readiness"] && aim2.significantGaps.isEmpty && aim2.withheld.isEmpty)
        // Withheld for one partner's readers only: the supplier's own indicator stays.
        let supplier = summary.withholding { $0 != "low_birth_weight" }
        #expect(supplier.aims[0].worse == ["low_birth_weight"] && supplier.aims[1].significantGaps.isEmpty)
    }
}
