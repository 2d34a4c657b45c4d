import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import OutcomesCore
@testable import OutcomesServer
import OutcomesStore
import OutcomesTestSupport
import PostgresNIO

/// Issue 14's hostile input: no, unknown, malformed, revoked and expired tokens on every
/// operation the OpenAPI document declares with a security requirement, and another partner's
/// token on every partner-scoped one — through the real router, with the sample data loaded.
@Suite("Hostile tokens on every operation")
struct HostileTokenTests {
    typealias R = ReadRoutesTests

    /// The operations that require a token (those without `security`, or with an empty one —
    /// health, readiness, metrics, this document — are public by design), as concrete requests.
    static func protectedRequests() throws -> [(method: HTTPRequest.Method, uri: String)] {
        let checker = SpecChecker(spec: try OpenAPIConformanceTests.spec())
        return checker.operations().compactMap { op in
            guard let security = op.operation["security"]?.arrayValue, !security.isEmpty else { return nil }
            let uri = op.path
                .replacingOccurrences(of: "{code}", with: "W06000015").replacingOccurrences(of: "{n}", with: "1")
                .replacingOccurrences(of: "{letter}", with: "a")
                .replacingOccurrences(of: "{id}", with: op.path.hasPrefix("/v1/indicators") ? "low_birth_weight" : "1")
            let method: HTTPRequest.Method = switch op.method {
            case "post": .post
            case "delete": .delete
            case "put": .put
            default: .get
            }
            return (method, uri)
        }
    }

    @Test("no, unknown, malformed, revoked and expired tokens succeed on no protected operation; another partner's token gets nothing of this partner's")
    func refusedEverywhere() async throws {
        let requests = try Self.protectedRequests()
        #expect(requests.count >= 20, "\(requests.count) protected operations")
        try await R.withData { http, _, client in
            let store = TokenStore(client: client, logger: TestCluster.logger)
            let (revoked, gone) = try await store.create(role: .admin, partner: nil, name: "gone")
            #expect(try await store.revoke(String(gone.id)) == 1)
            let (expired, _) = try await store.create(role: .admin, partner: nil, name: "old", expiresAt: Date().addingTimeInterval(-1))
            let (partner, _) = try await store.create(role: .partner, partner: "local_health_board", name: "lhb")
            let (other, _) = try await store.create(role: .partner, partner: "local_authority", name: "la")
            let random = "od_" + String((0..<43).map { _ in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_".randomElement() ?? "a" })
            let headers: [(String, HTTPFields)] = [
                ("none", [:]),
                ("unknown", [.authorization: "Bearer " + random]),
                ("revoked", [.authorization: "Bearer " + revoked]),
                ("expired", [.authorization: "Bearer " + expired]),
                ("another scheme", [.authorization: "Basic " + Data("admin:admin".utf8).base64EncodedString()]),
                ("empty bearer", [.authorization: "Bearer "]),
                ("token prefix only", [.authorization: "Bearer od_"]),
                ("a revoked token's prefix", [.authorization: "Bearer " + String(revoked.prefix(10))]),
                ("very long", [.authorization: "Bearer od_" + String(repeating: "A", count: 16_384)]),
                ("SQL", [.authorization: "Bearer ' OR '1'='1"]),
            ]
            var tried = 0
            var succeeded: [String] = []
            for (method, uri) in requests {
                for (kind, fields) in headers {
                    let status = try await http.execute(uri: uri, method: method, headers: fields, body: ByteBuffer()) { $0.status }
                    tried += 1
                    if (200..<400).contains(status.code) { succeeded.append("\(method) \(uri) with \(kind): \(status.code)") }
                    #expect(status == .unauthorized || status == .tooManyRequests, "\(method) \(uri) with \(kind): \(status)")
                }
            }
            #expect(succeeded.isEmpty, "\(succeeded)")

            // Another partner's token on what belongs to local_health_board (feed 1 is its sample feed).
            let auth = { (token: String) -> HTTPFields in [.authorization: "Bearer " + token] }
            let scoped: [(HTTPRequest.Method, String, HTTPFields, ByteBuffer?)] = [
                (.get, "/v1/feeds/1", auth(other), nil),
                (.get, "/v1/revisions?indicator=low_birth_weight", auth(other), nil),
                (.post, "/v1/feeds?partner=local_health_board", auth(other) + [.contentType: "text/csv"],
                 ByteBuffer(string: "indicator,area,period,numerator,denominator\nlow_birth_weight,W06000013,2023,1,900\n")),
                (.post, "/v1/feeds", auth(other) + [.contentType: "text/csv"],
                 ByteBuffer(string: "indicator,area,period,numerator,denominator\nlow_birth_weight,W06000013,2023,1,900\n")),
                (.post, "/v1/publications", auth(partner) + [.contentType: "application/json"],
                 ByteBuffer(string: #"{"indicator": "low_birth_weight", "period": "2023"}"#)),
                (.delete, "/v1/publications/1", auth(partner), nil),
                (.post, "/v1/runs", auth(partner), nil),
            ]
            for (method, uri, fields, body) in scoped {
                let status = try await http.execute(uri: uri, method: method, headers: fields, body: body) { $0.status }
                tried += 1
                #expect([.forbidden, .notFound, .unprocessableContent].contains(status), "\(method) \(uri): \(status)")
                if (200..<300).contains(status.code) { succeeded.append("\(method) \(uri): \(status.code)") }
            }
            // The other partner's feed log shows its own refused feed, never this partner's.
            let (_, _, feeds) = try await R.get(http, "/v1/feeds", token: other)
            #expect(!feeds.contains("local_health_board") && feeds.contains("local_authority"), "\(feeds)")
            #expect(try await TestCluster.scalar(client, "SELECT count(*)::int FROM observation WHERE numerator = 1") == 0)
            print("hostile tokens: \(tried) requests over \(requests.count) protected operations and \(scoped.count) partner-scoped ones; \(succeeded.count) succeeded")
        }
    }
}
