import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import OutcomesCore
import OutcomesServer
import OutcomesStore
import OutcomesTestSupport
import PostgresNIO

/// Injection strings (issue 14): partner text — a cell's value kept in a row error, the file
/// name — is stored and shown verbatim: escaped correctly in JSON, quoted correctly in CSV,
/// never executed as SQL, never neutralised or altered (a CSV formula is the reader's
/// spreadsheet's business: the value is the partner's, and the report shows what was sent).
@Suite("Injection strings are stored and shown verbatim")
struct InjectionStringsTests {
    static let hostile = [
        "'); DROP TABLE observation; --",
        "Robert'); DROP TABLE feed;-- 1 OR 1=1",
        "=cmd|' /C calc'!A0",
        "+SUM(A1:A9)@-1",
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "\u{202E}gnp.exe\u{202C} and \u{2066}isolate\u{2069}",
        "first line\nsecond line\r\nthird, with \"quotes\" and \\backslash",
        "$(rm -rf /) `id` ${jndi:ldap://x}",
    ]
    static let fileName = "x'); DROP TABLE feed; --<script>.csv"

    /// The feed: one good row, then one row per hostile string in its note cell (quoted, with
    /// quotes doubled), each refused as `unknown_note_code` with the cell as its value.
    static var feed: String {
        var text = "indicator,area,period,numerator,denominator,note\nlow_birth_weight,W06000013,2023,48,910,\n"
        for value in hostile {
            text += "low_birth_weight,W06000014,2023,48,910,\"\(value.replacingOccurrences(of: "\"", with: "\"\""))\"\n"
        }
        return text
    }

    /// RFC 4180 records, for reading the API's CSV back.
    static func parseCSV(_ text: String) -> [[String]] {
        var records: [[String]] = [], record: [String] = [], field = ""
        var quoted = false, afterQuote = false
        for c in text.unicodeScalars {
            if quoted {
                if c == "\"" { quoted = false; afterQuote = true } else { field.unicodeScalars.append(c) }
                continue
            }
            switch c {
            case "\"":
                if afterQuote { field += "\"" }
                quoted = true
                afterQuote = false
            case ",":
                record.append(field); field = ""; afterQuote = false
            case "\n":
                record.append(field); records.append(record); record = []; field = ""; afterQuote = false
            default:
                field.unicodeScalars.append(c); afterQuote = false
            }
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        return records
    }

    @Test("SQL, CSV-formula, HTML, bidi and multi-line strings come back byte for byte in JSON and CSV; the tables are intact")
    func verbatim() async throws {
        let target = try await TestCluster.shared.newDatabase()
        let client = PostgresClient(configuration: .init(target: target), backgroundLogger: TestCluster.logger)
        let context = ServerContext(client: client, catalogue: try TestCluster.realCatalogue(), listen: .init(host: "127.0.0.1", port: 0),
                                    logger: TestCluster.logger)
        try await buildApplication(context).test(.router) { http in
            let token = try await TokenStore(client: client, logger: TestCluster.logger)
                .create(role: .partner, partner: "local_health_board", name: "lhb").0
            let auth: HTTPFields = [.authorization: "Bearer \(token)"]
            var query = URLComponents()
            query.queryItems = [URLQueryItem(name: "file_name", value: Self.fileName)]
            let posted = try await http.execute(uri: "/v1/feeds" + (query.percentEncodedQuery.map { "?" + $0 } ?? ""), method: .post,
                                                headers: auth + [.contentType: "text/csv"], body: ByteBuffer(string: Self.feed)) {
                ($0.status, String(buffer: $0.body))
            }
            #expect(posted.0 == .ok, "\(posted.1)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(posted.1.utf8)) as? [String: Any])
            let id = try #require(report["feed_id"] as? Int ?? report["id"] as? Int, "\(report)")

            // JSON: parsed back, every value is the string sent.
            let json = try await http.execute(uri: "/v1/feeds/\(id)", method: .get, headers: auth) { String(buffer: $0.body) }
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            #expect(object["file_name"] as? String == Self.fileName)
            let errors = try #require(object["errors"] as? [[String: Any]])
            #expect(errors.compactMap { $0["value"] as? String } == Self.hostile)
            #expect(errors.allSatisfy { $0["code"] as? String == "unknown_note_code" })

            // CSV: quoted so that a CSV reader gets the same strings back (line breaks and quotes inside).
            let csv = try await http.execute(uri: "/v1/feeds/\(id)?format=csv", method: .get, headers: auth) { String(buffer: $0.body) }
            let records = Self.parseCSV(csv)
            let valueColumn = try #require(records.first?.firstIndex(of: "value"))
            #expect(records.dropFirst().map { $0[valueColumn] } == Self.hostile)
            let log = Self.parseCSV(try await http.execute(uri: "/v1/feeds?format=csv", method: .get, headers: auth) { String(buffer: $0.body) })
            let nameColumn = try #require(log.first?.firstIndex(of: "file_name"))
            #expect(log.dropFirst().map { $0[nameColumn] } == [Self.fileName])

            // Text: the strings as they are (no HTML or formula escaping in a text/plain answer).
            let text = try await http.execute(uri: "/v1/feeds/\(id)?format=text", method: .get, headers: auth) { String(buffer: $0.body) }
            for value in Self.hostile where !value.contains("\n") {
                #expect(text.contains(value), "text report lacks \(value.debugDescription)")
            }

            // A NUL character (which no text column can hold) is a row error in a cell, 400 in the file name.
            let nul = try await http.execute(uri: "/v1/feeds", method: .post, headers: auth + [.contentType: "text/csv"],
                                             body: ByteBuffer(string: "indicator,area,period,numerator,denominator,note\nlow_birth_weight,W06000013,2022,48,910,\"a\u{0}b\"\nlow_birth_weight,W06000013,2021,48,910,\n")) {
                ($0.status, String(buffer: $0.body))
            }
            #expect(nul.0 == .ok && nul.1.contains("nul_character"), "\(nul)")
            let nulName = try await http.execute(uri: "/v1/feeds?file_name=a%00b.csv", method: .post, headers: auth + [.contentType: "text/csv"],
                                                 body: ByteBuffer(string: Self.feed)) { $0.status }
            #expect(nulName == .badRequest)

            // Nothing was executed: the tables are there, the good row stored.
            let rows = try await client.query("SELECT (SELECT count(*) FROM observation), (SELECT count(*) FROM feed), (SELECT count(*) FROM feed_error)")
            for try await (observations, feeds, feedErrors) in rows.decode((Int, Int, Int).self) {
                #expect(observations == 2 && feeds == 2 && feedErrors == Self.hostile.count + 1)
            }
        }
    }
}
