import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import OutcomesCore
@testable import OutcomesServer
import OutcomesStore
import OutcomesTestSupport
import PostgresNIO

/// Every response, errors included, says `X-Content-Type-Options: nosniff` and names no version
/// in `Server` (issue 14) — over a real socket, so the headers Hummingbird adds itself are seen.
@Suite("Response headers on every route")
struct ResponseHeadersTests {
    @Test("nosniff on every GET route of the document, on 400, 401, 404, 405, 413, 503, /metrics, /healthz and the OpenAPI document; Server without a version")
    func everyResponse() async throws {
        let target = try await TestCluster.shared.newDatabase()
        let client = PostgresClient(configuration: .init(target: target), backgroundLogger: TestCluster.logger)
        var context = ServerContext(client: client, catalogue: try TestCluster.realCatalogue(),
                                    listen: .init(host: "127.0.0.1", port: 0), logger: TestCluster.logger, maxFeedBytes: 1000)
        context.computeEnabled = false
        try await buildApplication(context).test(.live) { http in
            let store = TokenStore(client: client, logger: TestCluster.logger)
            let admin = try await store.create(role: .admin, partner: nil, name: "admin").0
            let partner = try await store.create(role: .partner, partner: "local_health_board", name: "lhb").0
            typealias Call = (HTTPRequest.Method, String, String?, HTTPFields)
            var requests: [Call] = []
            for uri in try MethodRoutingTests.getURIs() {
                requests += [(.get, uri, admin, [:]), (.get, uri + "?format=csv", admin, [:]), (.head, uri, admin, [:])]
            }
            requests += [
                (.get, "/healthz", nil, [:]), (.get, "/readyz", nil, [:]), (.get, "/metrics", nil, [:]),
                (.get, "/v1/openapi.yaml", nil, [:]), (.get, "/v1/summary", nil, [:]), (.get, "/v1/summary?format=text", "not-a-token", [:]),
                (.get, "/v1/nowhere", admin, [:]), (.delete, "/v1/summary", admin, [:]), (.get, "/v1/summary?format=pdf", admin, [:]),
                (.post, "/v1/feeds", partner, [.contentType: "text/csv", .contentLength: "5000"]),
            ]
            var statuses = Set<Int>()
            for (method, uri, token, extra) in requests {
                var headers = extra
                if let token { headers[.authorization] = "Bearer \(token)" }
                let body = method == .post ? ByteBuffer(repeating: UInt8(ascii: "a"), count: 5000) : nil
                let (status, fields) = try await http.execute(uri: uri, method: method, headers: headers, body: body) { ($0.status, $0.headers) }
                statuses.insert(status.code)
                #expect(fields[.xContentTypeOptions] == "nosniff", "\(method) \(uri): \(status) without nosniff")
                let server = fields[.server] ?? ""
                #expect(!server.contains(where: \.isNumber) && !server.contains("/"), "\(method) \(uri): Server '\(server)' names a version")
            }
            #expect(statuses.isSuperset(of: [200, 400, 401, 404, 405, 413, 503]), "statuses seen: \(statuses.sorted())")
        }
    }
}
