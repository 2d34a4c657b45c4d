import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import OutcomesCore
@testable import OutcomesServer
import OutcomesStore
import OutcomesTestSupport
import PostgresNIO

@Suite("Failed authentications are limited per client address (issue 14)")
struct AuthFailureLimiterTests {
    @Test("past the burst a failure is refused with Retry-After until the bucket refills")
    func burstThenRefill() {
        var limiter = AuthFailureLimiter(settings: .init(burst: 3, perSecond: 1, addresses: 10))
        #expect((0..<3).map { _ in limiter.fail("a", now: 0) } == [nil, nil, nil])
        #expect(limiter.fail("a", now: 0) == 1)
        #expect(limiter.fail("a", now: 0.5) == 1, "half a failure refilled: still one second to wait")
        #expect(limiter.fail("a", now: 1.5) == nil, "one refilled at 1.5 s")
        #expect(limiter.fail("a", now: 1.5) == 1)
        #expect(limiter.fail("b", now: 1.5) == nil, "another address has its own bucket")
        #expect((0..<3).map { _ in limiter.fail("a", now: 100) } == [nil, nil, nil], "a bucket refills to the burst, no more")
        #expect(limiter.fail("a", now: 100) == 1)
    }

    @Test("the wait is how long one failure takes to refill")
    func retryAfter() {
        var limiter = AuthFailureLimiter(settings: .init(burst: 1, perSecond: 0.1, addresses: 10))
        #expect(limiter.fail("a", now: 0) == nil)
        #expect(limiter.fail("a", now: 0) == 10)
        #expect(limiter.fail("a", now: 4) == 6)
        var never = AuthFailureLimiter(settings: .init(burst: 0, perSecond: 1, addresses: 10))
        #expect(never.fail("a", now: 0) == 1, "a burst of 0 refuses every failure")
    }

    @Test("memory is bounded: refilled buckets go first, then the longest untouched")
    func bounded() {
        var limiter = AuthFailureLimiter(settings: .init(burst: 2, perSecond: 1, addresses: 4))
        for (i, address) in ["a", "b", "c", "d"].enumerated() { _ = limiter.fail(address, now: Double(i)) }
        #expect(limiter.tracked == 4)
        // At 10 s every bucket refilled: all are forgotten for the new one.
        _ = limiter.fail("e", now: 10)
        #expect(limiter.tracked == 1)
        for address in ["f", "g", "h"] { _ = limiter.fail(address, now: 10); _ = limiter.fail(address, now: 10) }
        #expect(limiter.tracked == 4)
        // None refilled: the older half stays (the newest two), plus the new one.
        _ = limiter.fail("i", now: 10.1)
        #expect(limiter.tracked <= 4)
        for address in 0..<1000 { _ = limiter.fail("x\(address)", now: 11) }
        #expect(limiter.tracked <= 4)
    }

    @Test("a bearer token is read byte by byte as before: scheme in any case, blanks trimmed")
    func bearerToken() {
        #expect(BearerAuth.bearerToken("Bearer od_abc") == "od_abc")
        #expect(BearerAuth.bearerToken("bEaReR \t od_abc \t") == "od_abc")
        #expect(BearerAuth.bearerToken("Bearer ") == "")
        #expect(BearerAuth.bearerToken("Bearer") == nil)
        #expect(BearerAuth.bearerToken("Basic b2RfYWJj") == nil)
        #expect(BearerAuth.bearerToken("Bearerod_abc") == nil)
        #expect(BearerAuth.bearerToken("Bearer \u{00A0}od_abc\u{00A0}") == "od_abc", "non-ASCII blanks as Foundation trims them")
        #expect(BearerAuth.bearerToken("Bearer od_é") == "od_é")
        var two: HTTPFields = [:]
        two.append(HTTPField(name: .authorization, value: "Bearer od_a"))
        two.append(HTTPField(name: .authorization, value: "Bearer od_b"))
        #expect(BearerAuth.authorization(two) == "Bearer od_a, Bearer od_b", "several fields are one value, as before")
        #expect(BearerAuth.authorization([.authorization: "Bearer od_a"]) == "Bearer od_a")
        #expect(BearerAuth.authorization([:]) == nil)
    }

    @Test("cached tokens are compared in full")
    func sameToken() {
        #expect(PrincipalCache.sameToken("od_abc", "od_abc"))
        #expect(!PrincipalCache.sameToken("od_abc", "od_abd"))
        #expect(!PrincipalCache.sameToken("od_abc", "od_ab"))
        #expect(!PrincipalCache.sameToken("", "od_a"))
    }

    @Test("the 21st bad token from one address is 429 with Retry-After; another address still gets 401")
    func router() async throws {
        let target = try await TestCluster.shared.newDatabase()
        let client = PostgresClient(configuration: .init(target: target), backgroundLogger: TestCluster.logger)
        var context = ServerContext(client: client, catalogue: try TestCluster.realCatalogue(),
                                    listen: .init(host: "127.0.0.1", port: 0), logger: TestCluster.logger)
        // The default 20, refilled so slowly that a loaded machine's slow requests refill nothing.
        context.authFailuresPerSecond = 0.01
        try await buildApplication(context).test(.router) { http in
            // Router tests have no socket: the address ClientAddress would put on the request is set here.
            func get(from address: String, token: String?) async throws -> (HTTPResponse.Status, HTTPFields, String) {
                var headers: HTTPFields = [ClientAddress.field: address]
                if let token { headers[.authorization] = "Bearer \(token)" }
                return try await http.execute(uri: "/v1/summary", method: .get, headers: headers) {
                    ($0.status, $0.headers, String(buffer: $0.body))
                }
            }
            let started = ContinuousClock.now
            for i in 1...20 {
                let (status, headers, _) = try await get(from: "192.0.2.1", token: i % 2 == 0 ? "od_wrong\(i)" : nil)
                #expect(status == .unauthorized && headers[.wwwAuthenticate] != nil, "failure \(i)")
            }
            let (status, headers, body) = try await get(from: "192.0.2.1", token: "od_wrong21")
            // One failure refills in 100 s, less what refilled while the 21 requests were made
            // (a loaded machine may take seconds over them): the bound is the time measured.
            let elapsed = Int((ContinuousClock.now - started).components.seconds) + 1
            #expect(status == .tooManyRequests)
            #expect(headers[.retryAfter].flatMap { Int($0) }.map { (100 - elapsed - 1...100).contains($0) } == true,
                    "Retry-After \(headers[.retryAfter] ?? "none") after \(elapsed) s: one failure refills in 100 s")
            #expect(body.contains("too many failed authentications"))
            let (other, _, _) = try await get(from: "192.0.2.2", token: "od_wrong")
            #expect(other == .unauthorized)
            // A good token from the limited address is not limited.
            let token = try await TokenStore(client: client, logger: TestCluster.logger).create(role: .reader, partner: nil, name: "r").0
            let (good, _, _) = try await get(from: "192.0.2.1", token: token)
            #expect(good != .tooManyRequests && good != .unauthorized, "\(good)")
        }
    }

    @Test("behind a trusted proxy the client is the last address of X-Forwarded-For")
    func proxy() async throws {
        #expect(ClientAddress.normalized(["0:0::1", "127.0.0.1", "not an address"]) == ["::1", "127.0.0.1", "not an address"])
        let target = try await TestCluster.shared.newDatabase()
        let client = PostgresClient(configuration: .init(target: target), backgroundLogger: TestCluster.logger)
        var context = ServerContext(client: client, catalogue: try TestCluster.realCatalogue(),
                                    listen: .init(host: "127.0.0.1", port: 0), logger: TestCluster.logger)
        context.authFailureBurst = 1
        context.authFailuresPerSecond = 0.01
        context.trustedProxies = ["127.0.0.1"]
        try await buildApplication(context).test(.live) { http in
            func status(forwardedFor: String) async throws -> HTTPResponse.Status {
                let headers: HTTPFields = [ClientAddress.forwardedFor: forwardedFor, .authorization: "Bearer od_wrong"]
                return try await http.execute(uri: "/v1/summary", method: .get, headers: headers) { $0.status }
            }
            let first = try await status(forwardedFor: "203.0.113.1")
            let again = try await status(forwardedFor: "198.51.100.9, 203.0.113.1")
            let other = try await status(forwardedFor: "203.0.113.2")
            #expect(first == .unauthorized)
            #expect(again == .tooManyRequests, "the proxy's (last) address counts")
            #expect(other == .unauthorized)
        }
    }

    @Test("over a socket the address is the peer's: a client naming another address in the header does not escape the limit")
    func live() async throws {
        let target = try await TestCluster.shared.newDatabase()
        let client = PostgresClient(configuration: .init(target: target), backgroundLogger: TestCluster.logger)
        var context = ServerContext(client: client, catalogue: try TestCluster.realCatalogue(),
                                    listen: .init(host: "127.0.0.1", port: 0), logger: TestCluster.logger)
        context.authFailureBurst = 3
        context.authFailuresPerSecond = 0.01
        try await buildApplication(context).test(.live) { http in
            var statuses: [HTTPResponse.Status] = []
            for i in 1...4 {
                let headers: HTTPFields = [ClientAddress.field: "198.51.100.\(i)", ClientAddress.forwardedFor: "203.0.113.\(i)",
                                           .authorization: "Bearer od_wrong"]
                statuses.append(try await http.execute(uri: "/v1/summary", method: .get, headers: headers) { $0.status })
            }
            #expect(statuses == [.unauthorized, .unauthorized, .unauthorized, .tooManyRequests])
        }
    }
}
