import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import OutcomesCore
import OutcomesFeeds
import OutcomesServer
import OutcomesStore
import OutcomesTestSupport

/// The pages for a browser (issue 15) through the real router: HTML with inline SVG, every chart
/// with a text equivalent, Welsh, small numbers withheld, the same access rules and ETags as
/// every read.
@Suite("Area profiles in HTML through the real router")
struct ProfilePagesTests {
    typealias R = ReadRoutesTests

    static let pages = ["/", "/profiles/W06000015", "/profiles/W06000015?by=dimension", "/profiles/W92000004",
                        "/profiles/W06000015/indicators/low_birth_weight", "/profiles/W92000004/indicators/low_birth_weight",
                        "/profiles/W11000029/indicators/low_birth_weight"]

    /// Every `<svg role="img">` names its `<title>` and `<desc>` by id, and both are there with text.
    static func chartsHaveTextEquivalents(_ html: String) -> (charts: Int, missing: [String]) {
        var missing: [String] = []
        var charts = 0
        var rest = html[...]
        while let open = rest.range(of: "<svg ") {
            let tagEnd = rest[open.upperBound...].firstIndex(of: ">") ?? rest.endIndex
            let tag = String(rest[open.lowerBound..<tagEnd])
            let close = rest[tagEnd...].range(of: "</svg>")?.upperBound ?? rest.endIndex
            let svg = String(rest[open.lowerBound..<close])
            rest = rest[close...]
            if tag.contains("aria-hidden=\"true\"") { continue }
            charts += 1
            guard tag.contains("role=\"img\""), let ids = tag.range(of: "aria-labelledby=\"") else { missing.append(tag); continue }
            let names = tag[ids.upperBound...].prefix { $0 != "\"" }.split(separator: " ")
            let hasTitle = names.contains { svg.contains("<title id=\"\($0)\">") }
            let hasDesc = names.contains { svg.contains("<desc id=\"\($0)\">") }
            if !(hasTitle && hasDesc) || svg.contains("<title id=\"\(names.first ?? "")\"></title>") { missing.append(tag) }
        }
        return (charts, missing)
    }

    /// The `<tr>` of an indicator in a profile (its link is in the row's header cell).
    static func row(_ html: String, _ indicator: String) -> String? {
        guard let link = html.range(of: "/indicators/\(indicator)?") else { return nil }
        let start = html[..<link.lowerBound].range(of: "<tr>", options: .backwards)?.lowerBound ?? link.lowerBound
        let end = html[link.upperBound...].range(of: "</tr>")?.upperBound ?? html.endIndex
        return String(html[start..<end])
    }

    @Test("each page is HTML under 150 KB with one stylesheet, no scripts, headings in order, and a text equivalent for every chart")
    func pages() async throws {
        try await R.withData { http, tokens in
            for page in Self.pages {
                let (status, headers, html) = try await R.get(http, page, token: tokens["reader"])
                #expect(status == .ok, "\(page)")
                #expect(headers[.contentType] == "text/html; charset=utf-8", "\(page)")
                #expect(html.utf8.count < 150_000, "\(page): \(html.utf8.count) bytes")
                #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"), "\(page)")
                #expect(!html.contains("<script") && !html.contains("http://") && !html.contains("https://"), "\(page)")
                #expect(html.components(separatedBy: "<link rel=\"stylesheet\" href=\"/static/outcomesd.css?v=").count == 2, "\(page)")
                #expect(html.contains("hreflang=\"cy\""), "\(page): a language switch")
                // Headings in order: one h1, and no level skipped.
                let levels = html.matches(of: /<h([1-6])[ >]/).compactMap { Int($0.1) }
                #expect(levels.first == 1 && levels.filter { $0 == 1 }.count == 1, "\(page)")
                #expect(zip(levels, levels.dropFirst()).allSatisfy { $1 <= $0 + 1 }, "\(page): \(levels)")
                let (charts, missing) = Self.chartsHaveTextEquivalents(html)
                #expect(missing.isEmpty, "\(page): \(missing.prefix(3))")
                if page.hasPrefix("/profiles/") {
                    #expect(charts > 0, "\(page)")
                    #expect(html.contains("<table>") && html.contains("<th scope=\"col\">"), "\(page): the table is the source of truth")
                }
            }
            // The profile: every indicator of an aim is a row; spine charts with the area's marker.
            let (_, _, cardiff) = try await R.get(http, "/profiles/W06000015", token: tokens["reader"])
            #expect(cardiff.contains("<h1>Cardiff</h1>"))
            #expect(cardiff.contains("<h2 id=\"aim-1\">Aim 1: "))
            let catalogue = try TestCluster.realCatalogue()
            let aimRows = catalogue.aims.map { aim in catalogue.indicators.filter { $0.aims.contains(aim.number) }.count }.reduce(0, +)
            #expect(cardiff.components(separatedBy: "<tr><th scope=\"row\">").count - 1 == aimRows)
            let lbw = try #require(Self.row(cardiff, "low_birth_weight"))
            #expect(lbw.contains("<svg class=\"spine\"") && lbw.contains("class=\"m ") && lbw.contains("class=\"wales\""))
            #expect(lbw.contains("<desc id=\"s-aim-1-low_birth_weightd\">Local authorities from "))
            #expect(lbw.contains("<span class=\"trend\""))
            let (_, _, byDimension) = try await R.get(http, "/profiles/W06000015?by=dimension", token: tokens["reader"])
            #expect(byDimension.contains("<h2 id=\"dimension-a\">(a) "))
            // The series page: a line chart with its band, Wales and the health board, then the values.
            let (_, _, series) = try await R.get(http, "/profiles/W06000015/indicators/low_birth_weight", token: tokens["reader"])
            #expect(series.contains("<svg class=\"line\"") && series.contains("class=\"band\"") && series.contains("class=\"wales\"")
                && series.contains("class=\"board\""))
            #expect(series.contains("<h2 id=\"values\">Values</h2>") && series.contains("<h2 id=\"about\">About this indicator</h2>"))
            #expect(series.contains("Cardiff and Vale University Health Board"))
            // The home page lists the 22 local authorities.
            let (_, _, home) = try await R.get(http, "/", token: tokens["reader"])
            #expect(home.contains("Local authorities (22)") && home.contains("href=\"/profiles/W06000015?lang=en\""))
            // Unknown things are 404, a bad grouping 400.
            #expect(try await R.get(http, "/profiles/W06999999", token: tokens["reader"]).0 == .notFound)
            #expect(try await R.get(http, "/profiles/W06000015/indicators/nope", token: tokens["reader"]).0 == .notFound)
            #expect(try await R.get(http, "/profiles/W06000015?by=colour", token: tokens["reader"]).0 == .badRequest)
        }
    }

    static let tidy = ["/usr/bin/tidy", "/usr/local/bin/tidy"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// tidy's report on a page: (exit status, messages). 0 is clean, 1 warnings, 2 errors.
    static func validate(_ html: String) throws -> (Int32, String) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("outcomesd-page-\(UUID().uuidString).html")
        try Data(html.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tidy ?? "/usr/bin/tidy")
        process.arguments = ["-quiet", "-errors", "--gnu-emacs", "yes", "--drop-empty-elements", "no", file.path]
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let report = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, report)
    }

    @Test("every page, English and Welsh, is well-formed HTML with no warnings from tidy",
          .enabled(if: tidy != nil, "tidy is not installed (scripts/install-deps installs it): the pages' markup is not validated"))
    func wellFormed() async throws {
        // The validator does catch broken markup.
        let (broken, brokenReport) = try await blocking { try Self.validate("<!DOCTYPE html>\n<html lang=\"en\"><head><title>x</title></head><body><p><b>x</p></body></html>") }
        #expect(broken > 0 && brokenReport.contains("missing </b>"), "\(brokenReport)")
        try await R.withData { http, tokens in
            for page in Self.pages {
                for lang in ["en", "cy"] {
                    let uri = page + (page.contains("?") ? "&" : "?") + "lang=" + lang
                    let (_, _, html) = try await R.get(http, uri, token: tokens["reader"])
                    let (status, report) = try await blocking { try Self.validate(html) }
                    // Debian's tidy (5.6) predates two things the pages use correctly: ARIA 1.1's
                    // aria-current, and an id on an SVG <title> (it takes it for the head's
                    // <title>). Those warnings are known; anything else, and any error, fails.
                    let issues = report.split(separator: "\n").filter { line in
                        !line.hasSuffix("proprietary attribute \"aria-current\"") && !line.hasSuffix("<title> proprietary attribute \"id\"")
                    }
                    #expect(status <= 1 && issues.isEmpty, "\(uri): \(issues.joined(separator: "\n"))")
                }
            }
        }
    }

    @Test("Welsh with ?lang=cy or Accept-Language: cy: lang=\"cy\", Welsh headings, and a link back to English")
    func welsh() async throws {
        try await R.withData { http, tokens in
            let (status, headers, html) = try await R.get(http, "/profiles/W06000015?lang=cy", token: tokens["reader"])
            #expect(status == .ok && headers[.contentLanguage] == "cy")
            #expect(html.contains("<html lang=\"cy\">"))
            #expect(html.contains("<h1>Caerdydd</h1>") && html.contains("<h2 id=\"aim-1\">Nod 1: "))
            #expect(html.contains("hreflang=\"en\" lang=\"en\">English</a>"))
            #expect(html.contains("Awdurdodau lleol: gwaethaf i orau"))
            let (_, h2, fromHeader) = try await R.get(http, "/profiles/W06000015", token: tokens["reader"],
                                                       headers: [.acceptLanguage: "cy-GB,cy;q=0.9,en;q=0.5"])
            #expect(h2[.contentLanguage] == "cy" && fromHeader == html)
            let (_, _, series) = try await R.get(http, "/profiles/W06000015/indicators/low_birth_weight?lang=cy", token: tokens["reader"])
            #expect(series.contains("<html lang=\"cy\">") && series.contains("<h2 id=\"values\">Gwerthoedd</h2>")
                && series.contains("<h2 id=\"about\">Am y dangosydd hwn</h2>"))
            let (_, _, home) = try await R.get(http, "/?lang=cy", token: tokens["reader"])
            #expect(home.contains("Awdurdodau lleol (22)") && home.contains("href=\"/profiles/W06000015?lang=cy\""))
        }
    }

    @Test("small numbers: a reader's and an anonymous caller's value cell shows the mark c; an admin and the supplier see the number")
    func suppression() async throws {
        try await R.withData(anonymous: true) { http, tokens, client in
            let catalogue = try TestCluster.realCatalogue()
            let file = TestCluster.repositoryRoot + "/Indicators/samples/ons/infant_mortality.csv"
            _ = try await FeedIngest(client: client, catalogue: catalogue, logger: TestCluster.logger)
                .ingest(FileChunks(path: file), FeedSubmission(partner: "ons", in: catalogue, source: .cli, fileName: "im.csv", format: .csv, today: R.today))
            _ = try await RunStore(client: client, catalogue: catalogue, logger: TestCluster.logger).compute(trigger: .cli, today: R.today)
            let ons = try await TokenStore(client: client, logger: TestCluster.logger).create(role: .partner, partner: "ons", name: "ons").0
            // Ceredigion's latest infant deaths (2 in 2025) are below the threshold of 5.
            for token in [nil, tokens["reader"]] {
                let (status, _, html) = try await R.get(http, "/profiles/W06000008", token: token)
                #expect(status == .ok)
                let row = try #require(Self.row(html, "infant_mortality"))
                #expect(row.contains("<td class=\"n\"><abbr class=\"c\" title=\"withheld: below the small-number threshold\">c</abbr></td>"),
                        "\(row)")
                #expect(!row.contains("class=\"m "), "no marker where the value is withheld")
                // Isle of Anglesey, 2020: 1 infant death in 661 live births.
                let (_, _, series) = try await R.get(http, "/profiles/W06000001/indicators/infant_mortality", token: token)
                let y2020 = try #require(series.range(of: "<tr><th scope=\"row\">2020</th>").map { series[$0.lowerBound...].prefix { $0 != "\n" } })
                #expect(y2020.contains("abbr class=\"c\"") && !y2020.contains(">661<") && !y2020.contains(">1<"), "\(y2020)")
            }
            for token in [tokens["admin"], ons] {
                let (_, _, html) = try await R.get(http, "/profiles/W06000008", token: token)
                let row = try #require(Self.row(html, "infant_mortality"))
                #expect(!row.contains("abbr class=\"c\"") && row.contains("class=\"m "), "\(row)")
                let (_, _, series) = try await R.get(http, "/profiles/W06000001/indicators/infant_mortality", token: token)
                let y2020 = try #require(series.range(of: "<tr><th scope=\"row\">2020</th>").map { series[$0.lowerBound...].prefix { $0 != "\n" } })
                #expect(y2020.contains(">661<") && y2020.contains(">1<"), "\(y2020)")
            }
        }
    }

    @Test("access as for every read: a token, or none with anonymous_read; the stylesheet is public and cached; ETag then 304")
    func accessAndCaching() async throws {
        try await R.withData { http, tokens in
            for page in Self.pages {
                #expect(try await R.get(http, page, token: nil).0 == .unauthorized, "\(page)")
            }
            let (s, h, css) = try await R.get(http, "/static/outcomesd.css", token: nil)
            #expect(s == .ok && h[.contentType] == "text/css; charset=utf-8" && css.contains(".spine"))
            #expect(h[.cacheControl]?.contains("max-age=31536000") == true)
            let cssTag = try #require(h[.eTag])
            #expect(try await R.get(http, "/static/outcomesd.css", token: nil, headers: [.ifNoneMatch: cssTag]).0 == .notModified)
            let (_, headers, _) = try await R.get(http, "/profiles/W06000015", token: tokens["reader"])
            let tag = try #require(headers[.eTag])
            #expect(headers.contains { $0.name.rawName == "X-Outcomesd-Run" })
            let (status, _, body) = try await R.get(http, "/profiles/W06000015", token: tokens["reader"], headers: [.ifNoneMatch: tag])
            #expect(status == .notModified && body.isEmpty)
            // Another representation, another tag: Welsh, dimensions, an admin's (nothing withheld).
            let others = [try await R.get(http, "/profiles/W06000015?lang=cy", token: tokens["reader"]).1[.eTag],
                          try await R.get(http, "/profiles/W06000015?by=dimension", token: tokens["reader"]).1[.eTag],
                          try await R.get(http, "/profiles/W06000015", token: tokens["admin"]).1[.eTag]]
            #expect(Set(others.compactMap { $0 } + [tag]).count == 4)
        }
        try await R.withData(anonymous: true) { http, _, _ in
            for page in Self.pages {
                let (status, _, _) = try await R.get(http, page, token: nil)
                #expect(status == .ok, "\(page)")
            }
        }
    }
}
