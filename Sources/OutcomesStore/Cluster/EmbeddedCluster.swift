import Foundation
import Glibc
public import OutcomesCore
public import Logging

/// A private PostgreSQL cluster in the state folder, so `outcomesd serve` needs no database set up.
///
/// Layout under the state folder: `postgres/data` (the cluster), `postgres/run` (its Unix socket;
/// no TCP port is opened), `postgres/postgres.log`. PostgreSQL refuses to run as root, so when this
/// process is root the cluster belongs to and runs as an unprivileged user (`postgres` by default).
/// A second process pointed at the same folder finds the cluster running and uses it.
///
/// ```swift
/// let cluster = try EmbeddedCluster(stateDirectory: "/var/lib/outcomesd", logger: logger)
/// let startedHere = try cluster.start()
/// defer { if startedHere { try? cluster.stop() } }
/// ```
public struct EmbeddedCluster: Sendable {
    public struct SetupError: Error, CustomStringConvertible, Sendable {
        public var message: String
        public var description: String { message }
    }

    /// The PostgreSQL role the cluster is created with (trusted over its private socket).
    public static let superuser = "outcomesd"
    public static let port = 5432
    /// The port of the socket (and of the loopback listener, when there is one).
    public let port: Int
    /// Also listen on 127.0.0.1 at `port` (tests of several daemons on one server); false: socket only.
    public let loopbackTCP: Bool

    public let root: String
    public let dataDirectory: String
    public let socketDirectory: String
    public let binDirectory: String
    /// Who runs the server, when this process is root; nil means this process's user.
    public let runAs: String?
    /// Throwaway clusters (tests) trade durability for speed: no fsync.
    public let throwaway: Bool
    let logger: Logger

    /// The target to connect to: the socket directory, the superuser, the `outcomesd` database.
    public func target(database: String = "outcomesd") -> DatabaseTarget {
        DatabaseTarget(host: socketDirectory, port: port, user: Self.superuser, database: database, sslMode: .disable)
    }

    public init(stateDirectory: String, user: String? = nil, throwaway: Bool = false, loopbackPort: Int? = nil,
                logger: Logger) throws(SetupError) {
        let root = (stateDirectory as NSString).standardizingPath + "/postgres"
        self.port = loopbackPort ?? Self.port
        self.loopbackTCP = loopbackPort != nil
        self.root = root
        self.dataDirectory = root + "/data"
        self.throwaway = throwaway
        self.logger = logger
        self.binDirectory = try Self.locateBinaries()
        self.runAs = geteuid() == 0 ? (user ?? "postgres") : nil
        // The socket path must fit sockaddr_un (107 bytes); a deep state folder falls back to a
        // short, deterministic runtime folder so a second process finds the same socket.
        let preferred = root + "/run"
        if (preferred + "/.s.PGSQL.\(port)").utf8.count < 100 {
            socketDirectory = preferred
        } else {
            socketDirectory = "/tmp/outcomesd-\(FNV1a.hex(root))"
            logger.notice("state folder too deep for a Unix socket path; using a short runtime folder",
                          metadata: ["socket_dir": "\(socketDirectory)"])
        }
    }

    /// Finds `initdb`, `pg_ctl` and `postgres`: on PATH first, then `/usr/lib/postgresql/*/bin`
    /// (newest version first).
    static func locateBinaries() throws(SetupError) -> String {
        let fm = FileManager.default
        func complete(_ dir: String) -> Bool {
            ["initdb", "pg_ctl", "postgres"].allSatisfy { fm.isExecutableFile(atPath: "\(dir)/\($0)") }
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for dir in path.split(separator: ":").map(String.init) where complete(dir) {
            // PATH often holds symlinks to initdb alone; resolve to the real folder.
            let resolved = (try? fm.destinationOfSymbolicLink(atPath: "\(dir)/pg_ctl")).map { ($0 as NSString).deletingLastPathComponent } ?? dir
            return complete(resolved) ? resolved : dir
        }
        let base = "/usr/lib/postgresql"
        let versions = ((try? fm.contentsOfDirectory(atPath: base)) ?? []).sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }
        for version in versions where complete("\(base)/\(version)/bin") {
            return "\(base)/\(version)/bin"
        }
        throw SetupError(message: "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found on PATH or in /usr/lib/postgresql/*/bin; install them with: apt-get install postgresql")
    }

    // MARK: Lifecycle

    /// Creates the cluster if needed and starts it unless it is already running.
    /// Returns whether this call started it (and so should stop it).
    @discardableResult
    public func start() throws -> Bool {
        try prepareFolders()
        return try withLock {
            if isRunning() {
                logger.info("using the running embedded PostgreSQL", metadata: ["data": "\(dataDirectory)"])
                try createDatabaseIfMissing()
                return false
            }
            if !FileManager.default.fileExists(atPath: dataDirectory + "/PG_VERSION") {
                try initialise()
            }
            var options = "-k \(socketDirectory) -c listen_addresses=\(loopbackTCP ? "127.0.0.1" : "") -p \(port) -c unix_socket_permissions=0700"
            // Throwaway clusters serve a whole parallel test run (a pool of up to 4 connections
            // per test, dozens of tests at once): the default 100 connections were reached.
            if throwaway { options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400" }
            logger.info("starting embedded PostgreSQL", metadata: ["data": "\(dataDirectory)", "socket_dir": "\(socketDirectory)", "user": "\(runAs ?? "self")"])
            try Subprocess.run([binDirectory + "/pg_ctl", "start", "-w", "-t", "60", "-D", dataDirectory,
                                "-l", root + "/postgres.log", "-o", options],
                               as: runAs, outputFile: root + "/pg_ctl.out")
            try createDatabaseIfMissing()
            return true
        }
    }

    /// Stops the cluster (fast shutdown: running transactions roll back, data is safe). A cluster
    /// already stopped (by an operator, or one that crashed) is left as it is: nothing to do.
    public func stop() throws {
        guard isRunning() else {
            logger.notice("embedded PostgreSQL already stopped", metadata: ["data": "\(dataDirectory)"])
            return
        }
        logger.info("stopping embedded PostgreSQL", metadata: ["data": "\(dataDirectory)"])
        try Subprocess.run([binDirectory + "/pg_ctl", "stop", "-w", "-m", "fast", "-D", dataDirectory],
                           as: runAs, outputFile: root + "/pg_ctl.out")
    }

    public func isRunning() -> Bool {
        guard FileManager.default.fileExists(atPath: dataDirectory + "/postmaster.pid") else { return false }
        return Subprocess.status([binDirectory + "/pg_ctl", "status", "-D", dataDirectory], as: runAs,
                                 outputFile: root + "/pg_ctl.status.out") == 0
    }

    private func initialise() throws {
        logger.notice("creating embedded PostgreSQL cluster", metadata: ["data": "\(dataDirectory)"])
        var args = [binDirectory + "/initdb", "-D", dataDirectory, "-U", Self.superuser, "--auth=trust",
                    "-E", "UTF8", "--locale=C"]
        if throwaway { args.append("--no-sync") }
        try Subprocess.run(args, as: runAs, outputFile: root + "/initdb.out")
    }

    /// `createdb` via the postgres binary folder, idempotent.
    private func createDatabaseIfMissing() throws {
        let psql = binDirectory + "/psql"
        let check = [psql, "-X", "-h", socketDirectory, "-p", String(port), "-U", Self.superuser, "-d", "postgres",
                     "-tAc", "SELECT 1 FROM pg_database WHERE datname = 'outcomesd'"]
        let out = try Subprocess.run(check, as: runAs, outputFile: root + "/psql.out")
        if out.trimmingCharacters(in: .whitespacesAndNewlines) != "1" {
            try Subprocess.run([binDirectory + "/createdb", "-h", socketDirectory, "-p", String(port),
                                "-U", Self.superuser, "outcomesd"], as: runAs, outputFile: root + "/psql.out")
        }
    }

    /// Creates the folders with the right owner and checks the server's user can reach them.
    private func prepareFolders() throws {
        let fm = FileManager.default
        for dir in [root, socketDirectory] {
            try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
        }
        guard let user = runAs else { return }
        guard let pw = getpwnam(user) else {
            throw SetupError(message: "the embedded cluster must run as an unprivileged user when outcomesd runs as root, but user '\(user)' does not exist; create it (apt-get install postgresql creates 'postgres') or set database.embedded_user")
        }
        let uid = pw.pointee.pw_uid, gid = pw.pointee.pw_gid
        for dir in [root, socketDirectory] where chown(dir, uid, gid) != 0 {
            throw SetupError(message: "cannot give \(dir) to user \(user): \(String(cString: strerror(errno)))")
        }
        chmod(root, 0o700)
        chmod(socketDirectory, 0o700)
        for name in ["postgres.log", "pg_ctl.out", "pg_ctl.status.out", "initdb.out", "psql.out"] {
            let path = root + "/" + name
            if !fm.fileExists(atPath: path) { _ = fm.createFile(atPath: path, contents: nil) }
            chown(path, uid, gid)
        }
        // Every parent must be traversable by that user, or initdb fails obscurely.
        var dir = (root as NSString).deletingLastPathComponent
        while dir != "/" && !dir.isEmpty {
            var st = stat()
            if stat(dir, &st) == 0, st.st_mode & 0o001 == 0, st.st_uid != uid {
                throw SetupError(message: "the embedded cluster runs as '\(user)', which cannot enter \(dir) (mode \(String(st.st_mode & 0o777, radix: 8))); choose a --state-dir that user can reach, such as /var/lib/outcomesd, or chmod o+x \(dir)")
            }
            dir = (dir as NSString).deletingLastPathComponent
        }
    }

    /// Serialises start-up between processes sharing the state folder (flock on `postgres/.lock`).
    private func withLock<T>(_ body: () throws -> T) throws -> T {
        let fd = open(root + "/.lock", O_CREAT | O_RDWR, 0o600)
        guard fd >= 0 else { throw SetupError(message: "cannot open \(root)/.lock: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        guard flock(fd, LOCK_EX) == 0 else { throw SetupError(message: "cannot lock \(root)/.lock") }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}
