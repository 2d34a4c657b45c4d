import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import OutcomesCore
import OutcomesServer
import OutcomesStore
import OutcomesTestSupport
import PostgresNIO

@Suite("POST /v1/feeds through the real router and a real PostgreSQL")
struct FeedRoutesTests {
    static let feed = """
        indicator,area,period,breakdown,numerator,denominator,note
        low_birth_weight,W06000013,2022,all,52,900,
        low_birth_weight,W06000013,2023,all,48,910,p

        """

    /// Runs `body` with a router-level test client on a fresh migrated database and tokens for
    /// each role (partner = local_health_board).
    /// - Parameter compute: whether the scheduler runs (off: runs come only from `POST /v1/runs`,
    ///   so a test that numbers runs is not raced by the scheduler's own).
    static func withApp(maxFeedBytes: Int = 1 << 20, compute: Bool = true,
                        _ body: @Sendable @escaping (any TestClientProtocol, [String: String]) async throws -> Void) async throws {
        let target = try await TestCluster.shared.newDatabase()
        let catalogue = try TestCluster.realCatalogue()
        let client = PostgresClient(configuration: .init(target: target), backgroundLogger: TestCluster.logger)
        var context = ServerContext(client: client, catalogue: catalogue, listen: .init(host: "127.0.0.1", port: 0),
                                    logger: TestCluster.logger, maxFeedBytes: maxFeedBytes)
        context.computeEnabled = compute
        try await buildApplication(context).test(.router) { http in
            let store = TokenStore(client: client, logger: TestCluster.logger)
            var tokens: [String: String] = [:]
            tokens["partner"] = try await store.create(role: .partner, partner: "local_health_board", name: "lhb").0
            tokens["other"] = try await store.create(role: .partner, partner: "local_authority", name: "la").0
            tokens["reader"] = try await store.create(role: .reader, partner: nil, name: "reference group").0
            tokens["admin"] = try await store.create(role: .admin, partner: nil, name: "admin").0
            let revoked = try await store.create(role: .partner, partner: "local_health_board", name: "old")
            _ = try await store.revoke(String(revoked.1.id))
            tokens["revoked"] = revoked.0
            try await body(http, tokens)
        }
    }

    static func post(_ http: any TestClientProtocol, token: String?, body: String, query: String = "",
                     contentType: String = "text/csv", accept: String? = nil) async throws -> (HTTPResponse.Status, String) {
        var headers: HTTPFields = [.contentType: contentType]
        if let token { headers[.authorization] = "Bearer \(token)" }
        if let accept { headers[.accept] = accept }
        return try await http.execute(uri: "/v1/feeds\(query)", method: .post, headers: headers, body: ByteBuffer(string: body)) {
            ($0.status, String(buffer: $0.body))
        }
    }

    @Test("a partner token submits its own feed and gets the JSON import report")
    func partnerSubmits() async throws {
        try await Self.withApp { http, tokens in
            let (status, body) = try await Self.post(http, token: tokens["partner"], body: Self.feed)
            #expect(status == .ok)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
            #expect(json["status"] as? String == "applied" && json["inserted"] as? Int == 2)
        }
    }

    @Test("no token or an unknown or revoked token is 401")
    func unauthenticated() async throws {
        try await Self.withApp { http, tokens in
            do {
                let status = try await Self.post(http, token: nil, body: Self.feed).0
                #expect(status == .unauthorized)
            }
            do {
                let status = try await Self.post(http, token: "od_not-a-real-token", body: Self.feed).0
                #expect(status == .unauthorized)
            }
            do {
                let status = try await Self.post(http, token: tokens["revoked"], body: Self.feed).0
                #expect(status == .unauthorized)
            }
        }
    }

    @Test("a reader token may not submit feeds (403)")
    func readerForbidden() async throws {
        try await Self.withApp { http, tokens in
            do {
                let status = try await Self.post(http, token: tokens["reader"], body: Self.feed).0
                #expect(status == .forbidden)
            }
        }
    }

    @Test("another partner's indicators: rows rejected with partner_not_allowed, 403 when all are")
    func foreignIndicators() async throws {
        try await Self.withApp { http, tokens in
            let (status, body) = try await Self.post(http, token: tokens["other"], body: Self.feed, accept: "text/plain")
            #expect(status == .forbidden)
            #expect(body.contains("partner_not_allowed"))
            // Refused, not applied: the same bytes again are refused again (not a 200 duplicate),
            // and the right partner can send them.
            let (again, againBody) = try await Self.post(http, token: tokens["other"], body: Self.feed, accept: "text/plain")
            #expect(again == .forbidden && !againBody.contains("duplicate"))
            #expect(try await Self.post(http, token: tokens["partner"], body: Self.feed).0 == .ok)
            // The log says why the refused feed was refused.
            let log = try await http.execute(uri: "/v1/feeds?format=csv", method: .get,
                                             headers: [.authorization: "Bearer \(tokens["admin"] ?? "")"]) { String(buffer: $0.body) }
            #expect(log.contains("no valid row: every row was rejected"))
            let mixed = Self.feed + "looked_after_rate,W06000013,2023-24,all,120,25000,\n"
            let (mixedStatus, mixedBody) = try await Self.post(http, token: tokens["other"], body: mixed, accept: "text/plain")
            #expect(mixedStatus == .ok)
            #expect(mixedBody.contains("rejected 2"))
        }
    }

    @Test("an admin submits on behalf of a partner with ?partner=; an undeclared partner is 404")
    func adminOnBehalf() async throws {
        try await Self.withApp { http, tokens in
            do {
                let status = try await Self.post(http, token: tokens["admin"], body: Self.feed).0
                #expect(status == .badRequest)
            }
            do {
                let status = try await Self.post(http, token: tokens["admin"], body: Self.feed, query: "?partner=local_health_board").0
                #expect(status == .ok)
            }
            do {
                // The one partner check (FeedSubmission), answered in HTTP's terms: 404, saying what is declared.
                let (status, body) = try await Self.post(http, token: tokens["admin"], body: Self.feed, query: "?partner=nobody")
                #expect(status == .notFound && body.contains("unknown partner 'nobody'; declared in partners.yaml: "), "\(body)")
            }
        }
    }

    @Test("dry_run and strict query flags; a whole rejection is 422")
    func flags() async throws {
        try await Self.withApp { http, tokens in
            let (dry, dryBody) = try await Self.post(http, token: tokens["partner"], body: Self.feed, query: "?dry_run=true")
            #expect(dry == .ok && dryBody.contains("\"dry_run\""))
            let bad = Self.feed + "low_birth_weight,W06000013,2024,all,x,910,\n"
            let (strict, strictBody) = try await Self.post(http, token: tokens["partner"], body: bad, query: "?strict=true")
            #expect(strict == .unprocessableContent && strictBody.contains("not_a_number"))
            let (typo, typoBody) = try await Self.post(http, token: tokens["partner"], body: Self.feed, query: "?dry_run=ture")
            #expect(typo == .badRequest && typoBody.contains("use true or false"))
        }
    }

    @Test("a NUL in a JSON key or a CSV header is a 422 whose stored report shows it as ␀, never a 500 (found by schemathesis, seed 2)")
    func nulInQuotedNames() async throws {
        try await Self.withApp { http, tokens in
            let json = #"{"observations": [{"a\u0000b": 1, "indicator": "x"}]}"#   // the JSON escape of NUL
            let (jsonStatus, jsonBody) = try await Self.post(http, token: tokens["admin"], body: json, query: "?partner=local_authority",
                                                             contentType: "application/json")
            #expect(jsonStatus == .unprocessableContent, "\(jsonBody)")
            let csv = "indicator,area,period,numerator,denominator,x\u{0}y\nlow_birth_weight,W06000013,2022,52,900,\n"
            let (csvStatus, csvBody) = try await Self.post(http, token: tokens["partner"], body: csv)
            #expect(csvStatus != .internalServerError, "\(csvBody)")
            // The refusals are recorded, the name shown with ␀ where the NUL was.
            let (logStatus, log) = try await http.execute(uri: "/v1/feeds", method: .get,
                                                          headers: [.authorization: "Bearer \(tokens["admin"] ?? "")"]) {
                ($0.status, String(buffer: $0.body))
            }
            #expect(logStatus == .ok)
            #expect(log.contains("a\u{2400}b") && log.contains("x\u{2400}y"), "\(log.prefix(800))")
        }
    }

    @Test("the stored report gives each row error as the live one did: the same JSON for a JSON feed (index) and a CSV feed (line, column)")
    func storedErrorsAsReported() async throws {
        try await Self.withApp { http, tokens in
            let json = #"{"observations": [{"indicator": "low_birth_weight", "area": "W06000013", "period": "2022", "numerator": 5, "denominator": 1}, {"indicator": "low_birth_weight", "area": "W06000099", "period": "2022", "numerator": 1, "denominator": 9}]}"#
            let csv = Self.feed + "low_birth_weight,W06000014,2023,all,\"4\"8,910,\n"
            for (body, type) in [(json, "application/json"), (csv, "text/csv")] {
                let (status, live) = try await Self.post(http, token: tokens["partner"], body: body, contentType: type)
                #expect(status == .ok || status == .unprocessableContent, "\(live)")   // some or all rows refused
                let report = try #require(try JSONSerialization.jsonObject(with: Data(live.utf8)) as? [String: Any])
                let id = try #require(report["feed_id"] as? Int)
                let liveErrors = try #require(report["errors"] as? [[String: Any]])
                #expect(!liveErrors.isEmpty)
                let (_, stored) = try await http.execute(uri: "/v1/feeds/\(id)", method: .get,
                                                         headers: [.authorization: "Bearer \(tokens["partner"] ?? "")"]) {
                    ($0.status, String(buffer: $0.body))
                }
                let feed = try #require(try JSONSerialization.jsonObject(with: Data(stored.utf8)) as? [String: Any])
                let storedErrors = try #require(feed["errors"] as? [[String: Any]])
                #expect(NSArray(array: storedErrors) == NSArray(array: liveErrors), "live \(liveErrors)\nstored \(storedErrors)")
                let key = type == "application/json" ? "index" : "line"
                #expect(storedErrors.allSatisfy { $0[key] != nil }, "\(storedErrors)")
            }
        }
    }

    @Test("a body over the limit is 413 and nothing is stored")
    func tooLarge() async throws {
        try await Self.withApp(maxFeedBytes: 1000) { http, tokens in
            let big = Self.feed + String(repeating: "low_birth_weight,W06000014,2023,all,48,910,\n", count: 100)
            do {
                let status = try await Self.post(http, token: tokens["partner"], body: big).0
                #expect(status == .contentTooLarge)
            }
        }
    }

    @Test("a body that is neither CSV nor JSON is 415")
    func unsupportedType() async throws {
        try await Self.withApp { http, tokens in
            do {
                let status = try await Self.post(http, token: tokens["partner"], body: "x", contentType: "application/xml").0
                #expect(status == .unsupportedMediaType)
            }
        }
    }
}
