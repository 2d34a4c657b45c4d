import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import OutcomesCore
@testable import OutcomesServer
import OutcomesStore
import OutcomesTestSupport
import PostgresNIO

/// `HEAD` on every `GET` route and 405 with `Allow` for a method a path does not have, through the
/// real router (and once over a real socket), with the sample data of ``ReadRoutesTests``.
@Suite("HEAD and 405 Method Not Allowed, from the router's own routes")
struct MethodRoutingTests {
    typealias R = ReadRoutesTests

    /// Every GET operation of the OpenAPI document as a concrete URI.
    static func getURIs() throws -> [String] {
        let checker = SpecChecker(spec: try OpenAPIConformanceTests.spec())
        return checker.operations().filter { $0.method == "get" }.map { op in
            op.path
                .replacingOccurrences(of: "{code}", with: "W06000015").replacingOccurrences(of: "{n}", with: "1")
                .replacingOccurrences(of: "{letter}", with: "a").replacingOccurrences(of: "{area}", with: "W06000015")
                .replacingOccurrences(of: "{id}", with: op.path.hasPrefix("/v1/feeds") ? "1" : "low_birth_weight")
        }
    }

    static func call(_ http: any TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, token: String?,
                     headers extra: HTTPFields = [:]) async throws -> (HTTPResponse.Status, HTTPFields, ByteBuffer) {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await http.execute(uri: uri, method: method, headers: headers) { ($0.status, $0.headers, $0.body) }
    }

    @Test("HEAD on every GET route of the document: GET's status and headers (ETag, Content-Type, X-Outcomesd-Run, …), no body")
    func headLikeGet() async throws {
        let uris = try Self.getURIs()
        #expect(uris.count >= 15)
        try await R.withData { http, tokens in
            for uri in uris {
                for suffix in ["", "?format=text", "?format=csv", "?format=pdf"] where suffix.isEmpty || uri.hasPrefix("/v1/") {
                    let target = uri + suffix
                    let (getStatus, getHeaders, getBody) = try await Self.call(http, .get, target, token: tokens["admin"])
                    let (headStatus, headHeaders, headBody) = try await Self.call(http, .head, target, token: tokens["admin"])
                    let (_, _, againBody) = try await Self.call(http, .get, target, token: tokens["admin"])
                    #expect(headStatus == getStatus, "HEAD \(target): \(headStatus), GET \(getStatus)")
                    #expect(headBody.readableBytes == 0, "HEAD \(target) has a body of \(headBody.readableBytes) bytes")
                    // The same headers; Content-Length as GET's (where GET's body does not change from call to call).
                    #expect(Self.fields(headHeaders) == Self.fields(getHeaders), "HEAD \(target)")
                    #expect(headHeaders[.contentLength] != nil, "HEAD \(target) without Content-Length")
                    if againBody == getBody {
                        #expect(headHeaders[.contentLength] == String(getBody.readableBytes), "HEAD \(target) Content-Length")
                    }
                    if target.hasPrefix("/v1/summary") || target.hasPrefix("/v1/areas/") || target.hasPrefix("/v1/indicators/") {
                        #expect(headStatus != .ok || (headHeaders[.eTag] != nil && headHeaders[ReadRoutes.runHeader] != nil), "HEAD \(target)")
                    }
                }
            }
            // Errors too: the status and headers of GET's error, without its body.
            for (uri, token, status) in [("/v1/summary", nil, HTTPResponse.Status.unauthorized), ("/v1/summary?area=W99999999", tokens["reader"], .notFound),
                                         ("/v1/feeds", tokens["reader"], .forbidden), ("/v1/summary?run=x&format=text", tokens["reader"], .badRequest)] {
                let (getStatus, getHeaders, _) = try await Self.call(http, .get, uri, token: token)
                let (headStatus, headHeaders, headBody) = try await Self.call(http, .head, uri, token: token)
                #expect(getStatus == status && headStatus == status && headBody.readableBytes == 0, "HEAD \(uri): \(headStatus)")
                #expect(Self.fields(headHeaders) == Self.fields(getHeaders), "HEAD \(uri)")
            }
        }
    }

    @Test("HEAD with If-None-Match: 304 with the ETag, as GET")
    func headNotModified() async throws {
        try await R.withData { http, tokens in
            for uri in ["/v1/summary", "/v1/areas/W06000015?format=text", "/v1/indicators/low_birth_weight?format=csv"] {
                let (_, first, _) = try await Self.call(http, .head, uri, token: tokens["reader"])
                let tag = try #require(first[.eTag])
                let (getStatus, getHeaders, _) = try await Self.call(http, .get, uri, token: tokens["reader"], headers: [.ifNoneMatch: tag])
                let (status, headers, body) = try await Self.call(http, .head, uri, token: tokens["reader"], headers: [.ifNoneMatch: tag])
                #expect(status == .notModified && getStatus == .notModified, "HEAD \(uri): \(status)")
                #expect(headers[.eTag] == tag && body.readableBytes == 0)
                #expect(Self.fields(headers) == Self.fields(getHeaders))
            }
        }
    }

    @Test("a method a path does not have is 405 with Allow (from the router); an unknown path stays 404")
    func methodNotAllowed() async throws {
        try await R.withData { http, tokens in
            let admin = tokens["admin"]
            for (method, uri, allow) in [(HTTPRequest.Method.delete, "/v1/summary", "GET, HEAD"), (.post, "/healthz", "GET, HEAD"),
                                         (.put, "/v1/feeds", "GET, HEAD, POST"), (.delete, "/v1/runs", "GET, HEAD, POST"),
                                         (.patch, "/v1/areas/W06000015", "GET, HEAD"), (.options, "/v1/indicators/low_birth_weight", "GET, HEAD"),
                                         (.trace, "/v1/alerts/events?since=2026-11-01", "GET, HEAD"), (.post, "/v1/summary/", "GET, HEAD"),
                                         (.delete, "/v1/feeds/12", "GET, HEAD"), (.post, "/v1/openapi.yaml", "GET, HEAD")] {
                let (status, headers, body) = try await Self.call(http, method, uri, token: admin)
                #expect(status == .methodNotAllowed, "\(method) \(uri): \(status)")
                #expect(headers[.allow] == allow, "\(method) \(uri): Allow \(headers[.allow] ?? "none")")
                #expect(headers[.contentType] == "application/json" && String(buffer: body).contains("\(method.rawValue) is not allowed"),
                        "\(String(buffer: body))")
            }
            // Without a token too (405 says nothing a 401 would protect), and in text when text is asked for.
            let (status, headers, body) = try await Self.call(http, .delete, "/v1/summary?format=text", token: nil)
            #expect(status == .methodNotAllowed && headers[.allow] == "GET, HEAD")
            #expect(String(buffer: body).hasPrefix("error 405: DELETE is not allowed on /v1/summary; allowed: GET, HEAD"))
            for (method, uri) in [(HTTPRequest.Method.get, "/v1/nowhere"), (.delete, "/v1/nowhere"), (.head, "/v2/summary"),
                                  (.get, "/v1/areas/W06000015/extra")] {
                let (status, headers, _) = try await Self.call(http, method, uri, token: admin)
                #expect(status == .notFound && headers[.allow] == nil, "\(method) \(uri): \(status)")
            }
        }
    }

    @Test("Allow lists exactly the router's methods for every path it registers")
    func allowFromRouter() throws {
        let target = DatabaseTarget(host: "/nonexistent-outcomesd-socket", port: 5432, user: "x", database: "x", sslMode: .disable)
        let client = PostgresClient(configuration: .init(target: target), backgroundLogger: TestCluster.logger)
        let context = ServerContext(client: client, catalogue: try TestCluster.realCatalogue(),
                                    listen: .init(host: "127.0.0.1", port: 0), logger: TestCluster.logger)
        let routes = buildRouter(context).routes
        let middleware = MethodNotAllowedMiddleware(routes: routes, headFromGet: true)
        var byPath: [String: Set<String>] = [:]
        for route in routes { byPath[route.path.description, default: []].insert(route.method.rawValue) }
        #expect(byPath.count >= 15)
        for (path, methods) in byPath {
            let concrete = "/" + path.split(separator: "/").map { $0.hasPrefix("{") ? "x1" : String($0) }.joined(separator: "/")
            let expected = methods.union(methods.contains("GET") ? ["HEAD"] : []).sorted()
            #expect(middleware.allowed(at: concrete)?.map(\.rawValue) == expected, "\(concrete)")
        }
        // Literal segments win over parameters, as in the router: /v1/alerts/events is not /v1/alerts/{x}.
        let router = Router()
        router.get("v1/alerts/events") { _, _ in HTTPResponse.Status.ok }
        router.delete("v1/alerts/:id") { _, _ in HTTPResponse.Status.ok }
        let table = MethodNotAllowedMiddleware(routes: router.routes, headFromGet: true)
        #expect(table.allowed(at: "/v1/alerts/events")?.map(\.rawValue) == ["GET", "HEAD"])
        #expect(table.allowed(at: "/v1/alerts/7")?.map(\.rawValue) == ["DELETE"])
        #expect(table.allowed(at: "/v1/alerts") == nil && table.allowed(at: "/v1/alerts/7/x") == nil)
    }

    @Test("over a real socket: HEAD has GET's Content-Length and no body; DELETE is 405 with Allow")
    func live() async throws {
        let target = try await TestCluster.shared.newDatabase()
        let client = PostgresClient(configuration: .init(target: target), backgroundLogger: TestCluster.logger)
        var context = ServerContext(client: client, catalogue: try TestCluster.realCatalogue(),
                                    listen: .init(host: "127.0.0.1", port: 0), logger: TestCluster.logger)
        context.computeEnabled = false
        try await buildApplication(context).test(.live) { http in
            for uri in ["/v1/openapi.yaml", "/healthz", "/v1/nowhere"] {
                let get = try await http.execute(uri: uri, method: .get) { ($0.status, $0.headers, $0.body.readableBytes) }
                let head = try await http.execute(uri: uri, method: .head) { ($0.status, $0.headers, $0.body.readableBytes) }
                #expect(head.0 == get.0 && head.2 == 0, "HEAD \(uri): \(head.0), \(head.2) bytes")
                #expect(head.1[.contentLength] == String(get.2) && head.1[.contentType] == get.1[.contentType], "HEAD \(uri)")
            }
            let (status, headers) = try await http.execute(uri: "/v1/summary", method: .delete) { ($0.status, $0.headers) }
            #expect(status == .methodNotAllowed && headers[.allow] == "GET, HEAD")
        }
    }

    /// Header fields as name → values, order of names aside; Content-Length is compared on its own.
    static func fields(_ headers: HTTPFields) -> [String: [String]] {
        var out: [String: [String]] = [:]
        for field in headers where field.name != .contentLength { out[field.name.canonicalName, default: []].append(field.value) }
        return out
    }
}
