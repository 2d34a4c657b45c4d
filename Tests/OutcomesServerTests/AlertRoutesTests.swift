import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import OutcomesCore
@testable import OutcomesRender
@testable import OutcomesServer
import OutcomesStore
import OutcomesTestSupport
import PostgresNIO

@Suite("GET /v1/alerts and /v1/alerts/events through the real router")
struct AlertRoutesTests {
    typealias R = ReadRoutesTests

    /// Four alerts, one per state, written as a run's evaluation would leave them (fixed times):
    /// - `fp-lbw` low_birth_weight in Cardiff, firing, warning, 7.3 (aim 1, dimensions a, i; local_health_board)
    /// - `fp-pov` child_poverty_ahc in Cardiff, pending, info, 3 withheld (aim 7, dimension g; dwp)
    /// - `fp-lac` looked_after_rate in Cwm Taf, resolved, critical, held by a late feed (aim 3, dimension b; local_authority)
    /// - `fp-old` low_birth_weight in Cardiff (rule lbw_change), inactive, warning
    /// and their five transitions from 2026-11-10 to 2026-11-21, in place of any alerts the sample
    /// run raised (unless `replacing` is false).
    static func seed(_ client: PostgresClient, replacing: Bool = true) async throws {
        let logger = TestCluster.logger
        if replacing {
            // Only these: the sample run's own evaluation (the catalogue's rules) is left out.
            try await client.query("DELETE FROM alert", logger: logger)
            try await client.query("DELETE FROM alert_event", logger: logger)
        }
        try await client.query("""
            INSERT INTO alert (fingerprint, rule, kind, indicator, area, breakdown, partner, state, severity, since_period, period, value,
                               withheld, inhibited, summary, summary_cy, since, updated_at, updated_run, last_notified_at)
            VALUES
              ('fp-lbw', 'lbw_high', 'threshold', 'low_birth_weight', 'W06000015', 'all', 'local_health_board', 'firing', 'warning',
               '2023', '2024', 7.3, false, false, 'Low birth weight in Cardiff: 7.3% in 2024 (alert level 7)',
               'Pwysau geni isel yng Nghaerdydd: 7.3% yn 2024 (lefel rhybudd 7)',
               '2026-11-20T06:00:00Z', '2026-11-20T06:00:00Z', 1, '2026-11-20T06:00:05Z'),
              ('fp-pov', 'poverty_trend', 'trend', 'child_poverty_ahc', 'W06000015', 'all', 'dwp', 'pending', 'info',
               '2024', '2024', 3, true, false, 'Child poverty in Cardiff is getting worse (recent trend to 2024)',
               'Tlodi plant yng Nghaerdydd: yn gwaethygu (tuedd ddiweddar hyd at 2024)',
               '2026-11-20T06:00:00Z', '2026-11-20T06:00:00Z', 1, NULL),
              ('fp-lac', 'lac_rate', 'benchmark', 'looked_after_rate', 'W11000028', 'all', 'local_authority', 'resolved', 'critical',
               '2024', '2024', 120.5, false, true, 'Children looked after in Cwm Taf Morgannwg is no longer worse than Wales in 2024: 120.5 per 10,000 children under 18 years of age',
               'Plant sy''n derbyn gofal yng Nghwm Taf Morgannwg: ddim yn waeth na Chymru mwyach yn 2024: 120.5 fesul 10,000 o blant dan 18 oed',
               '2026-11-21T06:00:00Z', '2026-11-21T06:00:00Z', 2, '2026-11-21T06:00:05Z'),
              ('fp-old', 'lbw_change', 'change', 'low_birth_weight', 'W06000015', 'all', 'local_health_board', 'inactive', 'warning',
               NULL, '2024', 7.3, false, false, 'Low birth weight in Cardiff worsened to 7.3% in 2024',
               'Pwysau geni isel yng Nghaerdydd: wedi gwaethygu i 7.3% yn 2024',
               '2026-11-15T06:00:00Z', '2026-11-15T06:00:00Z', 1, NULL)
            """, logger: logger)
        try await client.query("""
            INSERT INTO alert_event (fingerprint, run_id, at, from_state, to_state, rule, kind, indicator, area, breakdown, severity,
                                     period, value, withheld, summary, summary_cy)
            VALUES
              ('fp-lbw', 1, '2026-11-10T06:00:00Z', NULL, 'pending', 'lbw_high', 'threshold', 'low_birth_weight', 'W06000015', 'all',
               'warning', '2023', 7.1, false, 'Low birth weight in Cardiff: 7.1% in 2023 (alert level 7)',
               'Pwysau geni isel yng Nghaerdydd: 7.1% yn 2023 (lefel rhybudd 7)'),
              ('fp-old', 1, '2026-11-15T06:00:00Z', 'pending', 'inactive', 'lbw_change', 'change', 'low_birth_weight', 'W06000015',
               'all', 'warning', '2024', 7.3, false, 'Low birth weight in Cardiff worsened to 7.3% in 2024',
               'Pwysau geni isel yng Nghaerdydd: wedi gwaethygu i 7.3% yn 2024'),
              ('fp-lbw', 1, '2026-11-20T06:00:00Z', 'pending', 'firing', 'lbw_high', 'threshold', 'low_birth_weight', 'W06000015',
               'all', 'warning', '2024', 7.3, false, 'Low birth weight in Cardiff: 7.3% in 2024 (alert level 7)',
               'Pwysau geni isel yng Nghaerdydd: 7.3% yn 2024 (lefel rhybudd 7)'),
              ('fp-pov', 1, '2026-11-20T06:00:00Z', NULL, 'pending', 'poverty_trend', 'trend', 'child_poverty_ahc', 'W06000015', 'all',
               'info', '2024', 3, true, 'Child poverty in Cardiff is getting worse (recent trend to 2024)',
               'Tlodi plant yng Nghaerdydd: yn gwaethygu (tuedd ddiweddar hyd at 2024)'),
              ('fp-lac', 2, '2026-11-21T06:00:00Z', 'firing', 'resolved', 'lac_rate', 'benchmark', 'looked_after_rate', 'W11000028',
               'all', 'critical', '2024', 120.5, false, 'Children looked after in Cwm Taf Morgannwg is no longer worse than Wales in 2024: 120.5 per 10,000 children under 18 years of age',
               'Plant sy''n derbyn gofal yng Nghwm Taf Morgannwg: ddim yn waeth na Chymru mwyach yn 2024: 120.5 fesul 10,000 o blant dan 18 oed')
            """, logger: logger)
    }

    /// The seeded data behind the router, with reader, admin and two partner tokens.
    static func withAlerts(anonymous: Bool = false,
                           _ body: @Sendable @escaping (any TestClientProtocol, [String: String]) async throws -> Void) async throws {
        try await R.withData(anonymous: anonymous) { http, tokens, client in
            try await seed(client)
            let store = TokenStore(client: client, logger: TestCluster.logger)
            var tokens = tokens
            tokens["dwp"] = try await store.create(role: .partner, partner: "dwp", name: "dwp").0
            tokens["lhb"] = try await store.create(role: .partner, partner: "local_health_board", name: "lhb").0
            try await body(http, tokens)
        }
    }

    static func rows(_ http: any TestClientProtocol, _ uri: String, token: String?,
                     headers: HTTPFields = [:]) async throws -> [[String: Any]] {
        let (status, _, body) = try await R.get(http, uri, token: token, headers: headers)
        #expect(status == .ok, "\(uri): \(status) \(body.prefix(300))")
        return try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [[String: Any]], "\(uri): \(body.prefix(300))")
    }

    static func fingerprints(_ http: any TestClientProtocol, _ uri: String, token: String?) async throws -> [String] {
        try await rows(http, uri, token: token).compactMap { $0["fingerprint"] as? String }
    }

    @Test("the state filter: by default pending, firing and resolved, firing first; state=all adds inactive; one state alone")
    func states() async throws {
        try await Self.withAlerts { http, tokens in
            let reader = tokens["reader"]
            #expect(try await Self.fingerprints(http, "/v1/alerts", token: reader) == ["fp-lbw", "fp-pov", "fp-lac"])
            #expect(Set(try await Self.fingerprints(http, "/v1/alerts?state=all", token: reader)) == ["fp-lbw", "fp-pov", "fp-lac", "fp-old"])
            #expect(try await Self.fingerprints(http, "/v1/alerts?state=firing", token: reader) == ["fp-lbw"])
            #expect(try await Self.fingerprints(http, "/v1/alerts?state=resolved", token: reader) == ["fp-lac"])
            #expect(try await Self.fingerprints(http, "/v1/alerts?state=inactive", token: reader) == ["fp-old"])
            // Every documented key is present.
            let first = try #require(try await Self.rows(http, "/v1/alerts", token: reader).first)
            for key in ["fingerprint", "rule", "kind", "indicator", "area", "breakdown", "state", "severity", "since", "period", "value",
                        "inhibited", "summary"] {
                #expect(first[key] != nil, "missing \(key)")
            }
            #expect(first["since"] as? String == "2026-11-20T06:00:00Z" && first["value"] as? Double == 7.3)
        }
    }

    @Test("area, indicator, aim, dimension and severity filters; the catalogue's indicators under an aim or dimension")
    func filters() async throws {
        try await Self.withAlerts { http, tokens in
            let reader = try #require(tokens["reader"])
            #expect(try await Self.fingerprints(http, "/v1/alerts?area=W06000015", token: reader) == ["fp-lbw", "fp-pov"])
            #expect(try await Self.fingerprints(http, "/v1/alerts?area=W11000028", token: reader) == ["fp-lac"])
            #expect(try await Self.fingerprints(http, "/v1/alerts?area=W06000015&state=all", token: reader).count == 3)
            #expect(try await Self.fingerprints(http, "/v1/alerts?indicator=low_birth_weight", token: reader) == ["fp-lbw"])
            #expect(try await Self.fingerprints(http, "/v1/alerts?indicator=low_birth_weight&state=all", token: reader) == ["fp-lbw", "fp-old"])
            #expect(try await Self.fingerprints(http, "/v1/alerts?aim=1", token: reader) == ["fp-lbw"])
            #expect(try await Self.fingerprints(http, "/v1/alerts?aim=7", token: reader) == ["fp-pov"])
            #expect(try await Self.fingerprints(http, "/v1/alerts?aim=5", token: reader).isEmpty)
            #expect(try await Self.fingerprints(http, "/v1/alerts?dimension=b", token: reader) == ["fp-lac"])
            #expect(try await Self.fingerprints(http, "/v1/alerts?dimension=g", token: reader) == ["fp-pov"])
            #expect(try await Self.fingerprints(http, "/v1/alerts?aim=1&dimension=g", token: reader).isEmpty)
            #expect(try await Self.fingerprints(http, "/v1/alerts?severity=critical", token: reader) == ["fp-lac"])
            #expect(try await Self.fingerprints(http, "/v1/alerts?severity=warning&state=all", token: reader) == ["fp-lbw", "fp-old"])
            #expect(try await Self.fingerprints(http, "/v1/alerts?indicator=child_poverty_ahc&area=W11000028", token: reader).isEmpty)
        }
    }

    @Test("events: every transition newest first, since a date or a date-time, into one state, filtered like the alerts")
    func events() async throws {
        try await Self.withAlerts { http, tokens in
            let reader = tokens["reader"]
            let all = try await Self.rows(http, "/v1/alerts/events", token: reader)
            #expect(all.compactMap { $0["fingerprint"] as? String } == ["fp-lac", "fp-pov", "fp-lbw", "fp-old", "fp-lbw"])
            #expect(all.first?["from"] as? String == "firing" && all.first?["to"] as? String == "resolved" && all.first?["run"] as? Int == 2)
            #expect(all.last?["from"] is NSNull && all.last?["at"] as? String == "2026-11-10T06:00:00Z")
            #expect(try await Self.fingerprints(http, "/v1/alerts/events?since=2026-11-20", token: reader) == ["fp-lac", "fp-pov", "fp-lbw"])
            #expect(try await Self.fingerprints(http, "/v1/alerts/events?since=2026-11-20T07:00:00Z", token: reader) == ["fp-lac"])
            #expect(try await Self.fingerprints(http, "/v1/alerts/events?since=2026-11-20T06:00:00.000Z", token: reader).count == 3)
            #expect(try await Self.fingerprints(http, "/v1/alerts/events?state=pending", token: reader) == ["fp-pov", "fp-lbw"])
            #expect(try await Self.fingerprints(http, "/v1/alerts/events?state=inactive", token: reader) == ["fp-old"])
            #expect(try await Self.fingerprints(http, "/v1/alerts/events?state=all", token: reader).count == 5)
            #expect(try await Self.fingerprints(http, "/v1/alerts/events?indicator=low_birth_weight&since=2026-11-12", token: reader) == ["fp-lbw", "fp-old"])
            #expect(try await Self.fingerprints(http, "/v1/alerts/events?aim=3", token: reader) == ["fp-lac"])
            #expect(try await Self.fingerprints(http, "/v1/alerts/events?severity=info&area=W06000015", token: reader) == ["fp-pov"])
        }
    }

    @Test("small numbers: a withheld value is null for readers, anonymous callers and other partners; admins and the supplier see it")
    func suppression() async throws {
        try await Self.withAlerts { http, tokens in
            func value(_ token: String?, events: Bool = false) async throws -> (Any?, Bool?) {
                let rows = try await Self.rows(http, events ? "/v1/alerts/events?indicator=child_poverty_ahc" : "/v1/alerts?indicator=child_poverty_ahc",
                                               token: token)
                let row = try #require(rows.first)
                #expect(row.keys.contains("value"), "value must be present, null when withheld")
                return (row["value"], row["withheld"] as? Bool)
            }
            for name in ["reader", "lhb"] {
                for events in [false, true] {
                    let (v, withheld) = try await value(tokens[name], events: events)
                    #expect(v is NSNull && withheld == true, "\(name) events \(events): \(String(describing: v))")
                }
            }
            for name in ["admin", "dwp"] {
                for events in [false, true] {
                    #expect(try await value(tokens[name], events: events).0 as? Double == 3, "\(name) events \(events)")
                }
            }
            // Not withheld: everyone sees it.
            let lbw = try await Self.rows(http, "/v1/alerts?indicator=low_birth_weight", token: tokens["dwp"])
            #expect(lbw.first?["value"] as? Double == 7.3)
            // Text and CSV withhold it too: `c` in the text, an empty CSV cell.
            let (_, _, text) = try await R.get(http, "/v1/alerts?indicator=child_poverty_ahc&format=text", token: tokens["reader"])
            let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("pending") })
            #expect(line.contains("  c  ") && !line.contains(" 3 "), "\(line)")
            let (_, _, csv) = try await R.get(http, "/v1/alerts?indicator=child_poverty_ahc&format=csv", token: tokens["reader"])
            #expect(csv.contains(",2024,2024,,true,false,"), "\(csv)")
            let (_, _, full) = try await R.get(http, "/v1/alerts?indicator=child_poverty_ahc&format=csv", token: tokens["admin"])
            #expect(full.contains(",2024,2024,3.0,true,false,"), "\(full)")
        }
        try await Self.withAlerts(anonymous: true) { http, _ in
            let rows = try await Self.rows(http, "/v1/alerts?indicator=child_poverty_ahc", token: nil)
            #expect(rows.count == 1 && rows.first?["value"] is NSNull)
        }
    }

    @Test("text in English and Welsh fits in 100 columns under a heading; Welsh uses summary_cy; CSV has every column")
    func representations() async throws {
        try await Self.withAlerts { http, tokens in
            for uri in ["/v1/alerts", "/v1/alerts?state=all", "/v1/alerts/events", "/v1/alerts?area=W99999998"] {
                for lang in ["en", "cy"] {
                    let sep = uri.contains("?") ? "&" : "?"
                    let (status, headers, text) = try await R.get(http, uri + sep + "format=text&lang=" + lang, token: tokens["admin"])
                    if uri.contains("W99999998") { #expect(status == .notFound); continue }
                    #expect(status == .ok && headers[.contentType] == "text/plain; charset=utf-8")
                    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                    let wide = lines.filter { $0.count > 100 }
                    #expect(wide.isEmpty, "\(uri) \(lang): \(wide.first ?? "")")
                    #expect(lines.count >= 3 && lines[1].hasPrefix("="), "\(uri): no heading")
                    #expect(headers[.contentLanguage] == lang)
                }
            }
            let (_, _, english) = try await R.get(http, "/v1/alerts?format=text", token: tokens["reader"])
            #expect(english.hasPrefix("Alerts (3): pending, firing and resolved\n"))
            #expect(english.contains("    Low birth weight in Cardiff: 7.3% in 2024 (alert level 7)"))
            #expect(english.contains("resolved*") && english.contains("* held: the indicator's feed is late"))
            let (_, _, welsh) = try await R.get(http, "/v1/alerts?format=text&lang=cy", token: tokens["reader"])
            #expect(welsh.hasPrefix("Rhybuddion (3)") && welsh.contains("cyflwr") && welsh.contains("difrifoldeb"))
            #expect(welsh.contains("    Pwysau geni isel yng Nghaerdydd: 7.3% yn 2024 (lefel rhybudd 7)"))
            #expect(!welsh.contains("Low birth weight in Cardiff"))
            let json = try await Self.rows(http, "/v1/alerts?lang=cy", token: tokens["reader"])
            #expect(json.first?["summary"] as? String == "Pwysau geni isel yng Nghaerdydd: 7.3% yn 2024 (lefel rhybudd 7)")
            #expect(json.first?["summary_en"] as? String == "Low birth weight in Cardiff: 7.3% in 2024 (alert level 7)")
            let events = try await Self.rows(http, "/v1/alerts/events", token: tokens["reader"], headers: [.acceptLanguage: "cy"])
            #expect((events.first?["summary"] as? String)?.hasPrefix("Plant sy'n derbyn gofal") == true)
            let (_, h, csv) = try await R.get(http, "/v1/alerts", token: tokens["reader"], headers: [.accept: "text/csv"])
            #expect(h[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.hasPrefix(AlertEntryRow.columns.joined(separator: ",") + "\n") && csv.split(separator: "\n").count == 4)
            let (_, _, eventsCSV) = try await R.get(http, "/v1/alerts/events?format=csv", token: tokens["reader"])
            #expect(eventsCSV.hasPrefix("id,at,run,fingerprint,") && eventsCSV.split(separator: "\n").count == 6)
        }
    }

    @Test("the sample run's own alerts (the catalogue's rules) list in every format, and their text fits in 100 columns")
    func sampleRun() async throws {
        try await R.withData { http, tokens in
            let alerts = try await Self.rows(http, "/v1/alerts?state=all", token: tokens["admin"])
            #expect(!alerts.isEmpty)
            for uri in ["/v1/alerts?state=all", "/v1/alerts/events?state=all"] {
                for lang in ["en", "cy"] {
                    let (status, _, text) = try await R.get(http, uri + "&format=text&lang=" + lang, token: tokens["reader"])
                    #expect(status == .ok)
                    let wide = text.split(separator: "\n").map(String.init).filter { $0.count > 100 }
                    #expect(wide.isEmpty, "\(uri) \(lang): \(wide.first ?? "")")
                }
            }
        }
    }

    @Test("bad values are 400 naming the parameter and what it accepts; an unknown area or indicator is 404; no token is 401")
    func errors() async throws {
        try await Self.withAlerts { http, tokens in
            let reader = tokens["reader"]
            for (uri, expected) in [("/v1/alerts?state=on", "state=on is not a state; use pending, firing, resolved, inactive or all"),
                                    ("/v1/alerts?aim=9", "aim=9 is not a core aim; use a number from 1, 2, 3, 4, 5, 6, 7"),
                                    ("/v1/alerts?aim=one", "aim=one is not a core aim"),
                                    ("/v1/alerts/events?dimension=z", "dimension=z is not an s25(11) dimension; use a letter from a, b, c"),
                                    ("/v1/alerts?severity=urgent", "severity=urgent is not a severity; use info, warning or critical"),
                                    ("/v1/alerts/events?since=yesterday", "since=yesterday is not a date; use ISO 8601"),
                                    ("/v1/alerts/events?state=gone", "state=gone is not a state"),
                                    ("/v1/alerts?format=pdf", "choose json, text or csv")] {
                let (status, _, body) = try await R.get(http, uri, token: reader)
                #expect(status == .badRequest && body.contains(expected), "\(uri): \(status) \(body)")
            }
            let (s1, _, b1) = try await R.get(http, "/v1/alerts?area=W99999999", token: reader)
            #expect(s1 == .notFound && b1.contains("unknown area 'W99999999'") && b1.contains("GET /v1/areas lists them"))
            let (s2, _, b2) = try await R.get(http, "/v1/alerts/events?indicator=nope&format=text", token: reader)
            #expect(s2 == .notFound && b2.hasPrefix("error 404: unknown indicator 'nope'"))
            #expect(try await R.get(http, "/v1/alerts", token: nil).0 == .unauthorized)
            #expect(try await R.get(http, "/v1/alerts/events", token: "od_not-a-real-token").0 == .unauthorized)
        }
    }

    @Test("the query parser alone: defaults, intersections and the start of a day")
    func query() throws {
        let catalogue = try TestCluster.realCatalogue()
        let plain = try AlertQuery().filter(catalogue, events: false)
        #expect(plain.states == nil && plain.indicators == nil && plain.area == nil && plain.severity == nil)
        let both = try AlertQuery(indicator: "low_birth_weight", aim: "1", dimension: "a").filter(catalogue, events: false)
        #expect(both.indicators == ["low_birth_weight"])
        let none = try AlertQuery(indicator: "low_birth_weight", aim: "7").filter(catalogue, events: false)
        #expect(none.indicators == [])
        let day = try AlertQuery(since: "2026-11-20").filter(catalogue, events: true)
        #expect(day.since == Date(timeIntervalSince1970: 1_795_132_800))   // 2026-11-20T00:00:00Z
        #expect(try AlertQuery(since: "2026-11-20").filter(catalogue, events: false).since == nil)
        #expect(try AlertQuery(state: "all").filter(catalogue, events: false).states == AlertStateName.allCases)
        #expect(throws: AlertQuery.Invalid.self) { try AlertQuery(aim: "0").filter(catalogue, events: false) }
    }
}
