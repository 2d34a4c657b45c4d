import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import OutcomesCore
import OutcomesServer
import OutcomesStore
import OutcomesTestSupport
import PostgresNIO

/// `GET /metrics` through the real router and a real PostgreSQL. Each test's context has its own
/// registry (``ServerMetrics``), so the values read are this test's alone.
@Suite("GET /metrics through the real router")
struct MetricsRouteTests {
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// A router-level client on a fresh migrated database (no scheduler: the test starts the run),
    /// with a partner (local_health_board), reader and admin token.
    static func withApp(requireToken: Bool = false,
                        _ body: @Sendable @escaping (any TestClientProtocol, [String: String], PostgresClient) async throws -> Void) async throws {
        let target = try await TestCluster.shared.newDatabase()
        let client = PostgresClient(configuration: .init(target: target), backgroundLogger: TestCluster.logger)
        var context = ServerContext(client: client, catalogue: try TestCluster.realCatalogue(),
                                    listen: .init(host: "127.0.0.1", port: 0), logger: TestCluster.logger)
        context.computeEnabled = false
        context.metricsRequireToken = requireToken
        try await buildApplication(context).test(.router) { http in
            let store = TokenStore(client: client, logger: TestCluster.logger)
            let tokens = ["partner": try await store.create(role: .partner, partner: "local_health_board", name: "lhb").0,
                          "reader": try await store.create(role: .reader, partner: nil, name: "rg").0,
                          "admin": try await store.create(role: .admin, partner: nil, name: "admin").0]
            try await body(http, tokens, client)
        }
    }

    static func scrape(_ http: any TestClientProtocol, token: String? = nil) async throws -> (HTTPResponse.Status, HTTPFields, String) {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await http.execute(uri: "/metrics", method: .get, headers: headers) { ($0.status, $0.headers, String(buffer: $0.body)) }
    }

    @Test("a feed posted and a run started through the router show in the feed and row counters and the run gauges")
    func feedAndRun() async throws {
        try await Self.withApp { http, tokens, _ in
            let lhb = ["partner": "local_health_board"]
            // Before anything: the series exist at 0.
            let (status0, headers0, text0) = try await Self.scrape(http)
            #expect(status0 == .ok && headers0[.contentType] == Self.contentType)
            let before = try Exposition(text0)
            #expect(before.value("outcomesd_feeds_total", lhb.merging(["outcome": "applied"]) { a, _ in a }) == 0)
            #expect(before.value("outcomesd_run_last_success_timestamp_seconds") == nil, "no run yet")

            // One feed of two rows, the same bytes again (a duplicate), and one with a bad row.
            #expect(try await FeedRoutesTests.post(http, token: tokens["partner"], body: FeedRoutesTests.feed).0 == .ok)
            #expect(try await FeedRoutesTests.post(http, token: tokens["partner"], body: FeedRoutesTests.feed).0 == .ok)
            let partial = FeedRoutesTests.feed + "low_birth_weight,W06000013,2021,all,x,900,\nlow_birth_weight,W06000013,2020,all,40,900,\n"
            #expect(try await FeedRoutesTests.post(http, token: tokens["partner"], body: partial).0 == .ok)

            let startedAt = Date().timeIntervalSince1970
            let (runStatus, runBody) = try await http.execute(uri: "/v1/runs", method: .post,
                                                              headers: [.authorization: "Bearer \(tokens["admin"] ?? "")"]) {
                ($0.status, String(buffer: $0.body))
            }
            #expect(runStatus == .created)
            let report = try #require(try JSONSerialization.jsonObject(with: Data(runBody.utf8)) as? [String: Any])
            let observations = try #require(report["observations"] as? Int)
            let measures = try #require(report["measures"] as? Int)
            #expect(observations == 3 && measures > 0)

            let (status, headers, text) = try await Self.scrape(http)
            #expect(status == .ok && headers[.contentType] == Self.contentType)
            let m = try Exposition(text)
            func feeds(_ outcome: String) -> Double? { m.value("outcomesd_feeds_total", ["partner": "local_health_board", "outcome": outcome]) }
            func rows(_ outcome: String) -> Double? { m.value("outcomesd_feed_rows_total", ["partner": "local_health_board", "outcome": outcome]) }
            #expect(feeds("applied") == 2 && feeds("duplicate") == 1 && feeds("rejected") == 0 && feeds("dry_run") == 0)
            // First feed: 2 inserted. Third: its 2 old rows unchanged, 1 new inserted, 1 rejected.
            #expect(rows("inserted") == 3 && rows("unchanged") == 2 && rows("updated") == 0 && rows("rejected") == 1)
            #expect(m.value("outcomesd_feeds_total", ["partner": "police", "outcome": "applied"]) == 0)

            #expect(m.value("outcomesd_runs_total", ["trigger": "api", "outcome": "finished"]) == 1)
            #expect(m.value("outcomesd_runs_total", ["trigger": "api", "outcome": "failed"]) == 0)
            #expect(m.value("outcomesd_run_duration_seconds_count", ["trigger": "api"]) == 1)
            #expect(m.value("outcomesd_run_observations") == Double(observations))
            #expect(m.value("outcomesd_run_measures") == Double(measures))
            let finished = try #require(m.value("outcomesd_run_last_success_timestamp_seconds"))
            #expect(finished >= startedAt - 1 && finished <= Date().timeIntervalSince1970 + 1)
            #expect((m.value("outcomesd_run_last_duration_seconds") ?? -1) >= 0)

            #expect(m.value("outcomesd_database_up") == 1)
            for state in ["inactive", "pending", "firing", "resolved"] {
                #expect(m.value("outcomesd_alerts", ["state": state]) != nil, "alerts in state \(state)")
            }
            #expect(m.value("outcomesd_alert_outbox_depth", ["sink": "journal"]) != nil)
            #expect(m.value("outcomesd_alert_delivery_failures_total", ["sink": "journal"]) == 0)
            #expect(m.value("outcomesd_embedded_cluster_up") == nil, "no embedded cluster in this context")
            // Every family is typed and described.
            #expect(m.undescribed.isEmpty, "families without HELP or TYPE: \(m.undescribed)")
        }
    }

    @Test("with metrics.require_token: 401 without a token, 403 for a partner, 200 for a reader or admin")
    func requireToken() async throws {
        try await Self.withApp(requireToken: true) { http, tokens, _ in
            #expect(try await Self.scrape(http).0 == .unauthorized)
            #expect(try await Self.scrape(http, token: tokens["partner"]).0 == .forbidden)
            #expect(try await Self.scrape(http, token: tokens["reader"]).0 == .ok)
            let (status, headers, text) = try await Self.scrape(http, token: tokens["admin"])
            #expect(status == .ok && headers[.contentType] == Self.contentType && text.contains("outcomesd_database_up 1"))
        }
    }

    @Test("an unreachable database: still 200 without waiting for the pool, outcomesd_database_up 0, the counters still there",
          .timeLimit(.minutes(1)))
    func databaseDown() async throws {
        let target = DatabaseTarget(host: "/nonexistent-outcomesd-socket", port: 5432, user: "x", database: "x", sslMode: .disable)
        let client = PostgresClient(configuration: .init(target: target), backgroundLogger: TestCluster.logger)
        let context = ServerContext(client: client, catalogue: try TestCluster.realCatalogue(),
                                    listen: .init(host: "127.0.0.1", port: 0), logger: TestCluster.logger)
        let app = Application(router: buildRouter(context), services: [client], logger: TestCluster.logger)
        try await app.test(.router) { http in
            for _ in 0..<2 {
                let started = ContinuousClock.now
                let (status, _, text) = try await Self.scrape(http)
                // Bounded by the scrape's own 2 s database limit, not by the pool's wait for a
                // connection (a minute before it fails fast); generous for a loaded machine.
                #expect(ContinuousClock.now - started < .seconds(30))
                #expect(status == .ok)
                let m = try Exposition(text)
                #expect(m.value("outcomesd_database_up") == 0)
                #expect(m.value("outcomesd_feeds_total", ["partner": "local_health_board", "outcome": "applied"]) == 0)
                #expect(m.value("outcomesd_run_measures") == nil, "nothing known from the database")
            }
        }
    }
}

/// A Prometheus text exposition, parsed enough to read values back.
struct Exposition {
    struct ParseError: Error, CustomStringConvertible {
        var line: String
        var description: String { "not a sample line: \(line)" }
    }

    /// Samples by name and label set.
    var samples: [String: [[String: String]: Double]] = [:]
    /// Families (by name) that have a `# TYPE` and a `# HELP` line.
    var typed: Set<String> = [], described: Set<String> = []

    init(_ text: String) throws {
        for line in text.split(separator: "\n").map(String.init) {
            if line.hasPrefix("# TYPE ") { typed.insert(String(line.split(separator: " ")[2])); continue }
            if line.hasPrefix("# HELP ") { described.insert(String(line.split(separator: " ")[2])); continue }
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { throw ParseError(line: line) }
            let series = line[..<space]
            var labels: [String: String] = [:]
            let name: String
            if let brace = series.firstIndex(of: "{") {
                name = String(series[..<brace])
                // Label values here hold no `"` or `,`.
                for pair in series[series.index(after: brace)..<series.index(before: series.endIndex)].split(separator: ",") {
                    let parts = pair.split(separator: "=", maxSplits: 1)
                    guard parts.count == 2 else { throw ParseError(line: line) }
                    labels[String(parts[0])] = String(parts[1].dropFirst().dropLast())
                }
            } else {
                name = String(series)
            }
            samples[name, default: [:]][labels] = value
        }
    }

    func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        samples[name]?[labels]
    }

    /// Sample names whose family lacks HELP or TYPE (a histogram's family is its name without the suffix).
    var undescribed: [String] {
        samples.keys.filter { name in
            let family = ["_bucket", "_sum", "_count"].first { name.hasSuffix($0) && typed.contains(String(name.dropLast($0.count))) }
                .map { String(name.dropLast($0.count)) } ?? name
            return !typed.contains(family) || !described.contains(family)
        }.sorted()
    }
}
