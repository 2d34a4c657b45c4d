import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import OutcomesCore
@testable import OutcomesServer
import OutcomesStore
import OutcomesTestSupport
import PostgresNIO
import Yams

/// Keeps `GET /v1/openapi.yaml` true: the document is well-formed OpenAPI 3.1, names exactly the
/// routes the router registers, and real responses (status, media type, required headers, JSON
/// shape) conform to it.
@Suite("The OpenAPI description matches the routes and their responses")
struct OpenAPIConformanceTests {
    typealias R = ReadRoutesTests

    /// Every route `buildRouter` registers, as `METHOD /path/{param}`. Mirrors the router by hand
    /// so that adding a route without describing it (or the reverse) fails a test.
    static let routes: Set<String> = [
        "GET /healthz",
        "GET /readyz",
        "GET /metrics",
        "GET /v1/openapi.yaml",
        "POST /v1/feeds",
        "GET /v1/feeds",
        "GET /v1/feeds/{id}",
        "GET /v1/summary",
        "GET /v1/indicators/{id}",
        "GET /v1/runs",
        "POST /v1/runs",
        "GET /v1/areas",
        "GET /v1/areas/{code}",
        "GET /v1/aims",
        "GET /v1/aims/{n}",
        "GET /v1/dimensions",
        "GET /v1/dimensions/{letter}",
        "GET /v1/indicators",
        "GET /v1/alerts",
        "GET /v1/alerts/events",
        "GET /v1/publications",
        "POST /v1/publications",
        "DELETE /v1/publications/{id}",
        "GET /v1/revisions",
        "GET /v1/changes",
        "GET /",
        "GET /profiles/{area}",
        "GET /profiles/{area}/indicators/{id}",
        "GET /static/outcomesd.css",
    ]

    static func spec() throws -> JSONValue {
        try JSONValue.yaml(OpenAPIDocument.yaml)
    }

    // MARK: - The document

    @Test("the document parses as OpenAPI 3.1 and every reference, path parameter and schema keyword is sound")
    func wellFormed() throws {
        let spec = try Self.spec()
        #expect(spec["openapi"] == .string("3.1.0"))
        #expect(spec["info"]?["title"] == .string("outcomesd"))
        let checker = SpecChecker(spec: spec)
        let problems = checker.documentProblems()
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test("what two operations share is one component: no inline parameter, response or header stands in two (descriptions aside)")
    func sharedComponents() throws {
        let problems = SpecChecker(spec: try Self.spec()).repetitions()
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        // The check itself: one parameter written out in two operations, worded differently.
        let twice = SpecChecker(spec: try Self.sample)
        #expect(twice.repetitions().count == 1, "\(twice.repetitions())")
    }

    @Test("every component and security scheme is used")
    func componentsUsed() throws {
        let unused = SpecChecker(spec: try Self.spec()).unusedComponents()
        #expect(unused.isEmpty, "unused: \(unused)")
        #expect(SpecChecker(spec: try Self.sample).unusedComponents() == ["#/components/parameters/Unused"])
    }

    /// A small document with one repeated inline parameter and one unused component.
    static var sample: JSONValue {
        get throws {
            try .yaml("""
                paths:
                  /a: {get: {parameters: [{name: q, in: query, description: one, schema: {type: string}}]}}
                  /b: {get: {parameters: [{name: q, in: query, description: two, schema: {type: string}}]}}
                components:
                  parameters:
                    Unused: {name: u, in: query, schema: {type: string}}
                """)
        }
    }

    @Test("every route the router registers is described, and nothing else")
    func routesMatch() throws {
        let spec = try Self.spec()
        var described: Set<String> = []
        for (path, item) in spec["paths"]?.objectValue ?? [:] {
            for method in (item.objectValue ?? [:]).keys where SpecChecker.methods.contains(method) {
                described.insert("\(method.uppercased()) \(path)")
            }
        }
        #expect(described.subtracting(Self.routes).isEmpty, "described but not in the list: \(described.subtracting(Self.routes).sorted())")
        #expect(Self.routes.subtracting(described).isEmpty, "in the list but not described: \(Self.routes.subtracting(described).sorted())")

        // And the list is the router's: build it (the client is never run).
        let target = DatabaseTarget(host: "/nonexistent-outcomesd-socket", port: 5432, user: "x", database: "x", sslMode: .disable)
        let client = PostgresClient(configuration: .init(target: target), backgroundLogger: TestCluster.logger)
        let context = ServerContext(client: client, catalogue: try TestCluster.realCatalogue(),
                                    listen: .init(host: "127.0.0.1", port: 0), logger: TestCluster.logger)
        let registered = Set(buildRouter(context).routes.map { "\($0.method.rawValue) \($0.path.description)" })
        #expect(registered == Self.routes, "router: \(registered.sorted())")
    }

    // MARK: - Responses through the real router

    @Test("GET responses with the sample data conform: JSON shapes, text and CSV, errors, 304")
    func readResponses() async throws {
        let checker = SpecChecker(spec: try Self.spec())
        try await R.withData { http, tokens, client in
            // The sample run's own alerts and, beside them, one in each state (a withheld value, a late feed held).
            try await AlertRoutesTests.seed(client, replacing: false)
            let reader = tokens["reader"], admin = tokens["admin"]
            var exchanges: [Exchange] = []
            func call(_ uri: String, _ token: String?, _ expected: HTTPResponse.Status, headers: HTTPFields = [:]) async throws {
                let exchange = try await Exchange.run(http, .get, uri, token: token, headers: headers)
                #expect(exchange.status == expected, "\(uri): \(exchange.status) \(exchange.body.prefix(300))")
                exchanges.append(exchange)
            }
            try await call("/healthz", nil, .ok)
            try await call("/readyz", nil, .ok)
            try await call("/metrics", nil, .ok)
            try await call("/v1/openapi.yaml", nil, .ok)
            for uri in ["/v1/summary", "/v1/summary?area=W06000015", "/v1/summary?area=W11000028&lang=cy",
                        "/v1/areas/W06000015", "/v1/areas/W92000004?lang=cy"] {
                for format in ["", "format=text", "format=csv"] {
                    try await call(uri + (format.isEmpty ? "" : (uri.contains("?") ? "&" : "?") + format), reader, .ok)
                }
            }
            for uri in ["/v1/areas", "/v1/aims", "/v1/dimensions", "/v1/indicators", "/v1/aims/1?area=W06000015",
                        "/v1/aims/7", "/v1/dimensions/e", "/v1/dimensions/a?area=W11000028"] {
                try await call(uri, reader, .ok)
                try await call(uri + (uri.contains("?") ? "&" : "?") + "format=text", reader, .ok)
                try await call(uri + (uri.contains("?") ? "&" : "?") + "format=csv", reader, .ok)
            }
            try await call("/v1/areas?lang=cy", reader, .ok)
            // The pages (issue 15): HTML, 304, and their errors.
            for uri in ["/", "/profiles/W06000015", "/profiles/W06000015?by=dimension&lang=cy", "/profiles/W92000004/indicators/low_birth_weight",
                        "/static/outcomesd.css"] {
                try await call(uri, reader, .ok)
            }
            let page = try await Exchange.run(http, .get, "/profiles/W06000015", token: reader, headers: [:])
            try await call("/profiles/W06000015", reader, .notModified, headers: [.ifNoneMatch: page.headers[.eTag] ?? ""])
            try await call("/profiles/W06999999", reader, .notFound)
            try await call("/profiles/W06000015/indicators/nope", reader, .notFound)
            try await call("/profiles/W06000015?by=x", reader, .badRequest)
            try await call("/v1/areas", reader, .ok, headers: [.accept: "text/csv"])
            for token in [reader, admin] {
                try await call("/v1/indicators/low_birth_weight", token, .ok)
                try await call("/v1/indicators/low_birth_weight?area=W06000015", token, .ok)
                try await call("/v1/indicators/smoking_in_pregnancy?area=W11000028", token, .ok)
            }
            try await call("/v1/indicators/low_birth_weight?area=W06000015&format=text", reader, .ok)
            try await call("/v1/indicators/low_birth_weight?area=W06000015&format=csv", reader, .ok)
            for format in ["", "?format=text", "?format=csv"] {
                try await call("/v1/runs" + format, reader, .ok)
                try await call("/v1/feeds" + format, admin, .ok)
                try await call("/v1/feeds/1" + format, admin, .ok)
            }
            for uri in ["/v1/alerts", "/v1/alerts?state=all&lang=cy", "/v1/alerts?area=W06000015&severity=info",
                        "/v1/alerts?aim=1&dimension=a&indicator=low_birth_weight", "/v1/alerts/events",
                        "/v1/alerts/events?since=2026-11-20&state=pending", "/v1/alerts/events?since=2026-11-20T07:00:00Z&lang=cy"] {
                for token in [reader, admin] {
                    for format in ["", "format=text", "format=csv"] {
                        try await call(uri + (format.isEmpty ? "" : (uri.contains("?") ? "&" : "?") + format), token, .ok)
                    }
                }
            }
            try await call("/v1/aims/1?area=W06000015", admin, .ok)
            try await call("/v1/dimensions/b?area=W06000015&lang=cy", admin, .ok)
            try await call("/v1/indicators/low_birth_weight?area=W06000015&lang=cy&format=text", reader, .ok)

            // Errors, JSON and text.
            try await call("/v1/summary?area=W99999999", reader, .notFound)
            try await call("/v1/summary?area=W99999999&format=text", reader, .notFound)
            try await call("/v1/summary?format=xml", reader, .badRequest)
            try await call("/v1/summary", nil, .unauthorized)
            try await call("/v1/summary", "od_not-a-real-token", .unauthorized, headers: [.accept: "text/plain"])
            try await call("/v1/summary?run=999999", reader, .notFound)
            try await call("/v1/summary?run=x", reader, .badRequest)
            try await call("/v1/summary?as_of=2000-01-01", reader, .notFound)
            try await call("/v1/summary?as_of=2999-01-01", reader, .ok)
            try await call("/v1/summary?as_of=yesterday", reader, .badRequest)
            try await call("/v1/areas/W00000000", reader, .notFound)
            try await call("/v1/areas?format=pdf", reader, .badRequest)
            try await call("/v1/aims/8", reader, .notFound)
            try await call("/v1/aims/1?area=nowhere", reader, .notFound)
            try await call("/v1/dimensions/z?format=csv", reader, .notFound)
            try await call("/v1/indicators/nope", reader, .notFound)
            try await call("/v1/indicators/low_birth_weight?breakdown=looked_after", reader, .notFound)
            try await call("/v1/indicators/low_birth_weight?run=999999", reader, .notFound)
            try await call("/v1/feeds", reader, .forbidden)
            try await call("/v1/feeds/999999", admin, .notFound)
            try await call("/v1/runs", nil, .unauthorized)
            try await call("/v1/alerts?state=on", reader, .badRequest)
            try await call("/v1/alerts?aim=9&format=text", reader, .badRequest)
            try await call("/v1/alerts/events?since=yesterday", reader, .badRequest)
            try await call("/v1/alerts/events?severity=urgent&format=csv", reader, .badRequest)
            try await call("/v1/alerts?area=W99999999", reader, .notFound)
            try await call("/v1/alerts/events?indicator=nope&format=text", reader, .notFound)
            try await call("/v1/alerts", nil, .unauthorized)

            // 304 with the ETag of each cacheable representation.
            for uri in ["/v1/summary", "/v1/areas/W06000015?format=text", "/v1/indicators/low_birth_weight?format=csv"] {
                let first = try await Exchange.run(http, .get, uri, token: reader)
                let tag = try #require(first.headers[.eTag])
                try await call(uri, reader, .notModified, headers: [.ifNoneMatch: tag])
            }

            // Starting a run: reader 403, admin 201.
            for (token, expected) in [(reader, HTTPResponse.Status.forbidden), (admin, .created)] {
                let exchange = try await Exchange.run(http, .post, "/v1/runs", token: token)
                #expect(exchange.status == expected)
                exchanges.append(exchange)
            }

            // Publications, revisions and what changed: publish, withdraw, revise a published
            // value (refused, then confirmed), run, then read the audit and the changes.
            @discardableResult
            func send(_ method: HTTPRequest.Method, _ uri: String, _ token: String?, _ expected: HTTPResponse.Status,
                      body: String? = nil, contentType: String = "application/json") async throws -> Exchange {
                let exchange = try await Exchange.run(http, method, uri, token: token,
                                                      headers: body == nil ? [:] : [.contentType: contentType], body: body)
                #expect(exchange.status == expected, "\(method) \(uri): \(exchange.status) \(exchange.body.prefix(300))")
                exchanges.append(exchange)
                return exchange
            }
            let partner = try await TokenStore(client: client, logger: TestCluster.logger)
                .create(role: .partner, partner: "local_health_board", name: "lhb").0
            try await send(.post, "/v1/publications", admin, .created,
                           body: #"{"indicator": "low_birth_weight", "period": "2020", "note": "Annual report 2021"}"#)
            try await send(.post, "/v1/publications", admin, .created, body: #"{"through": "2018-19", "indicator": null}"#)
            let mistaken = try await send(.post, "/v1/publications", admin, .created,
                                          body: #"{"indicator": "smoking_in_pregnancy", "through": "2021"}"#)
            let id = try JSONValue.json(mistaken.body)["id"].flatMap(\.numberValue).map { Int64($0) }
            try await send(.delete, "/v1/publications/\(id ?? 0)?reason=in%20error", admin, .ok)
            try await send(.delete, "/v1/publications/\(id ?? 0)", admin, .notFound)
            try await send(.delete, "/v1/publications/x", admin, .badRequest)
            try await send(.delete, "/v1/publications/1?reason=a%00b", admin, .badRequest)
            try await send(.delete, "/v1/publications/1", reader, .forbidden)
            for body in ["{}", "[1]", #"{"period": "2020"}"#, #"{"indicator": "low_birth_weight", "period": "2020-21"}"#,
                         #"{"indicator": "low_birth_weight", "period": "2020", "through": "2021"}"#, #"{"through": "soon"}"#,
                         #"{"through": "2020", "note": "a\u0000b"}"#] {
                try await send(.post, "/v1/publications", admin, .badRequest, body: body)
            }
            try await send(.post, "/v1/publications", admin, .notFound, body: #"{"indicator": "nope", "period": "2020"}"#)
            try await send(.post, "/v1/publications", reader, .forbidden, body: #"{"through": "2020"}"#)
            try await send(.post, "/v1/publications", nil, .unauthorized, body: #"{"through": "2020"}"#)
            for uri in ["/v1/publications", "/v1/publications?format=text", "/v1/publications?format=csv",
                        "/v1/publications?all=true&lang=cy", "/v1/publications?all&format=text"] {
                try await call(uri, reader, .ok)
            }
            try await call("/v1/publications?all=perhaps", reader, .badRequest)
            try await call("/v1/publications", nil, .unauthorized)
            let revise = "indicator,area,period,breakdown,numerator,denominator,value,reason\n"
                + "low_birth_weight,W92000004,2020,all,1590,27343,5.82,late registrations\n"
                + "low_birth_weight,W92000004,2021,all,1597,27245,5.86,\n"
            let refused = try await send(.post, "/v1/feeds?partner=local_health_board", admin, .ok, body: revise, contentType: "text/csv")
            #expect(refused.body.contains("period_published") && refused.body.contains("\"confirmed\":false"))
            let confirmed = try await send(.post, "/v1/feeds?partner=local_health_board&confirm_revisions=true&reason=corrected",
                                           admin, .ok, body: revise + "low_birth_weight,W92000004,2022,all,1678,27432,6.12,\n",
                                           contentType: "text/csv")
            #expect(confirmed.body.contains("\"confirmed\":true"))
            try await send(.post, "/v1/runs", admin, .created)
            for uri in ["/v1/revisions", "/v1/revisions?format=text", "/v1/revisions?format=csv&lang=cy",
                        "/v1/revisions?initial=true&limit=5&since=2020-01-01", "/v1/revisions?area=W92000004&since=2020-01-01T00:00:00Z"] {
                try await call(uri, admin, .ok)
            }
            try await call("/v1/revisions?indicator=low_birth_weight&initial", partner, .ok)
            #expect(exchanges.last?.body.contains("\"published\":true") == true, "\(exchanges.last?.body.prefix(300) ?? "")")
            try await call("/v1/revisions?indicator=looked_after_rate", partner, .forbidden)
            try await call("/v1/revisions", reader, .forbidden)
            try await call("/v1/revisions", nil, .unauthorized)
            try await call("/v1/revisions?indicator=nope", admin, .notFound)
            try await call("/v1/revisions?area=W99999999&format=text", admin, .notFound)
            for uri in ["/v1/revisions?limit=0", "/v1/revisions?since=yesterday", "/v1/revisions?initial=maybe"] {
                try await call(uri, admin, .badRequest)
            }
            for uri in ["/v1/changes", "/v1/changes?format=text", "/v1/changes?format=csv", "/v1/changes?group=dimension&lang=cy",
                        "/v1/changes?area=W92000004", "/v1/changes?since_run=0&to_run=1&area=W06000015&format=text"] {
                for token in [reader, admin] { try await call(uri, token, .ok) }
            }
            #expect(exchanges.first { $0.uri == "/v1/changes" }?.body.contains("\"revised\"") == true)
            try await call("/v1/changes?to_run=999999", reader, .notFound)
            try await call("/v1/changes?area=W99999999", reader, .notFound)
            for uri in ["/v1/changes?since_run=2&to_run=1", "/v1/changes?group=area", "/v1/changes?since_run=x&format=csv"] {
                try await call(uri, reader, .badRequest)
            }
            try await call("/v1/changes", nil, .unauthorized)

            #expect(exchanges.first { $0.uri == "/v1/openapi.yaml" }?.body == OpenAPIDocument.yaml)
            let problems = exchanges.flatMap(checker.problems)
            #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
            // Every GET route was exercised with a documented JSON 200.
            let covered = Set(exchanges.filter { $0.status == .ok && $0.method == .get }.compactMap { checker.template(for: $0.path) })
            let gets = Set(Self.routes.filter { $0.hasPrefix("GET ") }.map { String($0.dropFirst(4)) })
            #expect(covered == gets, "not exercised: \(gets.subtracting(covered).sorted())")
        }
    }

    @Test("POST /v1/feeds answers conform: applied, duplicate, dry run, text, 4xx reports and errors; the feed log too")
    func feedResponses() async throws {
        let checker = SpecChecker(spec: try Self.spec())
        try await FeedRoutesTests.withApp { http, tokens in
            var exchanges: [Exchange] = []
            func post(_ body: String, _ token: String?, _ expected: HTTPResponse.Status, query: String = "",
                      contentType: String = "text/csv", accept: String? = nil) async throws {
                var headers: HTTPFields = [.contentType: contentType]
                if let accept { headers[.accept] = accept }
                let exchange = try await Exchange.run(http, .post, "/v1/feeds" + query, token: token, headers: headers, body: body)
                #expect(exchange.status == expected, "POST \(query) \(contentType): \(exchange.status) \(exchange.body.prefix(300))")
                exchanges.append(exchange)
            }
            let feed = FeedRoutesTests.feed
            let partner = tokens["partner"]
            try await post(feed, partner, .ok, query: "?file_name=lbw.csv")
            try await post(feed, partner, .ok)                                           // duplicate
            try await post(feed + "low_birth_weight,W06000013,2024,all,50,900,\n", partner, .ok, query: "?dry_run")
            try await post(feed + "low_birth_weight,W06000013,2021,all,x,900,\n", partner, .ok, accept: "text/plain")
            try await post(feed + "low_birth_weight,W06000013,2020,all,x,900,\n", partner, .unprocessableContent, query: "?strict=true")
            try await post("this is not a feed\n", partner, .unprocessableContent)                 // file_error
            let json = """
                {"observations": [{"indicator": "low_birth_weight", "area": "W06000014", "period": "2023",
                  "numerator": 40, "denominator": 800}, {"indicator": "low_birth_weight", "area": "W06000014",
                  "period": "2023-24", "numerator": 1, "denominator": 2}]}
                """
            try await post(json, partner, .ok, contentType: "application/json")                    // row error with index
            try await post(feed, tokens["other"], .forbidden)                                        // all partner_not_allowed
            // Different bytes: a re-sent refused feed is answered as a duplicate (200), not 403 again.
            try await post(feed + "low_birth_weight,W06000013,2021,all,50,900,\n", tokens["other"], .forbidden, accept: "text/plain")
            try await post(feed, tokens["reader"], .forbidden)
            try await post(feed, partner, .forbidden, query: "?partner=police")
            try await post(feed, nil, .unauthorized)
            try await post(feed, tokens["revoked"], .unauthorized, accept: "text/plain")
            try await post(feed, tokens["admin"], .badRequest)
            try await post(feed, tokens["admin"], .notFound, query: "?partner=nobody")
            try await post("x", partner, .unsupportedMediaType, contentType: "application/xml")

            // Every feed in the log, one by one.
            let log = try await Exchange.run(http, .get, "/v1/feeds", token: partner)
            let ids = try JSONValue.json(log.body).arrayValue?.compactMap { $0["id"] } ?? []
            #expect(ids.count >= 4, "\(log.body.prefix(300))")
            for case .int(let id) in ids {
                let exchange = try await Exchange.run(http, .get, "/v1/feeds/\(id)", token: partner)
                #expect(exchange.status == .ok)
                exchanges.append(exchange)
            }
            for (uri, token, expected) in [("/v1/feeds", partner, HTTPResponse.Status.ok), ("/v1/feeds", tokens["admin"], .ok),
                                           ("/v1/feeds/1", tokens["other"], .notFound), ("/v1/feeds/x", partner, .badRequest),
                                           ("/v1/feeds/1", nil, .unauthorized), ("/v1/feeds/1", tokens["reader"], .forbidden),
                                           ("/v1/runs", tokens["reader"], .ok)] {
                let exchange = try await Exchange.run(http, .get, uri, token: token)
                #expect(exchange.status == expected, "\(uri): \(exchange.status) \(exchange.body.prefix(300))")
                exchanges.append(exchange)
            }
            // The feeds with row errors list them; the one refused whole has a message.
            let details = exchanges.filter { $0.method == .get && $0.path.hasPrefix("/v1/feeds/") && $0.status == .ok }.map(\.body)
            #expect(details.contains { $0.contains("\"errors\":[{") } && details.contains { $0.contains("\"message\":") })

            let problems = exchanges.flatMap(checker.problems)
            #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
            let reports = exchanges.filter { $0.method == .post && $0.headers[.contentType] == "application/json" }.map(\.body)
            #expect(reports.contains { $0.contains("\"duplicate\"") } && reports.contains { $0.contains("\"dry_run\"") })
            #expect(reports.contains { $0.contains("\"file_error\":{") } && reports.contains { $0.contains("\"index\":2") })
        }
        try await FeedRoutesTests.withApp(maxFeedBytes: 100) { http, tokens in
            let big = FeedRoutesTests.feed + String(repeating: "low_birth_weight,W06000014,2023,all,48,910,\n", count: 10)
            let exchange = try await Exchange.run(http, .post, "/v1/feeds", token: tokens["partner"],
                                                  headers: [.contentType: "text/csv"], body: big)
            #expect(exchange.status == .contentTooLarge)
            let problems = checker.problems(exchange)
            #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        }
    }

    @Test("security as described: public operations need no token, x-outcomesd-roles are enforced, anonymous read is what it says")
    func access() async throws {
        let spec = try Self.spec()
        let checker = SpecChecker(spec: spec)
        let operations = checker.operations()
        for anonymous in [false, true] {
            try await R.withData(anonymous: anonymous) { http, tokens in
                var problems: [String] = []
                for op in operations {
                    let uri = op.path
                        .replacingOccurrences(of: "{code}", with: "W06000015").replacingOccurrences(of: "{n}", with: "1")
                        .replacingOccurrences(of: "{letter}", with: "a").replacingOccurrences(of: "{area}", with: "W06000015")
                        .replacingOccurrences(of: "{id}", with: op.path.hasPrefix("/v1/feeds") ? "1" : "low_birth_weight")
                    let method = HTTPRequest.Method(op.method.uppercased()) ?? .get
                    let body = method == .post ? FeedRoutesTests.feed : nil
                    let headers: HTTPFields = method == .post ? [.contentType: "text/csv"] : [:]
                    let security = op.operation["security"]?.arrayValue ?? []
                    let isPublic = security.isEmpty
                    let allowsAnonymous = security.contains(.object([:]))
                    let roles = Set((op.operation["x-outcomesd-roles"]?.arrayValue ?? []).compactMap(\.stringValue))
                    if !isPublic && roles.isEmpty { problems.append("\(op.method) \(op.path): no x-outcomesd-roles") }
                    if allowsAnonymous != (op.operation["x-outcomesd-anonymous-read"] == .bool(true)) {
                        problems.append("\(op.method) \(op.path): security {} and x-outcomesd-anonymous-read disagree")
                    }

                    let none = try await Exchange.run(http, method, uri, token: nil, headers: headers, body: body)
                    problems += checker.problems(none)
                    let expectAnonymousOK = isPublic || (anonymous && allowsAnonymous)
                    if expectAnonymousOK == (none.status == .unauthorized) {
                        problems.append("\(op.method) \(uri) without a token (anonymous read \(anonymous)): \(none.status)")
                    }
                    if !isPublic {
                        let asReader = try await Exchange.run(http, method, uri, token: tokens["reader"], headers: headers, body: body)
                        problems += checker.problems(asReader)
                        if roles.contains("reader") == (asReader.status == .forbidden) {
                            problems.append("\(op.method) \(uri) with a reader token: \(asReader.status)")
                        }
                    }
                }
                #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
            }
        }
    }

    // MARK: - The validator itself

    @Test("the validator rejects what it should: missing and undocumented keys, wrong types, null, enum, pattern")
    func validatorCatches() throws {
        let checker = SpecChecker(spec: try Self.spec())
        let record: JSONValue = try .json("""
            {"period":"2024","value":5.1,"lower95":4.9,"upper95":5.3,"lower998":null,"upper998":null,"numerator":51,
             "denominator":1000,"benchmark":"similar","benchmark_board":null,"trend":"no_significant_change","trend_chi2":0.5,
             "change":null,"change_relative":null,"quintile":2,"target":null,"derived":false,"stale":false,"notes":"p",
             "gap":null,"gap_significant":null}
            """)
        let schema = JSONValue.object(["$ref": .string("#/components/schemas/MeasureRecord")])
        #expect(checker.validate(record, schema, at: "$").isEmpty)
        func broken(_ change: (inout [String: JSONValue]) -> Void) -> [String] {
            var object = record.objectValue ?? [:]
            change(&object)
            return checker.validate(.object(object), schema, at: "$")
        }
        #expect(!broken { $0["notes"] = nil }.isEmpty)                       // missing required
        #expect(!broken { $0["surprise"] = .int(1) }.isEmpty)                // undocumented key
        #expect(!broken { $0["value"] = .string("5.1") }.isEmpty)            // wrong type
        #expect(!broken { $0["derived"] = .null }.isEmpty)                   // null where not nullable
        #expect(!broken { $0["derived"] = .int(0) }.isEmpty)                 // number is not boolean
        #expect(!broken { $0["quintile"] = .double(2.5) }.isEmpty)           // not an integer
        #expect(!broken { $0["quintile"] = .int(6) }.isEmpty)                // maximum
        #expect(!broken { $0["benchmark"] = .string("fine") }.isEmpty)       // enum
        #expect(!broken { $0["notes"] = .string("pq") }.isEmpty)             // pattern
        // oneOf: a row error needs exactly one of line and index.
        let rowError = JSONValue.object(["$ref": .string("#/components/schemas/RowError")])
        let base: [String: JSONValue] = ["field": .string("period"), "code": .string("x"), "message": .string("m"), "value": .string("")]
        #expect(checker.validate(.object(base.merging(["line": .int(2)]) { $1 }), rowError, at: "$").isEmpty)
        #expect(!checker.validate(.object(base), rowError, at: "$").isEmpty)
        #expect(!checker.validate(.object(base.merging(["line": .int(2), "index": .int(2)]) { $1 }), rowError, at: "$").isEmpty)
        // An undocumented status is reported.
        let teapot = Exchange(method: .get, uri: "/healthz", status: HTTPResponse.Status(code: 418), headers: [.contentType: "application/json"], body: "{}")
        #expect(!checker.problems(teapot).isEmpty)
        let unknown = Exchange(method: .get, uri: "/v1/nowhere", status: .ok, headers: [:], body: "")
        #expect(!checker.problems(unknown).isEmpty)
    }
}

// MARK: - One request and its response

struct Exchange: Sendable {
    var method: HTTPRequest.Method
    var uri: String
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var body: String

    var path: String { String(uri.prefix { $0 != "?" }) }

    static func run(_ http: any TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, token: String?,
                    headers extra: HTTPFields = [:], body: String? = nil) async throws -> Exchange {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await http.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) {
            Exchange(method: method, uri: uri, status: $0.status, headers: $0.headers, body: String(buffer: $0.body))
        }
    }
}

// MARK: - JSON values (from JSON responses and from the YAML document)

/// A JSON value that keeps booleans, integers and other numbers apart (JSONSerialization's
/// `NSNumber` does not on every platform).
enum JSONValue: Sendable, Equatable, Decodable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    struct YAMLError: Error, CustomStringConvertible {
        var description: String
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? c.decode(Int64.self) {
            self = .int(i)
        } else if let d = try? c.decode(Double.self) {
            self = .double(d)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let a = try? c.decode([JSONValue].self) {
            self = .array(a)
        } else {
            self = .object(try c.decode([String: JSONValue].self))
        }
    }

    static func json(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    /// The YAML document as JSON values, by the YAML 1.2 core schema tags Yams resolves;
    /// a duplicated mapping key is an error (a hand-written document would silently lose one).
    static func yaml(_ text: String) throws -> JSONValue {
        guard let node = try Yams.compose(yaml: text) else { throw YAMLError(description: "empty document") }
        return try from(node, at: "$")
    }

    private static func from(_ node: Node, at path: String) throws -> JSONValue {
        switch node {
        case .scalar:
            switch Tag.Name(rawValue: node.tag.rawValue) {
            case .null: return .null
            case .bool: return node.bool.map(JSONValue.bool) ?? .string(node.string ?? "")
            case .int: return node.int.map { .int(Int64($0)) } ?? .string(node.string ?? "")
            case .float: return node.float.map(JSONValue.double) ?? .string(node.string ?? "")
            default: return .string(node.string ?? "")
            }
        case .mapping(let mapping):
            var object: [String: JSONValue] = [:]
            for (key, value) in mapping {
                let name = key.string ?? ""
                guard object[name] == nil else { throw YAMLError(description: "\(path): duplicate key '\(name)'") }
                object[name] = try from(value, at: path + "/" + name)
            }
            return .object(object)
        case .sequence(let sequence):
            return .array(try sequence.enumerated().map { try from($0.element, at: path + "/\($0.offset)") })
        case .alias:
            throw YAMLError(description: "\(path): aliases are not used in the document")
        }
    }

    subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    var objectValue: [String: JSONValue]? { if case .object(let o) = self { return o }; return nil }
    var arrayValue: [JSONValue]? { if case .array(let a) = self { return a }; return nil }
    var stringValue: String? { if case .string(let s) = self { return s }; return nil }
    var numberValue: Double? {
        switch self {
        case .int(let i): Double(i)
        case .double(let d): d
        default: nil
        }
    }

    /// The JSON Schema type names this value has ("integer" values are "number"s too).
    var typeNames: Set<String> {
        switch self {
        case .null: ["null"]
        case .bool: ["boolean"]
        case .int: ["integer", "number"]
        case .double(let d): d.rounded() == d && abs(d) < 9.0e15 ? ["integer", "number"] : ["number"]
        case .string: ["string"]
        case .array: ["array"]
        case .object: ["object"]
        }
    }
}

// MARK: - Checking a response against the document

struct SpecChecker: Sendable {
    let spec: JSONValue

    static let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]
    /// Schema keywords this checker enforces, and those that only annotate.
    static let validating: Set<String> = ["$ref", "type", "enum", "const", "pattern", "minimum", "maximum", "minItems", "maxItems",
                                          "properties", "required", "additionalProperties", "items", "oneOf", "anyOf", "allOf"]
    static let annotating: Set<String> = ["description", "format", "examples", "default", "title"]

    struct Operation: Sendable {
        var path: String
        var method: String
        var operation: JSONValue
    }

    func operations() -> [Operation] {
        var out: [Operation] = []
        for (path, item) in spec["paths"]?.objectValue ?? [:] {
            for (method, operation) in item.objectValue ?? [:] where Self.methods.contains(method) {
                out.append(Operation(path: path, method: method, operation: operation))
            }
        }
        return out.sorted { ($0.path, $0.method) < ($1.path, $1.method) }
    }

    /// The path template (`/v1/areas/{code}`) a concrete path matches.
    func template(for path: String) -> String? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        let templates = (spec["paths"]?.objectValue ?? [:]).keys.sorted()
        // Literal segments win over parameters, as in the router.
        let matches = templates.filter { template in
            let parts = template.split(separator: "/", omittingEmptySubsequences: true)
            return parts.count == segments.count && zip(parts, segments).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
        }
        return matches.min { $0.filter { $0 == "{" }.count < $1.filter { $0 == "{" }.count }
    }

    /// `#/components/...` resolved.
    func resolve(_ ref: String) -> JSONValue? {
        guard ref.hasPrefix("#/") else { return nil }
        var node: JSONValue? = spec
        for part in ref.dropFirst(2).split(separator: "/") {
            let key = part.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            node = node?[key]
        }
        return node
    }

    /// An object with a `$ref` followed to what it finally names: a shared response may itself be
    /// another one described (`NotFound` is `Error`). Nil when a reference does not resolve, or after
    /// eight steps (a cycle). A `description` beside a `$ref` is not merged in (nothing here reads it).
    func deref(_ value: JSONValue?) -> JSONValue? {
        var node = value
        for _ in 0..<8 {
            guard let ref = node?["$ref"]?.stringValue else { return node }
            node = resolve(ref)
        }
        return nil
    }

    // MARK: Responses

    /// What is wrong with this exchange according to the document (empty when it conforms).
    func problems(_ exchange: Exchange) -> [String] {
        let where_ = "\(exchange.method) \(exchange.uri) → \(exchange.status.code)"
        guard let template = template(for: exchange.path) else { return ["\(where_): path not described"] }
        guard let operation = spec["paths"]?[template]?[exchange.method.rawValue.lowercased()] else {
            return ["\(where_): method not described for \(template)"]
        }
        guard let response = deref(operation["responses"]?[String(exchange.status.code)] ?? operation["responses"]?["default"]) else {
            return ["\(where_): status not documented"]
        }
        var problems: [String] = []
        for (name, header) in response["headers"]?.objectValue ?? [:] {
            guard let header = deref(header) else { problems.append("\(where_): header \(name) does not resolve"); continue }
            let value = exchange.headers.first { $0.name.canonicalName == name.lowercased() }?.value
            if header["required"] == .bool(true) && value == nil { problems.append("\(where_): required header \(name) missing") }
            if let value, let schema = header["schema"] {
                let typed: JSONValue = schema["type"] == .string("integer") ? (Int64(value).map(JSONValue.int) ?? .string(value)) : .string(value)
                problems += validate(typed, schema, at: "\(where_) header \(name)")
            }
        }
        let content = response["content"]?.objectValue ?? [:]
        if exchange.body.isEmpty && content.isEmpty { return problems }
        if content.isEmpty { return problems + ["\(where_): a body where none is documented"] }
        let mediaType = (exchange.headers[.contentType] ?? "").split(separator: ";").first.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        } ?? ""
        guard let media = content[mediaType] else {
            return problems + ["\(where_): media type '\(mediaType)' not documented (documented: \(content.keys.sorted()))"]
        }
        guard let schema = media["schema"] else { return problems }
        if mediaType == "application/json" {
            do {
                problems += validate(try JSONValue.json(exchange.body), schema, at: "\(where_) $")
            } catch {
                problems.append("\(where_): body is not JSON: \(exchange.body.prefix(200))")
            }
        } else {
            problems += validate(.string(exchange.body), schema, at: "\(where_) body")
        }
        return problems
    }

    // MARK: Schemas

    /// Problems with `value` against `schema` (empty when valid). Properties not listed under
    /// `properties` are problems unless `additionalProperties` allows them.
    func validate(_ value: JSONValue, _ schema: JSONValue, at path: String, depth: Int = 0) -> [String] {
        guard depth < 64 else { return ["\(path): schema nests too deep (a $ref cycle?)"] }
        guard let s = schema.objectValue else { return ["\(path): schema is not an object"] }
        var problems: [String] = []
        if let ref = s["$ref"]?.stringValue {
            guard let target = resolve(ref) else { return ["\(path): unresolved \(ref)"] }
            problems += validate(value, target, at: path, depth: depth + 1)
        }
        if let type = s["type"] {
            let allowed = Set(type.arrayValue?.compactMap(\.stringValue) ?? type.stringValue.map { [$0] } ?? [])
            if allowed.isDisjoint(with: value.typeNames) {
                return problems + ["\(path): \(Self.describe(value)) is not of type \(allowed.sorted().joined(separator: "|"))"]
            }
        }
        if let options = s["enum"]?.arrayValue, !options.contains(where: { Self.same($0, value) }) {
            problems.append("\(path): \(Self.describe(value)) is not one of the enum")
        }
        if let constant = s["const"], !Self.same(constant, value) { problems.append("\(path): \(Self.describe(value)) is not the const") }
        if let pattern = s["pattern"]?.stringValue, let string = value.stringValue {
            if string.range(of: pattern, options: .regularExpression) == nil {
                problems.append("\(path): '\(string.prefix(80))' does not match \(pattern)")
            }
        }
        if let number = value.numberValue {
            if let minimum = s["minimum"]?.numberValue, number < minimum { problems.append("\(path): \(number) < \(minimum)") }
            if let maximum = s["maximum"]?.numberValue, number > maximum { problems.append("\(path): \(number) > \(maximum)") }
        }
        if case .array(let items) = value {
            if let min = s["minItems"]?.numberValue, Double(items.count) < min { problems.append("\(path): fewer than \(min) items") }
            if let max = s["maxItems"]?.numberValue, Double(items.count) > max { problems.append("\(path): more than \(max) items") }
            if let itemSchema = s["items"] {
                for (i, item) in items.enumerated() { problems += validate(item, itemSchema, at: "\(path)[\(i)]", depth: depth + 1) }
            }
        }
        if case .object(let object) = value {
            for key in s["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where object[key] == nil {
                problems.append("\(path): required key '\(key)' missing")
            }
            if let properties = s["properties"]?.objectValue {
                for (key, member) in object.sorted(by: { $0.key < $1.key }) {
                    if let propertySchema = properties[key] {
                        problems += validate(member, propertySchema, at: "\(path).\(key)", depth: depth + 1)
                    } else if let extra = s["additionalProperties"], extra != .bool(false) {
                        if extra != .bool(true) { problems += validate(member, extra, at: "\(path).\(key)", depth: depth + 1) }
                    } else {
                        problems.append("\(path): undocumented key '\(key)'")
                    }
                }
            }
        }
        if let all = s["allOf"]?.arrayValue {
            for (i, sub) in all.enumerated() { problems += validate(value, sub, at: "\(path) (allOf \(i))", depth: depth + 1) }
        }
        if let any = s["anyOf"]?.arrayValue {
            let results = any.map { validate(value, $0, at: path, depth: depth + 1) }
            if !results.contains(where: \.isEmpty) {
                problems.append("\(path): matches none of anyOf: \(results.map { $0.first ?? "" }.joined(separator: "; "))")
            }
        }
        if let one = s["oneOf"]?.arrayValue {
            let results = one.map { validate(value, $0, at: path, depth: depth + 1) }
            let matching = results.filter(\.isEmpty).count
            if matching != 1 {
                problems.append("\(path): matches \(matching) of oneOf, not exactly one: \(results.map { $0.first ?? "ok" }.joined(separator: "; "))")
            }
        }
        return problems
    }

    static func same(_ a: JSONValue, _ b: JSONValue) -> Bool {
        if let x = a.numberValue, let y = b.numberValue { return x == y }
        return a == b
    }

    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let b): "\(b)"
        case .int(let i): "\(i)"
        case .double(let d): "\(d)"
        case .string(let s): "'\(s.prefix(60))'"
        case .array(let a): "an array of \(a.count)"
        case .object: "an object"
        }
    }

    // MARK: The document itself

    /// References that do not resolve, undeclared path parameters, operations without
    /// responses, security or operationId, and schema keywords this checker would ignore.
    func documentProblems() -> [String] {
        var problems: [String] = []
        func walk(_ value: JSONValue, _ path: String) {
            switch value {
            case .object(let o):
                if let ref = o["$ref"]?.stringValue, resolve(ref) == nil { problems.append("\(path): unresolved \(ref)") }
                for (k, v) in o { walk(v, path + "/" + k) }
            case .array(let a):
                for (i, v) in a.enumerated() { walk(v, path + "/\(i)") }
            default: break
            }
        }
        walk(spec, "#")

        let schemes = Set((spec["components"]?["securitySchemes"]?.objectValue ?? [:]).keys)
        var operationIDs: [String] = []
        for op in operations() {
            let name = "\(op.method.uppercased()) \(op.path)"
            guard let id = op.operation["operationId"]?.stringValue else { problems.append("\(name): no operationId"); continue }
            operationIDs.append(id)
            if (op.operation["responses"]?.objectValue ?? [:]).isEmpty { problems.append("\(name): no responses") }
            guard let security = op.operation["security"]?.arrayValue else { problems.append("\(name): security not stated"); continue }
            for requirement in security {
                for scheme in (requirement.objectValue ?? [:]).keys where !schemes.contains(scheme) {
                    problems.append("\(name): unknown security scheme \(scheme)")
                }
            }
            let parameters = (op.operation["parameters"]?.arrayValue ?? []).compactMap { deref($0) }
            let declared = Set(parameters.filter { $0["in"] == .string("path") && $0["required"] == .bool(true) }.compactMap { $0["name"]?.stringValue })
            let inPath = Set(op.path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) })
            if declared != inPath { problems.append("\(name): path parameters \(inPath.sorted()) declared as \(declared.sorted())") }
            for parameter in parameters where parameter["schema"] == nil { problems.append("\(name): parameter without schema") }
            for (status, response) in op.operation["responses"]?.objectValue ?? [:] {
                if Int(status) == nil && status != "default" { problems.append("\(name): response key \(status)") }
                if deref(response)?["description"]?.stringValue == nil { problems.append("\(name) \(status): no description") }
            }
        }
        if Set(operationIDs).count != operationIDs.count { problems.append("operationIds are not unique") }

        // Every schema only uses keywords the checker enforces or that only annotate.
        func keywords(_ schema: JSONValue, _ path: String) {
            guard let o = schema.objectValue else { problems.append("\(path): schema is not an object"); return }
            for key in o.keys where !Self.validating.contains(key) && !Self.annotating.contains(key) {
                problems.append("\(path): schema keyword '\(key)' is not checked")
            }
            for (k, v) in o["properties"]?.objectValue ?? [:] { keywords(v, path + "/properties/" + k) }
            if let items = o["items"] { keywords(items, path + "/items") }
            if let extra = o["additionalProperties"], extra.objectValue != nil { keywords(extra, path + "/additionalProperties") }
            for combinator in ["oneOf", "anyOf", "allOf"] {
                for (i, v) in (o[combinator]?.arrayValue ?? []).enumerated() { keywords(v, "\(path)/\(combinator)/\(i)") }
            }
        }
        func schemas(_ value: JSONValue, _ path: String) {
            switch value {
            case .object(let o):
                for (k, v) in o {
                    if k == "schema" { keywords(v, path + "/schema") } else { schemas(v, path + "/" + k) }
                }
            case .array(let a):
                for (i, v) in a.enumerated() { schemas(v, path + "/\(i)") }
            default: break
            }
        }
        for (name, schema) in spec["components"]?["schemas"]?.objectValue ?? [:] { keywords(schema, "#/components/schemas/" + name) }
        schemas(spec["paths"] ?? .null, "#/paths")
        for part in ["parameters", "responses", "headers"] { schemas(spec["components"]?[part] ?? .null, "#/components/" + part) }
        return problems
    }
}
