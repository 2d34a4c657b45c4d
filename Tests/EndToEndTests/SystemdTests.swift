import Foundation
import Glibc
import OutcomesTestSupport
import Testing

/// `serve` under a stand-in for systemd: the test binds the notify socket, sets `WATCHDOG_USEC`, and
/// watches the datagrams. Everything waits on events with deadlines (never on `waitUntilExit`).
@Suite("systemd: notify, watchdog, reload and graceful stop")
struct SystemdTests {
    static let catalogue = TestCluster.repositoryRoot + "/Indicators"

    /// Spawns `outcomesd serve` with extra environment; the test reaps it itself (waitpid).
    static func spawn(_ arguments: [String], environment extra: [String: String], log: String) throws -> pid_t {
        var environment = ProcessInfo.processInfo.environment
        for (key, value) in extra { environment[key] = value }
        let argv = [DaemonProcess.binary] + arguments
        let envp = environment.map { "\($0.key)=\($0.value)" }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var pid: pid_t = 0
        let cArgv = argv.map { strdup($0) } + [nil]
        let cEnvp = envp.map { strdup($0) } + [nil]
        defer { (cArgv + cEnvp).forEach { free($0) } }
        let rc = posix_spawn(&pid, argv[0], &actions, nil, cArgv, cEnvp)
        guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EIO) }
        return pid
    }

    /// The exit status once the child exits, or nil after `seconds`.
    static func exitStatus(_ pid: pid_t, seconds: Double) async -> Int32? {
        await eventually(seconds: seconds) { () -> Int32? in
            var status: Int32 = 0
            guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
            return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        }
    }

    /// Datagrams until one satisfies `until`, or nil after `seconds`; all received are returned in `seen`.
    /// Each receive (up to the socket's 10 s timeout) is waited for off the tests' shared threads
    /// (``blocking(_:)``): blocked there, it would starve other tests' event waits.
    static func receive(_ socket: DatagramListener, seconds: Double, seen: inout [String], until: (String) -> Bool) async -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            guard let message = try? await blocking({ socket.receiveText() }) else { continue }
            seen.append(message)
            if until(message) { return message }
        }
        return nil
    }

    /// Waits until the log contains `text` (appearing `count` times), up to `seconds`.
    static func waitLog(_ path: String, _ text: String, count: Int = 1, seconds: Double) async -> Bool {
        await eventually(seconds: seconds) {
            ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").components(separatedBy: text).count - 1 >= count
        }
    }

    @Test("READY=1 after /readyz answers, STATUS= lines, WATCHDOG=1 repeatedly, reload good and bad, STOPPING=1 and exit 0",
          .timeLimit(.minutes(5)))
    func notifyWatchdogReloadStop() async throws {
        let dir = try DaemonProcess.tempFolder("systemd")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let catalogue = dir + "/Indicators"
        try FileManager.default.copyItem(atPath: Self.catalogue, toPath: catalogue)
        let socket = try DatagramListener(name: dir + "/notify.sock")
        let port = DaemonProcess.freePort()
        let log = dir + "/serve.log"
        let readLog = { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }
        let started = Date()
        let pid = try Self.spawn(["serve", "--state-dir", dir + "/state", "--catalogue", catalogue, "--listen", "127.0.0.1:\(port)"],
                                 environment: ["NOTIFY_SOCKET": socket.name, "WATCHDOG_USEC": "2000000"], log: log)
        var stopped = false
        defer { if !stopped { kill(pid, SIGKILL); var s: Int32 = 0; waitpid(pid, &s, 0) } }

        var seen: [String] = []
        let ready = await Self.receive(socket, seconds: 120, seen: &seen) { $0.contains("READY=1") }
        let readyAfter = Date().timeIntervalSince(started)
        try #require(ready != nil, "no READY=1; datagrams \(seen); log:\n\(readLog())")
        // READY=1 only once the daemon serves: /readyz answers at once.
        #expect(await DaemonProcess.status(port: port, path: "/readyz") == 200)
        #expect(seen.first?.hasPrefix("STATUS=starting") == true, "\(seen)")
        #expect(ready?.contains("STATUS=serving") == true, "\(ready ?? "")")
        print("READY=1 after \(String(format: "%.2f", readyAfter)) s")

        // WATCHDOG=1 every second (half of WATCHDOG_USEC), repeatedly.
        var pings = 0
        _ = await Self.receive(socket, seconds: 10, seen: &seen) { message in
            if message == "WATCHDOG=1\n" { pings += 1 }
            return pings >= 4
        }
        #expect(pings >= 4, "\(seen.suffix(10))")

        // The start-up full run finishes, then a changed catalogue is reloaded: a new full run.
        #expect(await Self.waitLog(log, "run finished", seconds: 120), "\(readLog())")
        let indicator = catalogue + "/indicators/advocacy_active_offer.yaml"
        let original = try String(contentsOfFile: indicator, encoding: .utf8)
        let edited = original.replacingOccurrences(of: "  en: Eligible", with: "  en: Edited: Eligible".replacingOccurrences(of: ": E", with: " E"))
        #expect(edited != original)
        try edited.write(toFile: indicator, atomically: true, encoding: .utf8)
        let hup = Date()
        kill(pid, SIGHUP)
        let reloading = await Self.receive(socket, seconds: 30, seen: &seen) { $0.contains("RELOADING=1") }
        #expect(reloading?.contains("MONOTONIC_USEC=") == true)
        let reloaded = await Self.receive(socket, seconds: 60, seen: &seen) { $0.contains("READY=1") }
        let reloadTime = Date().timeIntervalSince(hup)
        #expect(reloaded?.contains("STATUS=catalogue reloaded") == true, "\(reloaded ?? "none"); log:\n\(readLog())")
        print("reload (SIGHUP to READY=1) took \(String(format: "%.3f", reloadTime)) s")
        #expect(await Self.waitLog(log, "catalogue reloaded; starting a full run", seconds: 30))
        #expect(await Self.waitLog(log, "run finished", count: 2, seconds: 120), "\(readLog())")

        // A broken catalogue: every located error logged, the old catalogue kept.
        try (edited + "\nunits: [unclosed\n").write(toFile: indicator, atomically: true, encoding: .utf8)
        kill(pid, SIGHUP)
        _ = await Self.receive(socket, seconds: 30, seen: &seen) { $0.contains("RELOADING=1") }
        let refused = await Self.receive(socket, seconds: 30, seen: &seen) { $0.contains("READY=1") }
        #expect(refused?.contains("STATUS=reload refused") == true, "\(refused ?? "none")")
        #expect(await Self.waitLog(log, "reload refused; keeping the catalogue in use", seconds: 10))
        let issueLine = readLog().split(separator: "\n").first { $0.contains("reload refused: invalid") } ?? ""
        #expect(issueLine.contains("advocacy_active_offer.yaml:") &&
                issueLine.range(of: #"\.yaml:\d+:\d+"#, options: .regularExpression) != nil, "\(issueLine)")
        #expect(await DaemonProcess.status(port: port, path: "/readyz") == 200)

        // SIGTERM: STOPPING=1 and exit 0, with the cluster stopped.
        kill(pid, SIGTERM)
        let stopping = await Self.receive(socket, seconds: 30, seen: &seen) { $0.contains("STOPPING=1") }
        #expect(stopping != nil, "log:\n\(readLog())")
        let status = await Self.exitStatus(pid, seconds: 60)
        stopped = status != nil
        #expect(status == 0, "log:\n\(readLog())")
        #expect(!FileManager.default.fileExists(atPath: dir + "/state/postgres/data/postmaster.pid"))
    }

    @Test("SIGTERM mid-feed: the feed finishes (bounded), exit 0; the restarted daemon computes the feed no run covered yet",
          .timeLimit(.minutes(5)))
    func stopMidFeedThenCatchUp() async throws {
        let dir = try DaemonProcess.tempFolder("stopfeed")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let state = dir + "/state"
        let (text, rows) = SyntheticFeed.csv(try TestCluster.realCatalogue(), partner: "local_authority", rows: 100_000)
        let port = DaemonProcess.freePort()
        let arguments = ["serve", "--state-dir", state, "--catalogue", Self.catalogue, "--listen", "127.0.0.1:\(port)"]
        let log1 = dir + "/serve1.log", log2 = dir + "/serve2.log"
        let socket = try DatagramListener(name: dir + "/notify.sock")
        let first = try Self.spawn(arguments, environment: ["NOTIFY_SOCKET": socket.name], log: log1)
        var firstExited = false
        defer { if !firstExited { kill(first, SIGKILL); var s: Int32 = 0; waitpid(first, &s, 0) } }
        #expect(await Self.waitLog(log1, "run finished", seconds: 120))
        // The feed (a first load) stops at its 50,000th row until the stop has begun: SIGTERM
        // lands mid-feed whatever the machine's speed.
        let holder = try await SpoolTests.pauseHistoryCopy(state: state, atRow: 50_000)
        try SpoolTests.drop(text, state: state, partner: "local_authority", name: "big.csv")
        #expect(await SpoolTests.waitForPause(state: state, seconds: 60), "the feed's COPY never reached its 50,000th row")
        kill(first, SIGTERM)
        var seen: [String] = []
        #expect(await Self.receive(socket, seconds: 30, seen: &seen) { $0.contains("STOPPING=1") } != nil, "\(seen)")
        #expect(SpoolTests.files(state + "/spool/archive/local_authority").isEmpty, "the feed finished before the stop began")
        try await SpoolTests.releasePause(holder)
        let status = await Self.exitStatus(first, seconds: 70)
        firstExited = status != nil
        let readLog1 = (try? String(contentsOfFile: log1, encoding: .utf8)) ?? ""
        #expect(status == 0, "\(readLog1)")
        // The feed in progress finished before the stop (well within the 50 s bound).
        #expect(SpoolTests.files(state + "/spool/archive/local_authority").contains("1-big.csv"), "\(readLog1)")
        // No run covered it (the scheduler stops before the spool), so the next start computes it
        // at once, although a run for this catalogue exists.
        let second = try Self.spawn(arguments, environment: [:], log: log2)
        var secondExited = false
        defer { if !secondExited { kill(second, SIGKILL); var s: Int32 = 0; waitpid(second, &s, 0) } }
        #expect(await Self.waitLog(log2, "computing feeds that landed since the latest run", seconds: 120),
                "\((try? String(contentsOfFile: log2, encoding: .utf8)) ?? "")")
        #expect(await Self.waitLog(log2, "run finished", seconds: 120))
        #expect(await Self.waitLog(log2, "run finished", count: 1, seconds: 120))
        #expect(try await SpoolTests.sql(state, "SELECT count(*) FROM observation") == String(rows))
        #expect(try await SpoolTests.sql(state, "SELECT count(*) FROM run WHERE status = 'finished' AND trigger = 'startup' AND NOT full_run") == "1")
        #expect(try await SpoolTests.sql(state, "SELECT count(*) FROM run WHERE status = 'finished'") == "2")
        kill(second, SIGTERM)
        let status2 = await Self.exitStatus(second, seconds: 60)
        secondExited = status2 != nil
        #expect(status2 == 0)
    }
}
