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

    /// The advisory lock (one bigint key) that ``pauseHistoryCopy(state:atRow:)``'s trigger waits on.
    static let pauseLock = 4242

    /// Makes a feed's write into the history stop, mid-transaction, at its `row`-th row: a row
    /// trigger on `observation_revision` takes ``pauseLock``, which a psql session (returned)
    /// holds until its input is closed. Deterministic where a poll of the COPY's progress raced
    /// the feed's end: the kill lands while the feed's transaction is surely open.
    static func pauseHistoryCopy(state: String, atRow row: Int) async throws -> Process {
        _ = try await sql(state, """
            CREATE SEQUENCE test_pause_rows;
            CREATE FUNCTION test_pause() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF nextval('test_pause_rows') = \(row) THEN PERFORM pg_advisory_xact_lock(\(pauseLock)); END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER test_pause BEFORE INSERT ON observation_revision FOR EACH ROW EXECUTE FUNCTION test_pause();
            """)
        let holder = try psql(state)
        try (holder.standardInput as? Pipe)?.fileHandleForWriting.write(contentsOf: Data("SELECT pg_advisory_lock(\(pauseLock));\n".utf8))
        #expect(await DaemonProcess.waitUntil(seconds: 30) {
            (try? await sql(state, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = \(pauseLock) AND granted")) == "1"
        }, "the pausing session never held its lock")
        return holder
    }

    /// Waits until a backend waits on ``pauseLock``: the feed is stopped inside its COPY.
    static func waitForPause(state: String, seconds: Double) async -> Bool {
        await DaemonProcess.waitUntil(seconds: seconds) {
            (try? await sql(state, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = \(pauseLock) AND NOT granted")) == "1"
        }
    }

    /// Lets a paused feed go on: the session holding ``pauseLock`` ends. The trigger stays (past
    /// its row it never waits again) until ``dropPause(state:)``.
    static func releasePause(_ holder: Process) async throws {
        try (holder.standardInput as? Pipe)?.fileHandleForWriting.close()
        #expect(await DaemonProcess.waitExit(holder, seconds: 30) != nil, "the pausing psql session did not end")
    }

    /// Takes away what ``pauseHistoryCopy(state:atRow:)`` added.
    static func dropPause(state: String) async throws {
        _ = try await sql(state, "DROP TRIGGER test_pause ON observation_revision; DROP FUNCTION test_pause(); DROP SEQUENCE test_pause_rows")
    }

    static func files(_ dir: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
    }

    /// `SELECT …` against the embedded cluster of a state folder, through psql.
    static func sql(_ state: String, _ query: String) async throws -> String {
        try await blocking { try sqlBlocking(state, query) }
    }

    struct PsqlFailed: Error, CustomStringConvertible {
        let query: String
        let status: Int32
        var description: String { "psql exited \(status) on: \(query)" }
    }

    /// A psql session on the embedded cluster of a state folder, started with `arguments`.
    /// Without `-c`, it reads statements from its standard input, a pipe.
    static func psql(_ state: String, _ arguments: [String] = []) throws -> Process {
        let bin = try #require(((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []).sorted().last)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/lib/postgresql/\(bin)/bin/psql")
        process.arguments = ["-X", "-q", "-h", state + "/postgres/run", "-U", "outcomesd", "-d", "outcomesd"] + arguments
        process.standardInput = Pipe()
        process.standardOutput = Pipe()
        try process.run()
        return process
    }

    private static func sqlBlocking(_ state: String, _ query: String) throws -> String {
        let process = try psql(state, ["-v", "ON_ERROR_STOP=1", "-tAc", query])
        let out = try #require(process.standardOutput as? Pipe)
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard process.terminationStatus == 0 else { throw PsqlFailed(query: query, status: process.terminationStatus) }
        return text
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
        let (text, rows) = SyntheticFeed.csv(try TestCluster.realCatalogue(), partner: "local_authority", rows: 100_000)
        #expect(rows > 50_000)
        let port = DaemonProcess.freePort()
        var serve = try DaemonProcess.startServe(stateDir: state, catalogue: catalogue, port: port, log: root + "/serve1.log")
        #expect(await DaemonProcess.waitReady(port: port, seconds: 90))
        // The feed (a first load, copied straight into the history) stops at its 50,000th row.
        let holder = try await Self.pauseHistoryCopy(state: state, atRow: 50_000)
        try Self.drop(text, state: state, partner: "local_authority", name: "big.csv")
        let processing = state + "/spool/processing/local_authority/big.csv"
        #expect(await Self.waitFor(processing, seconds: 30))
        #expect(await Self.waitForPause(state: state, seconds: 60), "the feed's COPY never reached its 50,000th row")
        #expect(try await Self.sql(state, "SELECT tuples_processed FROM pg_stat_progress_copy") == "49999")
        kill(serve.processIdentifier, SIGKILL)
        _ = await DaemonProcess.waitExit(serve, seconds: 10)
        // The feed's backend goes on once the lock is let go, finds its client gone and rolls back.
        try await Self.releasePause(holder)
        try await Self.dropPause(state: state)
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
