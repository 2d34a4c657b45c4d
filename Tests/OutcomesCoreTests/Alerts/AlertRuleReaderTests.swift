import Testing
import OutcomesCore

@Suite("Alert rules in the catalogue: read and checked with file:line:column")
struct AlertRuleReaderTests {
    static func load(_ alerts: String, extra: String = "") -> Result<Catalogue, CatalogueError> {
        let text = CatalogueFixture.lowBirthWeight + "\n" + extra + "alerts:\n" + alerts
        return Result { () throws(CatalogueError) in
            try CatalogueLoader.load(CatalogueFixture.sources(indicators: ["low_birth_weight": text]))
        }
    }

    static func messages(_ alerts: String, extra: String = "") -> [String] {
        switch load(alerts, extra: extra) {
        case .success: []
        case let .failure(error): error.issues.map(\.description)
        }
    }

    @Test("a full threshold rule is read with every key")
    func readsThreshold() throws {
        let catalogue = try Self.load("""
              - name: lbw_high
                kind: threshold
                above: 7.5
                clear: 6.5
                for: 2
                keep_firing_for: 1
                severity: critical
                areas: [local_authorities, W92000004]
                breakdowns: [all]
                summary: "{indicator_title} in {area_name}: {value}{unit_suffix} in {period}"
                source: Wales 2021 5.8%
            """).get()
        let rule = try #require(catalogue.indicator("low_birth_weight")?.alerts.first)
        #expect(rule.kind == .threshold && rule.side == .above && rule.level == 7.5 && rule.clearLevel == 6.5)
        #expect(rule.forPeriods == 2 && rule.keepFiringFor == 1 && rule.severity == .critical)
        #expect(rule.areas.kinds == [.localAuthority] && rule.areas.codes == ["W92000004"])
    }

    @Test("clear on the wrong side of the fire level is reported at the clear value")
    func clearWrongSide() {
        let m = Self.messages("""
              - name: lbw_high
                kind: threshold
                above: 7.5
                clear: 8
            """)
        #expect(m.count == 1, "\(m)")
        #expect(m.first?.hasPrefix("Indicators/indicators/low_birth_weight.yaml:21:12: 'clear' (8.0) must be at or below") == true)
    }

    @Test("unknown kind, unknown key, for < 1, unknown area, breakdown and placeholder are each located")
    func eachProblemLocated() {
        #expect(Self.messages("  - {name: a_rule, kind: spike}\n").first?.contains("unknown kind 'spike'; accepted: threshold, change") == true)
        #expect(Self.messages("  - {name: a_rule, kind: trend, colour: red}\n").first?.contains("unknown field 'colour'") == true)
        #expect(Self.messages("  - {name: a_rule, kind: trend, for: 0}\n").first?.contains("'for' must be from 1 to 120, got 0") == true)
        #expect(Self.messages("  - {name: a_rule, kind: trend, areas: [W06009999]}\n").first?.contains("unknown area 'W06009999'") == true)
        #expect(Self.messages("  - {name: a_rule, kind: trend, breakdowns: [looked_after]}\n").first?
            .contains("breakdown 'looked_after' is not reported for this indicator") == true)
        #expect(Self.messages("  - {name: a_rule, kind: trend, summary: \"{valu} in {period}\"}\n").first?
            .contains("unknown placeholder {valu}") == true)
    }

    @Test("a target rule needs a target, and judgement rules need a polarity")
    func judgementNeedsDirection() {
        #expect(Self.messages("  - {name: a_rule, kind: target}\n").first?.contains("has none") == true)
        let noJudgement = CatalogueFixture.lowBirthWeight.replacingOccurrences(of: "low_is_good", with: "no_judgement")
        let result = Result { () throws(CatalogueError) in
            try CatalogueLoader.load(CatalogueFixture.sources(indicators: ["low_birth_weight": noJudgement + "\nalerts:\n  - {name: a_rule, kind: red_red}\n"]))
        }
        guard case let .failure(error) = result else { Issue.record("a red_red rule on a no-judgement indicator loaded"); return }
        #expect(error.issues.first?.message.contains("polarity is no_judgement") == true)
    }

    @Test("duplicate rule names are reported with the first one's line")
    func duplicateNames() {
        let m = Self.messages("  - {name: a_rule, kind: trend}\n  - {name: a_rule, kind: red_red}\n")
        #expect(m.first?.contains("duplicate alert name 'a_rule' in this indicator (first at line 18)") == true, "\(m)")
    }

    @Test("alerts.yaml: late feeds and repeat interval, with undeclared partners located")
    func settings() throws {
        var sources = CatalogueFixture.sources()
        sources.alerts = SourceFile(path: "Indicators/alerts.yaml", text: "late_feeds:\n  grace_days: 14\n  partners: [local_health_board]\nrepeat_interval_hours: 24\n")
        let catalogue = try CatalogueLoader.load(sources)
        #expect(catalogue.alertSettings.lateFeeds?.graceDays == 14 && catalogue.alertSettings.repeatIntervalHours == 24)
        sources.alerts = SourceFile(path: "Indicators/alerts.yaml", text: "late_feeds:\n  partners: [police]\n")
        #expect(CatalogueFixture.issues(sources).map(\.description) == [
            "Indicators/alerts.yaml:2:14: partner 'police' is not declared in partners.yaml; declared: local_authority, local_health_board"])
    }
}
