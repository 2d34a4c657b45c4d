import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Glibc
import Logging
import Synchronization
import Testing
import OutcomesStore
import OutcomesTestSupport

/// Daemons on an external PostgreSQL (`database.url`, TCP on loopback): the database stopped and
/// started under read load, and two daemons sharing one database with one of them killed mid-run.
@Suite("Daemons on an external PostgreSQL: outages and failover", .serialized)
struct SharedDatabaseTests {
    let catalogue = TestCluster.repositoryRoot + "/Indicators"

    /// A PostgreSQL server of the test's own, listening on 127.0.0.1.
    struct Server {
        let cluster: EmbeddedCluster
        var url: String { "postgresql://outcomesd@127.0.0.1:\(cluster.port)/outcomesd?sslmode=disable" }

        /// Made and started (off the tests' shared threads: ``EmbeddedCluster/startOffPool()``).
        static func started(root: String) async throws -> Server {
            var logger = Logger(label: "tests")
            logger.logLevel = .warning
            let server = Server(cluster: try EmbeddedCluster(stateDirectory: root + "/db", throwaway: true,
                                                             loopbackPort: DaemonProcess.freePort(), logger: logger))
            try await server.cluster.startOffPool()
            return server
        }

        /// `SELECT …` through psql over the socket, one value.
        func sql(_ query: String) async throws -> String {
            let cluster = cluster
            return try await blocking { try Self.sql(query, cluster: cluster) }
        }

        static func sql(_ query: String, cluster: EmbeddedCluster) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: cluster.binDirectory + "/psql")
            process.arguments = ["-X", "-h", "127.0.0.1", "-p", String(cluster.port), "-U", EmbeddedCluster.superuser,
                                 "-d", "outcomesd", "-tAc", query]
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// A configuration file pointing at `server`, with anonymous reads and quick spool scans.
    static func configuration(_ root: String, _ server: Server, name: String) throws -> String {
        let path = root + "/\(name).yaml"
        try """
            database:
              url: \(server.url)
            serving:
              anonymous_read: true
            feeds:
              spool_interval_seconds: 1
            compute:
              schedule: "off"
              debounce_seconds: 1
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Loads the sample feeds of `partner` with `outcomesd ingest` (before any daemon starts).
    static func ingestSamples(_ config: String, state: String, catalogue: String, partner: String) async throws {
        let dir = catalogue + "/samples/" + partner
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".csv") }.sorted().map { dir + "/" + $0 }
        let result = try await DaemonProcess.run(["ingest"] + files + ["--partner", partner, "--config", config, "--state-dir", state, "--catalogue", catalogue])
        #expect(result.status == 0, "ingest: \(result.err)")
    }

    static func get(port: Int, _ path: String, timeout: Double = 5) async -> (status: Int?, body: String, run: String?) {
        guard let url = URL(string: "http://127.0.0.1:\(port)\(path)") else { return (nil, "", nil) }
        var request = URLRequest(url: url)
        request.timeoutInterval = timeout
        guard let (data, response) = try? await URLSession.shared.data(for: request), let http = response as? HTTPURLResponse else {
            return (nil, "", nil)
        }
        return (http.statusCode, String(decoding: data, as: UTF8.self), http.value(forHTTPHeaderField: "X-Outcomesd-Run"))
    }

    static func log(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }

    /// Cached reads: the summaries of Wales and two areas, as JSON and text.
    static let readPaths = ["/v1/summary", "/v1/summary?format=text", "/v1/summary?area=W06000015", "/v1/summary?area=W11000028&lang=cy"]

    @Test("PostgreSQL stopped and started under read load: no cached read fails, /readyz says degraded and why, a spool feed waits and lands, compute resumes",
          .timeLimit(.minutes(5)))
    func databaseRestartUnderLoad() async throws {
        let root = try DaemonProcess.tempFolder("outage")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let server = try await Server.started(root: root)
        defer { try? server.cluster.stop() }
        let state = root + "/state"
        let config = try Self.configuration(root, server, name: "outcomesd")
        try await Self.ingestSamples(config, state: state, catalogue: catalogue, partner: "local_authority")
        let port = DaemonProcess.freePort()
        let logPath = root + "/serve.log"
        // Under a notify socket with a 2 s watchdog, as systemd would run it: the outage must not
        // stop the pings (systemd would restart a daemon that still serves its cache).
        let notify = try DatagramListener(name: root + "/notify.sock")
        let datagrams = Datagrams()
        let collector = Thread { while !datagrams.stopped { if let text = notify.receiveText() { datagrams.append(text) } } }
        collector.start()
        defer { datagrams.stop() }
        let serve = try SystemdTests.spawn(["serve", "--state-dir", state, "--catalogue", catalogue, "--listen", "127.0.0.1:\(port)",
                                            "--config", config],
                                           environment: ["NOTIFY_SOCKET": notify.name, "WATCHDOG_USEC": "2000000"], log: logPath)
        var stopped = false
        defer { if !stopped { kill(serve, SIGKILL); var status: Int32 = 0; waitpid(serve, &status, 0) } }
        #expect(await DaemonProcess.waitReady(port: port, seconds: 90))
        // The first run, then every read path once so it is cached.
        #expect(await DaemonProcess.waitUntil(seconds: 120) { await Self.get(port: port, "/v1/summary").status == 200 }, "no first run: \(Self.log(logPath).suffix(2000))")
        let firstRun = try await server.sql("SELECT max(id) FROM run WHERE status = 'finished'")
        for path in Self.readPaths { #expect(await Self.get(port: port, path).status == 200) }

        // Read load from four clients until told to stop; every answer is kept.
        let stop = Flag()
        let load = Task {
            await withTaskGroup(of: [Int?].self) { group in
                for client in 0..<4 {
                    group.addTask {
                        var statuses: [Int?] = []
                        var i = client
                        while !stop.isSet {
                            statuses.append(await Self.get(port: port, Self.readPaths[i % Self.readPaths.count], timeout: 10).status)
                            i += 1
                        }
                        return statuses
                    }
                }
                var all: [Int?] = []
                for await part in group { all += part }
                return all
            }
        }

        // The outage.
        try await server.cluster.stopOffPool()
        let down = Date()
        var degraded = ""
        #expect(await DaemonProcess.waitUntil(seconds: 30) {
            let ready = await Self.get(port: port, "/readyz")
            degraded = ready.body
            return ready.status == 503
        })
        let readiness = try JSONSerialization.jsonObject(with: Data(degraded.utf8)) as? [String: String]
        #expect(readiness?["status"] == "degraded")
        #expect(readiness?["database"] == "unreachable")
        #expect((readiness?["reason"] ?? "").isEmpty == false)
        #expect(readiness?["serving"] == "cached results of run \(firstRun)")
        // A feed arriving during the outage waits in the spool, untouched.
        #expect(await DaemonProcess.waitUntil(seconds: 30) { Self.log(logPath).contains("database unreachable") }, "the outage was not noticed")
        let feed = "indicator,area,period,numerator,denominator\nlow_birth_weight,W06000015,2024,51,902\n"
        try SpoolTests.drop(feed, state: state, partner: "local_health_board", name: "during-outage.csv")
        // Reads go on for a few seconds of outage (the load runs all along; its answers are
        // checked below with the rest).
        let outageReads = Date()
        #expect(await DaemonProcess.waitUntil(seconds: 30) { Date().timeIntervalSince(outageReads) > 3 })
        #expect(SpoolTests.files(state + "/spool/incoming/local_health_board") == ["during-outage.csv"])
        #expect(SpoolTests.files(state + "/spool/rejected/local_health_board").isEmpty)

        // systemd heard about it, and the watchdog kept being fed.
        #expect(await DaemonProcess.waitUntil(seconds: 30) { datagrams.since(down).contains { $0.contains("STATUS=degraded: database unreachable") } },
                "STATUS during the outage: \(datagrams.since(down).filter { $0.contains("STATUS") })")
        let pingsDuringOutage = datagrams.since(down).filter { $0.contains("WATCHDOG=1") }.count
        let outageSoFar = Date().timeIntervalSince(down)

        // Back.
        try await server.cluster.startOffPool()
        let back = Date()
        #expect(await DaemonProcess.waitUntil(seconds: 60) { await Self.get(port: port, "/readyz").status == 200 })
        let recovery = Date().timeIntervalSince(back)
        let outage = back.timeIntervalSince(down)
        stop.set()
        let statuses = await load.value

        // The feed landed, once, and a run computed it.
        let archive = state + "/spool/archive/local_health_board"
        #expect(await DaemonProcess.waitUntil(seconds: 60) { SpoolTests.files(archive).contains { $0.hasSuffix("-during-outage.csv") } },
                "archive: \(SpoolTests.files(archive)); log: \(Self.log(logPath).suffix(3000))")
        #expect(SpoolTests.files(state + "/spool/rejected/local_health_board").isEmpty)
        #expect(try await server.sql("SELECT count(*) FROM feed WHERE file_name = 'during-outage.csv' AND status = 'applied'") == "1")
        let fed = try await server.sql("SELECT max(id) FROM feed WHERE file_name = 'during-outage.csv'")
        #expect(try await DaemonProcess.waitUntil(seconds: 60) {
            try await server.sql("""
                SELECT count(*) FROM run r, feed f WHERE f.id = \(fed) AND r.status = 'finished' AND r.started_at > f.finished_at
                """) != "0"
        }, "no run after the feed; log: \(Self.log(logPath).suffix(3000))")

        let failures = statuses.filter { $0 != 200 }
        print("outage: \(String(format: "%.1f", outage)) s, \(pingsDuringOutage) watchdog pings in its first \(String(format: "%.1f", outageSoFar)) s; readiness back \(String(format: "%.2f", recovery)) s after PostgreSQL; \(statuses.count) cached reads, \(failures.count) not 200")
        #expect(statuses.count > 20)
        #expect(failures.isEmpty, "reads that were not 200: \(failures.prefix(20))")
        #expect(recovery <= 5, "recovery took \(recovery) s")
        // One ping a second is due; allow for a loaded machine, but not for a stopped watchdog.
        #expect(pingsDuringOutage >= Int(outageSoFar / 2), "\(pingsDuringOutage) WATCHDOG=1 in the first \(outageSoFar) s of the outage")
        #expect(await DaemonProcess.waitUntil(seconds: 30) { datagrams.since(back).contains { $0.contains("STATUS=serving run") } })
        kill(serve, SIGTERM)
        let exit = await SystemdTests.exitStatus(serve, seconds: 60)
        stopped = exit != nil
        #expect(exit == 0, "no clean exit within 60 s of SIGTERM; log: \(Self.log(logPath).suffix(4000))")
    }

    @Test("two daemons on one PostgreSQL serve the same runs; one computes at a time; killed mid-run, the other takes over within a tick and finishes the work",
          .timeLimit(.minutes(6)))
    func twoDaemonsFailover() async throws {
        let root = try DaemonProcess.tempFolder("failover")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let server = try await Server.started(root: root)
        defer { try? server.cluster.stop() }
        let config = try Self.configuration(root, server, name: "outcomesd")
        try await Self.ingestSamples(config, state: root + "/a", catalogue: catalogue, partner: "local_authority")
        let ports = [DaemonProcess.freePort(), DaemonProcess.freePort()]
        let logs = [root + "/a.log", root + "/b.log"]
        var daemons: [Process] = []
        for (i, name) in ["a", "b"].enumerated() {
            daemons.append(try DaemonProcess.startServe(stateDir: root + "/" + name, catalogue: catalogue, port: ports[i], log: logs[i],
                                                        extra: ["--config", config]))
        }
        defer { for daemon in daemons { kill(daemon.processIdentifier, SIGKILL) } }
        for port in ports { #expect(await DaemonProcess.waitReady(port: port, seconds: 90)) }
        // Both serve the same first run; exactly one of them computed it.
        #expect(await DaemonProcess.waitUntil(seconds: 120) { await Self.get(port: ports[1], "/v1/summary").status == 200 })
        let first = try await server.sql("SELECT max(id) FROM run WHERE status = 'finished'")
        for port in ports { #expect(await Self.get(port: port, "/v1/summary").run == first) }
        let startedLogs = logs.map { Self.log($0).components(separatedBy: "run started").count - 1 }
        #expect(startedLogs.reduce(0, +) >= 1)

        // A large feed through daemon b's spool; whichever daemon takes the run is killed mid-run.
        let (text, rows) = SyntheticFeed.csv(try TestCluster.realCatalogue(), partner: "local_authority", rows: 150_000)
        let before = logs.map { Self.log($0).components(separatedBy: "run started").count - 1 }
        try SpoolTests.drop(text, state: root + "/b", partner: "local_authority", name: "big.csv")
        var computing: Int?
        #expect(await DaemonProcess.waitUntil(seconds: 180) {
            for i in 0..<2 where Self.log(logs[i]).components(separatedBy: "run started").count - 1 > before[i] {
                computing = i
                return true
            }
            return false
        }, "no run started after the feed")
        let killed = try #require(computing)
        let survivor = 1 - killed
        let abandoned = try await server.sql("SELECT max(id) FROM run")
        // Mid-run at the kill: running just before it, closed as abandoned (below) after it.
        #expect(try await server.sql("SELECT status FROM run WHERE id = \(abandoned)") == "running",
                "the run finished before the kill; make the feed bigger")
        kill(daemons[killed].processIdentifier, SIGKILL)
        let killedAt = Date()

        // The survivor takes the compute lock within a tick or two and finishes the work.
        var tookOver: Double?
        #expect(await DaemonProcess.waitUntil(seconds: 60) {
            guard (try? await server.sql("SELECT count(*) FROM run WHERE id > \(abandoned)")) ?? "0" != "0" else { return false }
            tookOver = Date().timeIntervalSince(killedAt)
            return true
        }, "the survivor never started a run; log: \(Self.log(logs[survivor]).suffix(3000))")
        #expect(await DaemonProcess.waitUntil(seconds: 240) {
            (try? await server.sql("SELECT count(*) FROM run WHERE id > \(abandoned) AND status = 'finished'")) ?? "0" != "0"
        }, "the survivor never finished a run; log: \(Self.log(logs[survivor]).suffix(3000))")
        let finished = Date().timeIntervalSince(killedAt)
        #expect(try await server.sql("SELECT status || ' ' || left(message, 10) FROM run WHERE id = \(abandoned)") == "failed abandoned:")
        #expect(try await server.sql("SELECT count(*) FROM run WHERE status = 'running'") == "0")
        let latest = try await server.sql("SELECT max(id) FROM run WHERE status = 'finished'")
        #expect(try await server.sql("SELECT observations >= \(rows) FROM run WHERE id = \(latest)") == "t")
        #expect(await DaemonProcess.waitUntil(seconds: 10) { await Self.get(port: ports[survivor], "/v1/summary").run == latest })
        print("failover: the survivor started a run \(String(format: "%.2f", tookOver ?? -1)) s after the kill and finished it \(String(format: "%.2f", finished)) s after")
        kill(daemons[survivor].processIdentifier, SIGTERM)
        #expect(await DaemonProcess.waitExit(daemons[survivor], seconds: 60) == 0, "log: \(Self.log(logs[survivor]).suffix(4000))")
    }
}

/// Datagrams received on a notify socket, with the time each arrived.
final class Datagrams: Sendable {
    private let state = Mutex((received: [(Date, String)](), stopped: false))
    func append(_ text: String) { state.withLock { $0.received.append((Date(), text)) } }
    func since(_ date: Date) -> [String] { state.withLock { $0.received.filter { $0.0 >= date }.map(\.1) } }
    var stopped: Bool { state.withLock { $0.stopped } }
    func stop() { state.withLock { $0.stopped = true } }
}

/// A flag one task sets and others read.
final class Flag: Sendable {
    private let value = Mutex(false)
    var isSet: Bool { value.withLock { $0 } }
    func set() { value.withLock { $0 = true } }
}
