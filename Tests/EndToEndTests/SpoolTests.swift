import Foundation
import Glibc
import Testing
import OutcomesTestSupport

@Suite("The spool folder, end to end", .serialized)
struct SpoolTests {
    let catalogue = TestCluster.repositoryRoot + "/Indicators"

    /// Writes `text` into `incoming/<partner>/<name>` the documented way: elsewhere, then rename.
    static func drop(_ text: String, state: String, partner: String, name: String) throws {
        let dir = state + "/spool/incoming/" + partner
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let temporary = dir + "/." + name + ".tmp"
        try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
        #expect(rename(temporary, dir + "/" + name) == 0)
    }

    static func waitFor(_ path: String, seconds: Double) async -> Bool {
        await DaemonProcess.waitUntil(seconds: seconds) { FileManager.default.fileExists(atPath: path) }
    }

    /// Waits until the embedded cluster reports a COPY with rows already processed.
    /// Waits until a feed's rows are being written: its COPY (PostgreSQL's progress view) or its
    /// merge into the history. Either is mid-transaction, and the pair is a window several
    /// times longer than the COPY alone, which a poll slowed by a loaded machine could miss.
    static func waitForCopy(state: String, seconds: Double) async -> Bool {
        await DaemonProcess.waitUntil(seconds: seconds) {
            ((try? await sql(state, """
                SELECT (SELECT count(*) FROM pg_stat_progress_copy WHERE tuples_processed > 0)
                     + (SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%INSERT INTO observation_revision%'
                        AND pid <> pg_backend_pid())
                """)) ?? "0") != "0"
        }
    }

    static func files(_ dir: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
    }

    /// `SELECT …` against the embedded cluster of a state folder, through psql.
    static func sql(_ state: String, _ query: String) async throws -> String {
        try await blocking { try sqlBlocking(state, query) }
    }

    private static func sqlBlocking(_ state: String, _ query: String) throws -> String {
        let bin = try #require(((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []).sorted().last)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/lib/postgresql/\(bin)/bin/psql")
        process.arguments = ["-X", "-h", state + "/postgres/run", "-U", "outcomesd", "-d", "outcomesd", "-tAc", query]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("spool files are archived with their feed id, refused ones moved to rejected/ with an errors file", .timeLimit(.minutes(3)))
    func archiveAndReject() async throws {
        try await DaemonProcess.withDaemon("spool", catalogue: catalogue) { daemon in
            let state = daemon.state
            let serve = daemon.process
            try Self.drop("indicator,area,period,numerator,denominator\nlow_birth_weight,W06000013,2023,48,910\n",
                          state: state, partner: "local_health_board", name: "good.csv")
            try Self.drop("indicator,area,numerator\nlow_birth_weight,W06000013,48\n", state: state, partner: "local_health_board", name: "bad.csv")
            try Self.drop("indicator,area,period,numerator,denominator\n", state: state, partner: "no_such_partner", name: "lost.csv")
            let spool = state + "/spool"
            #expect(await Self.waitFor(spool + "/archive/local_health_board/1-good.csv", seconds: 30), "archive: \(Self.files(spool + "/archive/local_health_board"))")
            #expect(await Self.waitFor(spool + "/rejected/local_health_board/bad.csv.errors.txt", seconds: 30))
            let errors = (try? String(contentsOfFile: spool + "/rejected/local_health_board/bad.csv.errors.txt", encoding: .utf8)) ?? ""
            #expect(errors.contains("missing_column"))
            #expect(await Self.waitFor(spool + "/rejected/no_such_partner/lost.csv", seconds: 30))
            #expect(Self.files(spool + "/incoming/local_health_board").isEmpty)
            #expect(Self.files(spool + "/processing/local_health_board").isEmpty)
            kill(serve.processIdentifier, SIGTERM)
            #expect(await DaemonProcess.waitExit(serve, seconds: 60) == 0)
        }
    }

    @Test("kill -9 mid-feed leaves nothing partial, and the spool file is processed again on restart", .timeLimit(.minutes(5)))
    func crashMidFeed() async throws {
        let root = try DaemonProcess.tempFolder("crash")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let state = root + "/state"
        let (text, rows) = SyntheticFeed.csv(try TestCluster.realCatalogue(), partner: "local_authority", rows: 300_000)
        #expect(rows > 50_000)
        let port = DaemonProcess.freePort()
        var serve = try DaemonProcess.startServe(stateDir: state, catalogue: catalogue, port: port, log: root + "/serve1.log")
        #expect(await DaemonProcess.waitReady(port: port, seconds: 90))
        try Self.drop(text, state: state, partner: "local_authority", name: "big.csv")
        let processing = state + "/spool/processing/local_authority/big.csv"
        #expect(await Self.waitFor(processing, seconds: 30))
        // Kill while the feed's COPY is under way: the event is PostgreSQL's own progress view.
        #expect(await Self.waitForCopy(state: state, seconds: 60), "the feed's COPY or merge never showed in pg_stat_progress_copy or pg_stat_activity")
        kill(serve.processIdentifier, SIGKILL)
        _ = await DaemonProcess.waitExit(serve, seconds: 10)
        // The daemon died mid-feed: its transaction is gone, the file waits in processing/.
        let archived = Self.files(state + "/spool/archive/local_authority")
        #expect(archived.isEmpty, "the feed finished before the kill; make it bigger")
        #expect(FileManager.default.fileExists(atPath: processing))
        #expect(try await Self.sql(state, "SELECT count(*) FROM observation") == "0")
        #expect(try await Self.sql(state, "SELECT count(*) FROM feed") == "0")
        // Restart: the unfinished file is processed again, completely.
        serve = try DaemonProcess.startServe(stateDir: state, catalogue: catalogue, port: port, log: root + "/serve2.log")
        defer { kill(serve.processIdentifier, SIGKILL) }
        #expect(await DaemonProcess.waitReady(port: port, seconds: 90))
        // The archived name carries the feed id. The id is not necessarily 1: a kill after the
        // feed row's INSERT used a sequence value that the rollback does not give back.
        let archive = state + "/spool/archive/local_authority"
        #expect(await DaemonProcess.waitUntil(seconds: 180) { Self.files(archive).contains { $0.hasSuffix("-big.csv") } }, "archive: \(Self.files(archive))")
        #expect(try await Self.sql(state, "SELECT count(*) FROM observation") == String(rows))
        #expect(try await Self.sql(state, "SELECT count(*) || ' ' || max(inserted) FROM feed") == "1 \(rows)")
        let id = try await Self.sql(state, "SELECT id FROM feed")
        #expect(Self.files(archive) == ["\(id)-big.csv"])
        kill(serve.processIdentifier, SIGTERM)
        #expect(await DaemonProcess.waitExit(serve, seconds: 60) == 0)
    }
}
