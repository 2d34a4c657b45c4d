import Synchronization
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

@Suite("Representations: text for a terminal, Welsh, typed JSON rows, logs as text and CSV, the render cache")
struct RepresentationTests {
    typealias R = ReadRoutesTests

    static let textEndpoints = [
        "/v1/summary", "/v1/summary?area=W06000015", "/v1/areas/W06000015", "/v1/areas", "/v1/aims", "/v1/dimensions",
        "/v1/indicators", "/v1/aims/2?area=W06000015", "/v1/dimensions/c?area=W11000029", "/v1/runs", "/v1/feeds", "/v1/feeds/1",
        "/v1/indicators/low_birth_weight?area=W06000015",
        // The longest title with one of the longest area names.
        "/v1/indicators/ks4_level2_inclusive?area=W11000026",
    ]

    @Test("every text endpoint, in English and Welsh, fits in 100 columns under a heading")
    func textFits() async throws {
        try await R.withData { http, tokens in
            for uri in Self.textEndpoints {
                for lang in ["en", "cy"] {
                    let sep = uri.contains("?") ? "&" : "?"
                    let (status, headers, text) = try await R.get(http, uri + sep + "format=text&lang=" + lang, token: tokens["admin"])
                    #expect(status == .ok, "\(uri): \(status) \(text.prefix(200))")
                    #expect(headers[.contentType] == "text/plain; charset=utf-8")
                    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                    let wide = lines.filter { $0.count > 100 }
                    #expect(wide.isEmpty, "\(uri) \(lang): \(wide.first ?? "")")
                    #expect(lines.count >= 3 && (lines[1].allSatisfy { $0 == "=" } || lines[1].hasPrefix("=")), "\(uri): no heading")
                }
            }
        }
    }

    @Test("an aim in depth as text: interval, comparison, trend arrow, sparkline, title beneath and a legend")
    func depthText() async throws {
        try await R.withData { http, tokens in
            let (_, _, text) = try await R.get(http, "/v1/aims/1?area=W06000015&format=text", token: tokens["reader"])
            let row = try #require(text.split(separator: "\n").first { $0.hasPrefix("low_birth_weight ") })
            #expect(row.contains("–") && row.contains { "▁▂▃▄▅▆▇█".contains($0) })
            #expect(row.contains("→") || row.contains("↑") || row.contains("↓") || row.contains("·"))
            #expect(text.contains("    Live single births with a birth weight under 2,500g (percentage)"))
            #expect(text.contains("trend: ↑ increasing") && text.contains("series: "))
            #expect(text.hasPrefix("Aim 1: have a flying start in life\n"))
        }
    }

    @Test("Welsh: aim and dimension titles, area and breakdown names, labels; JSON says its language")
    func welsh() async throws {
        try await R.withData { http, tokens in
            let (_, h1, aims) = try await R.get(http, "/v1/aims?lang=cy", token: tokens["reader"])
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(aims.utf8)) as? [[String: Any]])
            #expect(rows.first?["title"] as? String == "yn cael dechrau teg mewn bywyd")
            #expect(rows.first?["title_en"] as? String == "have a flying start in life" && rows.first?["aim"] as? Int == 1)
            #expect(h1[.contentLanguage] == "cy")
            let (_, h2, summary) = try await R.get(http, "/v1/summary?area=W06000015", token: tokens["reader"],
                                                   headers: [.acceptLanguage: "en-GB;q=0.7, cy;q=0.9"])
            let object = try #require(try JSONSerialization.jsonObject(with: Data(summary.utf8)) as? [String: Any])
            #expect(object["lang"] as? String == "cy" && object["area_name"] as? String == "Caerdydd")
            #expect(((object["dimensions"] as? [[String: Any]])?.first?["title"] as? String)?.hasPrefix("iechyd") == true)
            #expect(h2[.contentLanguage] == "cy" && h2[.vary]?.contains("Accept-Language") == true)
            let (_, _, english) = try await R.get(http, "/v1/summary?area=W06000015", token: tokens["reader"],
                                                  headers: [.acceptLanguage: "fr, en;q=0.8, cy;q=0.5"])
            #expect(english.contains("\"lang\":\"en\"") && english.contains("\"area_name\":\"Cardiff\""))
            let (_, _, text) = try await R.get(http, "/v1/summary?area=W06000015&format=text&lang=cy", token: tokens["reader"])
            #expect(text.contains("Y saith nod craidd") && text.contains("Nod 1  yn cael dechrau teg mewn bywyd"))
            let (_, _, depth) = try await R.get(http, "/v1/aims/2?area=W06000015&format=text&lang=cy", token: tokens["admin"])
            #expect(depth.hasPrefix("Nod 2: yn cael amrywiaeth gynhwysfawr") && depth.contains("Caerdydd (W06000015); o'r rhediad"))
            // An unknown language is English, never an error.
            #expect(try await R.get(http, "/v1/aims?lang=fr", token: tokens["reader"]).1[.contentLanguage] == "en")
        }
    }

    @Test("Accept-Language is ranked by quality; ties go to the first listed")
    func acceptLanguage() {
        #expect(ResponseFormat.prefersWelsh(acceptLanguage: "cy"))
        #expect(ResponseFormat.prefersWelsh(acceptLanguage: "cy-GB,cy;q=0.9,en;q=0.8"))
        #expect(ResponseFormat.prefersWelsh(acceptLanguage: "en;q=0.5, cy;q=0.6"))
        #expect(!ResponseFormat.prefersWelsh(acceptLanguage: "en-GB,en;q=0.9,cy;q=0.8"))
        #expect(!ResponseFormat.prefersWelsh(acceptLanguage: "en, cy"))
        #expect(!ResponseFormat.prefersWelsh(acceptLanguage: "cy;q=0, en"))
        #expect(!ResponseFormat.prefersWelsh(acceptLanguage: "fr-FR, de"))
    }

    @Test("catalogue lists are typed JSON: numbers, arrays and null, every key present")
    func typedRows() async throws {
        try await R.withData { http, tokens in
            let (_, _, json) = try await R.get(http, "/v1/indicators", token: tokens["reader"])
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
            let lbw = try #require(rows.first { $0["id"] as? String == "low_birth_weight" })
            #expect(lbw["aims"] as? [Int] == [1] && (lbw["breakdowns"] as? [String])?.first == "all")
            #expect(lbw["title_cy"] is NSNull)
            let (_, _, areas) = try await R.get(http, "/v1/areas", token: tokens["reader"])
            let wales = try #require((try JSONSerialization.jsonObject(with: Data(areas.utf8)) as? [[String: Any]])?.first)
            #expect(wales["parent"] is NSNull && wales["valid_to"] is NSNull && wales["name_cy"] as? String == "Cymru")
        }
    }

    @Test("runs and the feed log come as text and CSV; a report's CSV is its errors")
    func logs() async throws {
        try await R.withData { http, tokens in
            let (_, h1, runs) = try await R.get(http, "/v1/runs?format=csv", token: tokens["reader"])
            #expect(h1[.contentType]?.hasPrefix("text/csv") == true)
            let lines = runs.split(separator: "\n")
            #expect(lines.first?.hasPrefix("id,trigger,full,status,started_at,finished_at,seconds") == true && lines.count == 2)
            let (_, _, text) = try await R.get(http, "/v1/runs?format=text", token: tokens["reader"])
            #expect(text.contains("Compute runs, newest first") && text.contains("finished"))
            let (_, _, feeds) = try await R.get(http, "/v1/feeds?format=text", token: tokens["admin"])
            #expect(feeds.contains("local_health_board") && feeds.contains("applied"))
            let (_, _, feedsCSV) = try await R.get(http, "/v1/feeds", token: tokens["admin"], headers: [.accept: "text/csv"])
            #expect(feedsCSV.hasPrefix("id,partner,source,file_name,format,byte_size,status"))
            let (_, _, report) = try await R.get(http, "/v1/feeds/1?format=text", token: tokens["admin"])
            #expect(report.hasPrefix("Feed 1\n======\n") && report.contains("rows"))
            let (_, _, errors) = try await R.get(http, "/v1/feeds/1?format=csv", token: tokens["admin"])
            // The same keys as the JSON errors: line (CSV feeds) or index (JSON feeds), and the column.
            #expect(errors.hasPrefix("line,index,column,field,code,message,value\n"))
            #expect(try await R.get(http, "/v1/feeds/one", token: tokens["admin"]).0 == .badRequest)
        }
    }

    @Test("a cached summary is served while its tables are locked: the request does not read them")
    func cacheAvoidsDatabase() async throws {
        try await R.withData { http, tokens, client in
            let (first, h1, body1) = try await R.get(http, "/v1/summary?area=W06000015", token: tokens["reader"])
            #expect(first == .ok)
            let (_, _, depth1) = try await R.get(http, "/v1/aims/3?area=W06000015", token: tokens["reader"])
            try await client.withConnection { connection in
                try await connection.query("BEGIN", logger: TestCluster.logger)
                try await connection.query("LOCK TABLE result_latest, result_span, alert_firing_span, measure IN ACCESS EXCLUSIVE MODE", logger: TestCluster.logger)
                // Another session's read of a locked table would wait for the lock; these return.
                let answered = try await withThrowingTaskGroup(of: Bool.self) { group in
                    group.addTask {
                        let (s, h, body) = try await R.get(http, "/v1/summary?area=W06000015", token: tokens["reader"])
                        let (_, _, depth) = try await R.get(http, "/v1/aims/3?area=W06000015", token: tokens["reader"])
                        return s == .ok && body == body1 && depth == depth1 && h[.eTag] == h1[.eTag]
                    }
                    group.addTask { try await Task.sleep(for: .seconds(10)); return false }
                    let result = try await group.next() ?? false
                    group.cancelAll()
                    return result
                }
                #expect(answered, "the cached summary waited for the locked tables")
                try await connection.query("ROLLBACK", logger: TestCluster.logger)
            }
        }
    }

    static func entry(_ body: String) -> RenderCache.Entry { RenderCache.Entry(body: ByteBuffer(string: body), headers: [:]) }

    @Test("the render cache keeps the newest run only and stays within its byte budget")
    func cacheBudget() async {
        let cache = RenderCache(budget: 1000)
        for i in 0..<10 {
            cache.put(.init(run: 1, path: "p\(i)", format: "json", welsh: false), Self.entry(String(repeating: "x", count: 300)))
        }
        #expect(cache.size <= 1000)
        #expect(cache.count == 3)
        #expect(cache.get(.init(run: 1, path: "p9", format: "json", welsh: false)) != nil)
        #expect(cache.get(.init(run: 1, path: "p0", format: "json", welsh: false)) == nil)
        cache.put(.init(run: 2, path: "p", format: "json", welsh: false), Self.entry("y"))
        #expect(cache.count == 1)
        cache.put(.init(run: 1, path: "old", format: "json", welsh: false), Self.entry("z"))
        #expect(cache.get(.init(run: 1, path: "old", format: "json", welsh: false)) == nil)
    }

    @Test("a verified token is remembered only while changes are heard, until tokens change, for its lifetime")
    func principalCache() async throws {
        // A clock the test moves: the lifetime is checked without waiting on the real one.
        let clock = ManualClock()
        let cache = PrincipalCache(lifetime: .seconds(10), capacity: 2, now: { clock.now })
        let reader = Principal(tokenID: 1, name: "rg", role: .reader, partner: nil)
        cache.keep(reader, for: "od_a", generation: cache.principal(for: "od_a").generation)
        #expect(cache.principal(for: "od_a").principal == nil, "kept while not listening")
        cache.setListening(true)
        cache.keep(reader, for: "od_a", generation: cache.principal(for: "od_a").generation)
        #expect(cache.principal(for: "od_a").principal?.tokenID == 1 && cache.principal(for: "od_b").principal == nil)
        // A verification that began before a change is not kept.
        let before = cache.principal(for: "od_b").generation
        cache.tokensChanged()
        #expect(cache.principal(for: "od_a").principal == nil)
        cache.keep(reader, for: "od_b", generation: before)
        #expect(cache.principal(for: "od_b").principal == nil)
        cache.keep(reader, for: "od_c", generation: cache.principal(for: "od_c").generation)
        #expect(cache.principal(for: "od_c").principal != nil)
        clock.advance(.seconds(9))
        #expect(cache.principal(for: "od_c").principal != nil, "still within its lifetime")
        clock.advance(.seconds(2))
        #expect(cache.principal(for: "od_c").principal == nil, "past its lifetime")
        cache.keep(reader, for: "od_d", generation: cache.principal(for: "od_d").generation)
        cache.setListening(false)
        #expect(cache.principal(for: "od_d").principal == nil)
    }

    @Test("wrapping keeps every character: a word longer than the line is cut across lines, under its label")
    func wrapKeepsEverything() {
        let path = "/var/lib/outcomesd/spool/incoming/local_health_board/" + String(repeating: "x", count: 120) + ".csv"
        let text = TextWrap.hanging("file  ", "feed " + path)
        let lines = text.split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 99 } && lines.count >= 3)
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("      ") })
        #expect(text.replacingOccurrences(of: "\n      ", with: "").hasSuffix(String(repeating: "x", count: 120) + ".csv\n"))
    }

    @Test("a text table wraps its last column under itself and cuts no other column that fits")
    func tableWraps() {
        struct Row: TableRow {
            var id: String
            var title: String
            static let columns = ["id", "title"]
            var cells: [String] { [id, title] }
        }
        let long = String(repeating: "word ", count: 40)
        let text = Table.text(header: Row.textColumns, rows: [(Row(id: "low_birth_weight", title: long).textCells, [])],
                              heading: ["T"], footer: [])
        let lines = text.split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 99 })
        #expect(lines[3].hasPrefix("low_birth_weight  word"))
        #expect(lines[4].hasPrefix(String(repeating: " ", count: 18) + "word"))
    }
}

/// A `ContinuousClock` instant that a test moves by hand.
final class ManualClock: Sendable {
    private let instant = Mutex(ContinuousClock.now)
    var now: ContinuousClock.Instant { instant.withLock { $0 } }
    func advance(_ by: Duration) { instant.withLock { $0 += by } }
}
