import Foundation
import Glibc
public import Logging
public import OutcomesCore
import OutcomesFeeds
import OutcomesStore
public import PostgresNIO

/// One throwaway PostgreSQL cluster per test process, started by the same ``EmbeddedCluster``
/// code the daemon uses (as an unprivileged user when tests run as root); each test gets its own
/// fresh database. The cluster is stopped and removed when the process exits.
public actor TestCluster {
    public static let shared = TestCluster()

    private var cluster: EmbeddedCluster?
    private var counter = 0
    nonisolated(unsafe) static var dataToStop: (bin: String, data: String, user: String?, root: String)?

    public static var logger: Logger {
        var logger = Logger(label: "tests")
        logger.logLevel = .warning
        return logger
    }

    private func started() throws -> EmbeddedCluster {
        if let cluster { return cluster }
        let root = NSTemporaryDirectory() + "outcomesd-tests-\(getpid())"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        chmod(root, 0o755)
        let cluster = try EmbeddedCluster(stateDirectory: root, throwaway: true, logger: Self.logger)
        try cluster.start()
        Self.dataToStop = (cluster.binDirectory, cluster.dataDirectory, cluster.runAs, root)
        atexit {
            guard let s = TestCluster.dataToStop else { return }
            var argv = [s.bin + "/pg_ctl", "stop", "-m", "immediate", "-D", s.data]
            if let user = s.user { argv = ["/usr/sbin/runuser", "-u", user, "--"] + argv }
            let pid = fork()
            if pid == 0 {
                let cArgs = argv.map { strdup($0) } + [nil]
                execv(argv[0], cArgs)
                _exit(127)
            }
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            try? FileManager.default.removeItem(atPath: s.root)
        }
        self.cluster = cluster
        return cluster
    }

    /// A new, empty database on the shared cluster.
    public func newDatabase() async throws -> DatabaseTarget {
        let cluster = try started()
        counter += 1
        let name = "test_\(counter)"
        _ = try await Self.withClient(cluster.target(database: "outcomesd")) { client in
            try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: Self.logger)
        }
        return cluster.target(database: name)
    }

    /// Runs `body` with a running pool on `target`.
    public static func withClient<T: Sendable>(_ target: DatabaseTarget, _ body: @Sendable (PostgresClient) async throws -> T) async throws -> T {
        let client = PostgresClient(configuration: .init(target: target, poolSize: 4), backgroundLogger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            return try await body(client)
        }
    }

    /// A fresh database with the schema applied and the real catalogue synced.
    public static func withMigratedDatabase<T: Sendable>(_ body: @Sendable (PostgresClient, Catalogue) async throws -> T) async throws -> T {
        let target = try await shared.newDatabase()
        let catalogue = try realCatalogue()
        return try await withClient(target) { client in
            try await Migrator(client: client, logger: logger).migrate()
            try await CatalogueSync(client: client, logger: logger).sync(catalogue)
            return try await body(client, catalogue)
        }
    }

    /// The first integer of a one-value query (`SELECT count(*)::int …`), -1 when there is no row.
    public static func scalar(_ client: PostgresClient, _ sql: String) async throws -> Int {
        for try await n in try await client.query(PostgresQuery(unsafeSQL: sql), logger: logger).decode(Int.self) { return n }
        return -1
    }

    /// The roll-up of the area with `code` in run `run`, with the catalogue's keys loaded now.
    public static func summary(_ client: PostgresClient, _ catalogue: Catalogue, area code: String, run: Int64) async throws -> AreaSummary? {
        guard let area = catalogue.area(code) else { return nil }
        let keys = try await CatalogueKeys.load(client, logger: logger)
        return try await MeasureQueries(client: client, logger: logger).summary(area: area, run: run, catalogue: catalogue, keys: keys)
    }

    /// The repository's root folder (found from this file's path).
    public static var repositoryRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    /// The real catalogue in `Indicators/`.
    public static func realCatalogue() throws -> Catalogue {
        try CatalogueFolder.load(repositoryRoot + "/Indicators")
    }
}
