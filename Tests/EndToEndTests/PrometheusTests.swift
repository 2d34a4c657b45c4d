import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Glibc
import OutcomesTestSupport
import Testing

/// `GET /metrics` of the real binary, scraped by a real Prometheus (Debian's `prometheus`) on
/// loopback every second, and checked by `promtool check metrics`. Children are spawned with
/// posix_spawn and reaped with waitpid (Foundation's `Process` waits hang here), their output goes
/// to files or /dev/null (never a pipe the test holds), and they are killed with SIGKILL (they
/// inherit the test process's ignored SIGTERM).
@Suite("Prometheus scrapes /metrics")
struct PrometheusTests {
    static let catalogue = TestCluster.repositoryRoot + "/Indicators"

    static var prometheus: String? {
        ["/usr/bin/prometheus"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static var promtool: String? {
        ["/usr/bin/promtool"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Spawns `argv` with stdin from `input` (else /dev/null) and stdout and stderr to `output`.
    static func spawn(_ argv: [String], input: String = "/dev/null", output: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, input, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var pid: pid_t = 0
        let cArgv = argv.map { strdup($0) } + [nil]
        let cEnvp = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (cArgv + cEnvp).forEach { free($0) } }
        let rc = posix_spawn(&pid, argv[0], &actions, nil, cArgv, cEnvp)
        guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EIO) }
        return pid
    }

    /// SIGKILL and reap (a no-op for a child already reaped).
    static func kill9(_ pid: pid_t) {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
    }

    /// GET on loopback: status and body, or nil when nothing answers.
    static func get(_ url: String) async -> (Int, String)? {
        guard let url = URL(string: url) else { return nil }
        var request = URLRequest(url: url)
        request.timeoutInterval = 5
        guard let (data, response) = try? await URLSession.shared.data(for: request),
              let status = (response as? HTTPURLResponse)?.statusCode else { return nil }
        return (status, String(decoding: data, as: UTF8.self))
    }

    /// The value of the first series Prometheus' query API returns for `query`, or nil when the
    /// result is empty (not scraped yet) or Prometheus does not answer.
    static func query(_ base: String, _ query: String) async -> Double? {
        let escaped = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? query
        guard let (status, body) = await get("\(base)/api/v1/query?query=\(escaped)"), status == 200,
              let json = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any],
              let data = json["data"] as? [String: Any], let result = data["result"] as? [[String: Any]],
              let value = result.first?["value"] as? [Any], value.count == 2, let text = value[1] as? String else { return nil }
        return Double(text)
    }

    /// Asks `query` until it returns a value satisfying `accept` (see ``eventually``), up to
    /// `seconds`; the last value seen either way.
    static func wait(_ base: String, _ query: String, seconds: Double, _ accept: (Double) -> Bool = { _ in true }) async -> Double? {
        var last: Double?
        _ = await eventually(seconds: seconds) {
            last = await Self.query(base, query)
            return last.map(accept) ?? false
        }
        return last
    }

    @Test("Prometheus on loopback scrapes the daemon every second; its query API returns the daemon's series; promtool finds nothing",
          .enabled(if: prometheus != nil && promtool != nil,
                   "prometheus/promtool are not installed (Debian package prometheus; scripts/install-deps installs it)"),
          .timeLimit(.minutes(5)))
    func scrapedByPrometheus() async throws {
        let prometheus = try #require(Self.prometheus), promtool = try #require(Self.promtool)
        let root = try DaemonProcess.tempFolder("prometheus")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let state = root + "/state", log = root + "/serve.log"
        let port = DaemonProcess.freePort()
        try "compute:\n  debounce_seconds: 0\n".write(toFile: root + "/outcomesd.yaml", atomically: true, encoding: .utf8)
        let daemon = try SystemdTests.spawn(["serve", "--state-dir", state, "--catalogue", Self.catalogue, "--listen", "127.0.0.1:\(port)",
                                             "--config", root + "/outcomesd.yaml"], environment: [:], log: log)
        defer { Self.kill9(daemon) }
        #expect(await DaemonProcess.waitReady(port: port, seconds: 90), "log: \(((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").suffix(2000))")

        // One feed through the spool, so the feed counters move.
        let feed = "indicator,area,period,numerator,denominator\nlow_birth_weight,W06000013,2023,70,1000\nlow_birth_weight,W06000013,2024,x,1000\n"
        try SpoolTests.drop(feed, state: state, partner: "local_health_board", name: "lbw.csv")

        let promPort = DaemonProcess.freePort()
        try """
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: outcomesd
                static_configs:
                  - targets: ['127.0.0.1:\(port)']
            """.write(toFile: root + "/prometheus.yml", atomically: true, encoding: .utf8)
        let scraper = try Self.spawn([prometheus, "--config.file=\(root)/prometheus.yml", "--storage.tsdb.path=\(root)/tsdb",
                                      "--web.listen-address=127.0.0.1:\(promPort)"], output: "/dev/null")
        defer { Self.kill9(scraper) }
        let base = "http://127.0.0.1:\(promPort)"

        // Prometheus saw the target up, and the daemon's own series, with the daemon's values.
        #expect(await Self.wait(base, "up{job=\"outcomesd\"}", seconds: 60) { $0 == 1 } == 1)
        #expect(await Self.wait(base, "outcomesd_feeds_total{partner=\"local_health_board\",outcome=\"applied\"}", seconds: 60) { $0 == 1 } == 1)
        #expect(await Self.wait(base, "outcomesd_feed_rows_total{partner=\"local_health_board\",outcome=\"rejected\"}", seconds: 60) { $0 == 1 } == 1)
        #expect(await Self.wait(base, "outcomesd_run_observations", seconds: 60) { $0 == 1 } == 1)
        let finished = await Self.wait(base, "outcomesd_run_last_success_timestamp_seconds", seconds: 60)
        #expect(finished.map { abs($0 - Date().timeIntervalSince1970) < 600 } == true, "last success: \(String(describing: finished))")
        #expect(await Self.wait(base, "outcomesd_embedded_cluster_up", seconds: 30) == 1)
        #expect(await Self.wait(base, "outcomesd_database_up", seconds: 30) == 1)
        // The HTTP request metrics (RequestMetricsMiddleware, through swift-metrics bootstrapped by
        // serve) reach the same registry: requests, their durations, and a 404 counted by its status.
        #expect(await Self.wait(base, "outcomesd_http_requests_total{route=\"/metrics\",method=\"GET\",status=\"200\"}", seconds: 30) { $0 >= 1 } != nil)
        #expect(await Self.wait(base, "outcomesd_http_request_duration_seconds_count{route=\"/metrics\",method=\"GET\",status=\"200\"}", seconds: 30) { $0 >= 1 } != nil)
        #expect(await Self.get("http://127.0.0.1:\(port)/no-such-path")?.0 == 404)
        #expect(await Self.wait(base, "sum(outcomesd_http_requests_total{method=\"GET\",status=\"404\"})", seconds: 30) { $0 >= 1 } != nil)

        // The exposition itself passes promtool's lint.
        let scrape = try #require(await Self.get("http://127.0.0.1:\(port)/metrics"))
        #expect(scrape.0 == 200)
        try scrape.1.write(toFile: root + "/metrics.txt", atomically: true, encoding: .utf8)
        let lint = try Self.spawn([promtool, "check", "metrics"], input: root + "/metrics.txt", output: root + "/promtool.out")
        let status = await SystemdTests.exitStatus(lint, seconds: 30)
        let findings = (try? String(contentsOfFile: root + "/promtool.out", encoding: .utf8)) ?? ""
        #expect(status == 0 && findings.isEmpty, "promtool check metrics (exit \(String(describing: status))): \(findings)")

        // A clean stop: the daemon stops its embedded cluster.
        kill(daemon, SIGTERM)
        #expect(await SystemdTests.exitStatus(daemon, seconds: 60) == 0)
    }
}
