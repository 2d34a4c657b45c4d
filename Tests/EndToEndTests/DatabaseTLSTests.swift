import Foundation
import Glibc
import Logging
import Testing
import OutcomesCore
import OutcomesStore
import OutcomesTestSupport
import PostgresNIO

/// Connecting to a PostgreSQL that requires TLS and a password (issue 14's untested list: TLS and
/// `sslmode`, `PGPASSFILE`, `OUTCOMESD_DATABASE_URL`): a real cluster with a certificate signed by
/// a throwaway CA, `hostssl … scram-sha-256` for the application's role and `hostnossl … reject`.
@Suite("TLS, sslmode, the password file and OUTCOMESD_DATABASE_URL against a real server", .serialized)
struct DatabaseTLSTests {
    struct Server: Sendable {
        let cluster: EmbeddedCluster
        let folder: String
        var ca: String { folder + "/ca.crt" }
        var otherCA: String { folder + "/other-ca.crt" }
        var passfile: String { folder + "/pgpass" }
    }

    /// Runs a program to completion; its output when it succeeds, else the test fails with it.
    @discardableResult
    static func run(_ path: String, _ arguments: [String], environment: [String: String]? = nil) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    struct SetupFailed: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `path` and throws with its output unless it exits 0 (setup runs off the test's task,
    /// where an expectation would not be attributed to the test).
    static func mustRun(_ path: String, _ arguments: [String]) throws {
        let (status, out) = try run(path, arguments)
        guard status == 0 else { throw SetupFailed(description: "\(path) \(arguments.joined(separator: " ")): exit \(status): \(out)") }
    }

    /// A cluster on a free loopback port serving TLS with a certificate for localhost and
    /// 127.0.0.1 signed by a throwaway CA; role `app` (password `s3cret`, owner of the database)
    /// may connect over TLS only.
    static func withServer(_ body: (Server) async throws -> Void) async throws {
        let folder = try DaemonProcess.tempFolder("tls")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Key generation, initdb and pg_ctl take seconds: waited for off the tests' shared threads.
        let server = try await blocking { try prepare(folder) }
        defer { try? server.cluster.stop() }
        try await body(server)
    }

    /// The certificates, the started cluster and its roles in `folder` (blocking).
    private static func prepare(_ folder: String) throws -> Server {
        chmod(folder, 0o755)
        let openssl = "/usr/bin/openssl"
        try mustRun(openssl, ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=outcomesd test CA",
                              "-keyout", folder + "/ca.key", "-out", folder + "/ca.crt"])
        try mustRun(openssl, ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=another CA",
                              "-keyout", folder + "/other-ca.key", "-out", folder + "/other-ca.crt"])
        try mustRun(openssl, ["req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", folder + "/server.key",
                              "-out", folder + "/server.csr"])
        try Data("subjectAltName=DNS:localhost,IP:127.0.0.1\n".utf8).write(to: URL(fileURLWithPath: folder + "/san.ext"))
        try mustRun(openssl, ["x509", "-req", "-in", folder + "/server.csr", "-CA", folder + "/ca.crt", "-CAkey", folder + "/ca.key",
                              "-CAcreateserial", "-days", "2", "-extfile", folder + "/san.ext", "-out", folder + "/server.crt"])
        var logger = Logger(label: "tests")
        logger.logLevel = .warning
        let cluster = try EmbeddedCluster(stateDirectory: folder + "/db", throwaway: true, loopbackPort: DaemonProcess.freePort(), logger: logger)
        _ = try cluster.start()
        do {
            // The server's key and certificate in its data folder, owned by the server's user.
            for name in ["server.crt", "server.key"] {
                let target = cluster.dataDirectory + "/" + name
                try? FileManager.default.removeItem(atPath: target)
                try FileManager.default.copyItem(atPath: folder + "/" + name, toPath: target)
                chmod(target, 0o600)
                if let user = cluster.runAs, let pw = getpwnam(user) { chown(target, pw.pointee.pw_uid, pw.pointee.pw_gid) }
            }
            try Data("""
                local all all trust
                hostssl all app 127.0.0.1/32 scram-sha-256
                hostnossl all app 127.0.0.1/32 reject
                host all \(EmbeddedCluster.superuser) 127.0.0.1/32 trust

                """.utf8).write(to: URL(fileURLWithPath: cluster.dataDirectory + "/pg_hba.conf"))
            func psql(_ sql: String) throws {
                var arguments = [cluster.binDirectory + "/psql", "-X", "-v", "ON_ERROR_STOP=1", "-h", cluster.socketDirectory,
                                 "-p", String(cluster.port), "-U", EmbeddedCluster.superuser, "-d", "outcomesd", "-c", sql]
                if let user = cluster.runAs { arguments = ["-u", user, "--"] + arguments }
                try mustRun(cluster.runAs == nil ? arguments[0] : "/usr/sbin/runuser",
                            cluster.runAs == nil ? Array(arguments.dropFirst()) : arguments)
            }
            try psql("ALTER SYSTEM SET ssl = on")
            try psql("SELECT pg_reload_conf()")
            try psql("CREATE ROLE app LOGIN PASSWORD 's3cret'")
            try psql("ALTER DATABASE outcomesd OWNER TO app")
            try psql("ALTER SCHEMA public OWNER TO app")
            let server = Server(cluster: cluster, folder: folder)
            try Data("# host:port:database:user:password\n127.0.0.1:\(cluster.port):*:app:s3cret\nlocalhost:*:outcomesd:app:s3cret\n".utf8)
                .write(to: URL(fileURLWithPath: server.passfile))
            chmod(server.passfile, 0o600)
            return server
        } catch {
            try? cluster.stop()
            throw error
        }
    }

    enum Outcome: Equatable {
        /// Connected; whether over TLS.
        case connected(tls: Bool)
        /// The query failed with an error.
        case failed
    }

    /// What a pool on `url` (password from `passfile`) answers to one query. Used for connections
    /// that succeed (a pool retries a refused one: refusals go through the binary, ``migrate``);
    /// a hang is caught by the test's time limit.
    static func connects(_ url: String, passfile: String) async throws -> Outcome {
        let target = try DatabaseTarget(url: url, environment: [:])
        let configuration = PostgresClient.Configuration(target: target, environment: ["PGPASSFILE": passfile])
        let client = PostgresClient(configuration: configuration, backgroundLogger: TestCluster.logger)
        return await withTaskGroup(of: Outcome?.self) { group in
            group.addTask { await client.run(); return nil }
            group.addTask {
                do {
                    let rows = try await client.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", logger: TestCluster.logger)
                    for try await ssl in rows.decode(Bool.self) { return .connected(tls: ssl) }
                    return .connected(tls: false)
                } catch {
                    return .failed
                }
            }
            var outcome = Outcome.failed
            for await result in group {
                if let result { outcome = result; break }
            }
            group.cancelAll()
            return outcome
        }
    }

    /// `outcomesd migrate` against `url` with `passfile` as PGPASSFILE: its exit status and output.
    ///
    /// A refused connection takes the binary up to half a minute: waited for off the shared
    /// threads (``blocking(_:)``; blocking one starved the spool kill test's event waits in CI).
    static func migrate(_ server: Server, url: String, passfile: String? = nil) async throws -> (Int32, String) {
        var environment = ProcessInfo.processInfo.environment
        environment["OUTCOMESD_DATABASE_URL"] = url
        environment["PGPASSFILE"] = passfile ?? server.passfile
        let arguments = ["migrate", "--state-dir", server.folder + "/state", "--catalogue", TestCluster.repositoryRoot + "/Indicators"]
        let variables = environment
        return try await blocking { try run(DaemonProcess.binary, arguments, environment: variables) }
    }

    @Test("sslmode=require connects over TLS with the password from PGPASSFILE; disable is refused by the server; a wrong password fails",
          .timeLimit(.minutes(3)))
    func requireAndPassfile() async throws {
        try await Self.withServer { server in
            let base = "postgresql://app@127.0.0.1:\(server.cluster.port)/outcomesd"
            let required = try await Self.connects(base + "?sslmode=require", passfile: server.passfile)
            #expect(required == .connected(tls: true))
            // Refusals, through the binary (a pool retries a refused connection; the binary
            // checks the database once at start and says why it could not connect).
            let (plain, plainOut) = try await Self.migrate(server, url: base + "?sslmode=disable")
            #expect(plain != 0 && plainOut.contains("no encryption"), "\(plainOut)")
            let wrong = server.folder + "/wrong-pgpass"
            try Data("*:*:*:app:nope\n".utf8).write(to: URL(fileURLWithPath: wrong))
            chmod(wrong, 0o600)
            let (badPassword, badOut) = try await Self.migrate(server, url: base + "?sslmode=require", passfile: wrong)
            #expect(badPassword != 0 && badOut.contains("password authentication failed"), "\(badOut)")
            let (good, goodOut) = try await Self.migrate(server, url: base + "?sslmode=require")
            #expect(good == 0, "\(goodOut)")
        }
    }

    @Test("verify-full accepts the server certificate only with the CA that signed it (sslrootcert), not another CA nor the system trust store",
          .timeLimit(.minutes(3)))
    func verifyFull() async throws {
        try await Self.withServer { server in
            let base = "postgresql://app@localhost:\(server.cluster.port)/outcomesd?sslmode=verify-full"
            let withCA = try await Self.connects(base + "&sslrootcert=" + server.ca, passfile: server.passfile)
            #expect(withCA == .connected(tls: true))
            let (other, otherOut) = try await Self.migrate(server, url: base + "&sslrootcert=" + server.otherCA)
            #expect(other != 0, "\(otherOut)")
            // Without sslrootcert, the system's trust store: a private CA is not in it.
            let (system, systemOut) = try await Self.migrate(server, url: base)
            #expect(system != 0, "\(systemOut)")
            let (good, goodOut) = try await Self.migrate(server, url: base + "&sslrootcert=" + server.ca)
            #expect(good == 0, "\(goodOut)")
        }
    }

    @Test("the binary takes OUTCOMESD_DATABASE_URL (verify-full, sslrootcert) and PGPASSFILE from its environment, not the embedded cluster",
          .timeLimit(.minutes(3)))
    func binaryUsesEnvironment() async throws {
        try await Self.withServer { server in
            let url = "postgresql://app@localhost:\(server.cluster.port)/outcomesd?sslmode=verify-full&sslrootcert=\(server.ca)"
            let (status, out) = try await Self.migrate(server, url: url)
            #expect(status == 0, "\(out)")
            #expect(try DatabaseTarget(url: url, environment: [:]).sslRootCert == server.ca)
            // Migrated there: the schema is in the TLS server's database, and no embedded cluster was made.
            let psql = server.cluster.binDirectory + "/psql"
            let port = String(server.cluster.port)
            let (listed, tables) = try await blocking {
                try Self.run(psql, ["-X", "-h", "127.0.0.1", "-p", port, "-U", EmbeddedCluster.superuser,
                                    "-d", "outcomesd", "-tAc", "SELECT count(*) FROM schema_migration"])
            }
            #expect(listed == 0 && Int(tables.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 >= 10, "\(tables)")
            #expect(!FileManager.default.fileExists(atPath: server.folder + "/state/postgres/data/PG_VERSION"))
        }
    }
}
