import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import OutcomesCore
import OutcomesFeeds
import OutcomesServer
import OutcomesStore
import OutcomesTestSupport
import PostgresNIO

@Suite("Reading summaries and measures through the real router")
struct ReadRoutesTests {
    static let today = CivilDate(year: 2026, month: 11, day: 23)!

    /// A database with one partner's sample feeds and one finished run; tokens for reader and admin.
    static func withData(anonymous: Bool = false,
                         _ body: @Sendable @escaping (any TestClientProtocol, [String: String]) async throws -> Void) async throws {
        try await withData(anonymous: anonymous) { http, tokens, _ in try await body(http, tokens) }
    }

    /// As above, with the database client too (for tests that reach behind the router).
    static func withData(anonymous: Bool = false,
                         _ body: @Sendable @escaping (any TestClientProtocol, [String: String], PostgresClient) async throws -> Void) async throws {
        let target = try await TestCluster.shared.newDatabase()
        let catalogue = try TestCluster.realCatalogue()
        let client = PostgresClient(configuration: .init(target: target), backgroundLogger: TestCluster.logger)
        var context = ServerContext(client: client, catalogue: catalogue, listen: .init(host: "127.0.0.1", port: 0), logger: TestCluster.logger)
        context.anonymousRead = anonymous
        context.computeEnabled = false
        try await buildApplication(context).test(.router) { http in
            let folder = TestCluster.repositoryRoot + "/Indicators/samples/local_health_board"
            for file in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() {
                _ = try await FeedIngest(client: client, catalogue: catalogue, logger: TestCluster.logger)
                    .ingest(FileChunks(path: folder + "/" + file), FeedSubmission(partner: "local_health_board", in: catalogue, source: .cli,
                                                                                fileName: file, format: .csv, today: today))
            }
            _ = try await RunStore(client: client, catalogue: catalogue, logger: TestCluster.logger).compute(trigger: .cli, today: today)
            let store = TokenStore(client: client, logger: TestCluster.logger)
            let tokens = ["reader": try await store.create(role: .reader, partner: nil, name: "rg").0,
                          "admin": try await store.create(role: .admin, partner: nil, name: "admin").0]
            try await body(http, tokens, client)
        }
    }

    static func get(_ http: any TestClientProtocol, _ uri: String, token: String?, headers extra: HTTPFields = [:]) async throws -> (HTTPResponse.Status, HTTPFields, String) {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await http.execute(uri: uri, method: .get, headers: headers) { ($0.status, $0.headers, String(buffer: $0.body)) }
    }

    @Test("the summary comes as JSON, text and CSV, each with the run in its headers")
    func formats() async throws {
        try await Self.withData { http, tokens in
            let (s1, h1, json) = try await Self.get(http, "/v1/summary?area=W06000015", token: tokens["reader"])
            #expect(s1 == .ok && h1[.contentType] == "application/json")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            #expect((object["aims"] as? [Any])?.count == 7 && (object["dimensions"] as? [Any])?.count == 9)
            #expect(h1[.eTag] != nil && h1.contains { $0.name.rawName == "X-Outcomesd-Run" })
            let (_, h2, text) = try await Self.get(http, "/v1/summary?area=W06000015&format=text", token: tokens["reader"])
            #expect(h2[.contentType]?.hasPrefix("text/plain") == true && text.contains("Cardiff (W06000015)"))
            #expect(text.split(separator: "\n").allSatisfy { $0.count <= 100 })
            let (_, h3, csv) = try await Self.get(http, "/v1/summary", token: tokens["reader"], headers: [.accept: "text/csv"])
            #expect(h3[.contentType]?.hasPrefix("text/csv") == true && csv.hasPrefix("run,area,group"))
            #expect(csv.split(separator: "\n").count == 1 + 7 + 9)
            // Every list of the JSON summary has its count column.
            let header = csv.split(separator: "\n").first.map { Set($0.split(separator: ",").map(String.init)) } ?? []
            let group = try #require((object["aims"] as? [[String: Any]])?.first)
            let lists = Set(group.compactMap { $0.value is [Any] ? $0.key : nil })
            #expect(lists.isSubset(of: header), "\(lists.subtracting(header))")
        }
    }

    @Test("If-None-Match with the ETag gives 304")
    func etag() async throws {
        try await Self.withData { http, tokens in
            let (_, headers, _) = try await Self.get(http, "/v1/summary", token: tokens["reader"])
            let tag = try #require(headers[.eTag])
            let (status, _, body) = try await Self.get(http, "/v1/summary", token: tokens["reader"], headers: [.ifNoneMatch: tag])
            #expect(status == .notModified && body.isEmpty)
            let (other, _, _) = try await Self.get(http, "/v1/summary?format=text", token: tokens["reader"], headers: [.ifNoneMatch: tag])
            #expect(other == .ok)
        }
    }

    @Test("Welsh names with ?lang=cy or Accept-Language: cy")
    func welsh() async throws {
        try await Self.withData { http, tokens in
            let (_, _, text) = try await Self.get(http, "/v1/summary?area=W06000015&format=text&lang=cy", token: tokens["reader"])
            #expect(text.contains("Caerdydd"))
            let (_, _, header) = try await Self.get(http, "/v1/summary?area=W06000015&format=text", token: tokens["reader"],
                                                    headers: [.acceptLanguage: "cy"])
            #expect(header.contains("Caerdydd"))
        }
    }

    @Test("bad format is 400 naming the choices; unknown area is 404 saying where codes are")
    func errors() async throws {
        try await Self.withData { http, tokens in
            let (s1, _, b1) = try await Self.get(http, "/v1/summary?format=xml", token: tokens["reader"])
            #expect(s1 == .badRequest && b1.contains("json, text or csv"))
            let (s2, _, b2) = try await Self.get(http, "/v1/summary?area=W99999999", token: tokens["reader"])
            #expect(s2 == .notFound && b2.contains("GET /v1/areas lists them"))
            let (s3, _, _) = try await Self.get(http, "/v1/indicators/nope", token: tokens["reader"])
            #expect(s3 == .notFound)
            // Errors come in the format asked for.
            let (s4, h4, b4) = try await Self.get(http, "/v1/summary?area=W99999999&format=text", token: tokens["reader"])
            #expect(s4 == .notFound && h4[.contentType]?.hasPrefix("text/plain") == true && b4.hasPrefix("error 404: unknown area"))
        }
    }

    @Test("without a token: 401, unless anonymous read is configured")
    func access() async throws {
        try await Self.withData { http, _ in
            let status = try await Self.get(http, "/v1/summary", token: nil).0
            #expect(status == .unauthorized)
        }
        try await Self.withData(anonymous: true) { http, _ in
            let status = try await Self.get(http, "/v1/summary", token: nil).0
            #expect(status == .ok)
        }
    }

    @Test("an indicator's series for an area, every period, in all three formats")
    func indicatorSeries() async throws {
        try await Self.withData { http, tokens in
            let (status, _, json) = try await Self.get(http, "/v1/indicators/low_birth_weight?area=W06000015", token: tokens["reader"])
            #expect(status == .ok)
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
            #expect(rows.count >= 6 && rows.allSatisfy { $0["lower95"] != nil && $0["benchmark"] != nil })
            let (_, _, text) = try await Self.get(http, "/v1/indicators/low_birth_weight?area=W06000015&format=text", token: tokens["reader"])
            #expect(text.contains("Cardiff") && text.contains("95% interval"))
            let (_, _, csv) = try await Self.get(http, "/v1/indicators/low_birth_weight?area=W06000015&format=csv", token: tokens["reader"])
            #expect(csv.hasPrefix("period,value,lower95"))
        }
    }

    @Test("runs are listed for readers; only an admin starts one")
    func runs() async throws {
        try await Self.withData { http, tokens in
            let (status, _, body) = try await Self.get(http, "/v1/runs", token: tokens["reader"])
            #expect(status == .ok && body.contains("\"finished\""))
            let reader = try await http.execute(uri: "/v1/runs", method: .post, headers: [.authorization: "Bearer \(tokens["reader"] ?? "")"]) { $0.status }
            #expect(reader == .forbidden)
            let admin = try await http.execute(uri: "/v1/runs", method: .post, headers: [.authorization: "Bearer \(tokens["admin"] ?? "")"]) { $0.status }
            #expect(admin == .created)
        }
    }
}
