import Testing
import OutcomesCore

@Suite("Alert evaluation over a run's measures, against stored state")
struct AlertEvaluatorTests {
    static let today = CivilDate(year: 2026, month: 11, day: 29)!
    static let bridgend: Int32 = 3

    /// The fixture catalogue with a threshold rule (above 7.5, clear 6.5) on Bridgend and late
    /// feeds watched with 30 days' grace.
    static func context(rules: String = """
          - name: lbw_high
            kind: threshold
            above: 7.5
            clear: 6.5
            areas: [local_authorities]
        """, lateFeeds: Bool = true) throws -> ComputeContext {
        var sources = CatalogueFixture.sources(indicators: ["low_birth_weight": CatalogueFixture.lowBirthWeight
            + (rules.isEmpty ? "" : "\nalerts:\n" + rules)])
        if lateFeeds { sources.alerts = SourceFile(path: "Indicators/alerts.yaml", text: "late_feeds:\n  grace_days: 30\n") }
        let catalogue = try CatalogueLoader.load(sources)
        return ComputeContext(catalogue: catalogue, indicatorIDs: ["low_birth_weight": 1],
                              areaIDs: ["W92000004": 0, "W11000026": 1, "W11000030": 2, "W06000013": bridgend],
                              breakdownIDs: ["all": 0, "looked_after": 1], today: today)
    }

    static func row(_ year: Int, _ value: Double?, numerator: Double? = 100, area: Int32 = bridgend) -> MeasureRow {
        MeasureRow(indicator: 1, area: area, breakdown: 0, period: Period(type: .calendar, year: year)!, value: value,
                   interval95: nil, interval998: nil, numerator: numerator, denominator: 1000, derived: false, notes: "",
                   vsWales: .notCompared, vsBoard: .notCompared, trend: TrendResult(label: .cannotBeCalculated),
                   change: nil, quintile: nil, targetMet: nil, stale: nil, gap: nil)
    }

    static func evaluate(_ context: ComputeContext, _ rows: [MeasureRow], stored: [AlertRecord] = []) -> [AlertUpdate] {
        let indicator = context.catalogue.indicators[0]
        return AlertEvaluator(context: context, settings: context.catalogue.alertSettings)
            .evaluate(indicator, rows: rows, stored: Dictionary(uniqueKeysWithValues: stored.map { ($0.fingerprint, $0) }))
    }

    /// Applies updates to a stored set, as the store does.
    static func apply(_ updates: [AlertUpdate], to stored: [AlertRecord]) -> [AlertRecord] {
        var byKey = Dictionary(uniqueKeysWithValues: stored.map { ($0.fingerprint, $0) })
        for u in updates { byKey[u.record.fingerprint] = u.record }
        return Array(byKey.values)
    }

    @Test("fires once with its summary; the same run evaluated again changes nothing")
    func firesOnceIdempotent() throws {
        let context = try Self.context()
        let rows = (2021...2025).map { Self.row($0, [7, 8, 7, 8.2, 7.9][$0 - 2021]) }
        let first = Self.evaluate(context, rows)
        let fire = try #require(first.first { $0.record.rule == "lbw_high" })
        #expect(fire.notice == .firing && fire.previous == nil && fire.record.state == .firing)
        #expect(fire.record.sincePeriod?.description == "2022" && fire.record.period?.description == "2025")
        #expect(fire.record.summary == "Live single births under 2,500g in Bridgend: 7.9% in 2025 (alert level 7.5)")
        #expect(Self.evaluate(context, rows, stored: Self.apply(first, to: [])).isEmpty)
    }

    @Test("a historical episode that fired and resolved is stored as resolved, not announced")
    func historyNotAnnounced() throws {
        let updates = Self.evaluate(try Self.context(), (2021...2025).map { Self.row($0, [8, 6, 6, 6, 6][$0 - 2021]) })
        #expect(updates.count == 1 && updates[0].record.state == .resolved && updates[0].notice == nil)
    }

    @Test("leaving firing is notified as resolved; a revised value re-judges its period")
    func resolvesOnRevision() throws {
        let context = try Self.context()
        var rows = (2021...2025).map { Self.row($0, 8) }
        let stored = Self.apply(Self.evaluate(context, rows), to: [])
        rows[4] = Self.row(2025, 6)   // 2025 revised below the clear level
        let update = try #require(Self.evaluate(context, rows, stored: stored).first)
        #expect(update.notice == .resolved && update.previous == .firing && update.record.state == .resolved)
    }

    @Test("a late feed fires, inhibits value alerts (held, not resolved), and the feed that brings the period resolves it")
    func lateFeedInhibits() throws {
        let context = try Self.context()
        // Calendar years are due 12 months (default lag) + 30 days after 31 December: on
        // 2026-11-29 the latest due year is 2024.
        let old = (2019...2023).map { Self.row($0, 8) }
        let first = Self.evaluate(context, old)
        let late = try #require(first.first { $0.record.kind == .lateFeed })
        #expect(late.notice == .firing && late.record.period?.description == "2024")
        #expect(late.record.labels["period"] == "2024" && late.record.labels["partner"] == "local_health_board")
        #expect(late.record.summary == "Live single births under 2,500g: no 2024 figures from local_health_board (due 2026-01-30)")
        // Inhibited: no value alert is created while the feed is late.
        #expect(!first.contains { $0.record.rule == "lbw_high" })

        // An alert firing before the feed went late is held (inhibited), not resolved, even if
        // the data it has would now clear.
        let firing = Self.apply(Self.evaluate(try Self.context(), old + [Self.row(2024, 8)]), to: [])
        #expect(firing.contains { $0.rule == "lbw_high" && $0.state == .firing })
        let held = Self.evaluate(context, old.dropLast(2) + [Self.row(2022, 6), Self.row(2023, 6)], stored: firing)
        let lbw = try #require(held.first { $0.record.rule == "lbw_high" })
        #expect(lbw.record.state == .firing && lbw.record.inhibited && lbw.notice == nil)

        // The feed bringing 2024 resolves the late-feed alert and releases the value alert.
        let released = Self.evaluate(context, old + [Self.row(2024, 9)], stored: Self.apply(first, to: []))
        #expect(released.first { $0.record.kind == .lateFeed }?.notice == .resolved)
        #expect(released.first { $0.record.rule == "lbw_high" }?.notice == .firing)
    }

    @Test("a removed rule resolves its firing alerts; missing series data does not")
    func ruleRemoved() throws {
        let rows = (2021...2025).map { Self.row($0, 8) }
        let stored = Self.apply(Self.evaluate(try Self.context(), rows), to: [])
        #expect(Self.evaluate(try Self.context(), [], stored: stored).allSatisfy { $0.record.kind == .lateFeed },
                "no rows for the series: the value alert keeps its state")
        let removed = Self.evaluate(try Self.context(rules: ""), rows, stored: stored)
        #expect(removed.count == 1 && removed[0].notice == .resolved && removed[0].record.rule == "lbw_high")
    }

    @Test("a value under the small-number threshold never appears in alert text")
    func smallNumbersWithheld() throws {
        let updates = Self.evaluate(try Self.context(), (2021...2025).map { Self.row($0, 8, numerator: 3) })
        let record = try #require(updates.first { $0.record.rule == "lbw_high" }?.record)
        #expect(record.withheld && !record.summary.contains("8") && record.summary.contains("[withheld: small number]"))
        #expect(!record.summaryCy.contains("8"))
    }

    @Test("due dates: period end + publication lag + grace days")
    func dueDate() {
        let fy = Period(type: .financial, year: 2024)!
        #expect(LateFeed.dueDate(fy, lagMonths: 6, graceDays: 30).description == "2025-10-30")
        #expect(CivilDate(year: 2024, month: 2, day: 28)!.adding(days: 2).description == "2024-03-01")
    }
}
