import Foundation
import Logging
import OutcomesCore
import OutcomesFeeds
import OutcomesStore
import PostgresNIO

/// What a command needs at run time, resolved once from options, configuration and environment.
struct Runtime {
    let configuration: Configuration
    let stateDirectory: String
    let catalogueDirectory: String
    let localCatalogueDirectory: String?
    let logger: Logger

    init(_ options: GlobalOptions) throws {
        do { configuration = try options.loadConfiguration() } catch { throw ExitWith(fail(with: error)) }
        stateDirectory = options.stateDirectory(configuration)
        catalogueDirectory = options.catalogueDirectory(configuration)
        localCatalogueDirectory = options.localCatalogueDirectory
        Runtime.bootstrapLogging(configuration.logLevel)
        var logger = Logger(label: "outcomesd")
        logger.logLevel = Logger.Level(rawValue: configuration.logLevel.rawValue) ?? .info
        self.logger = logger
    }

    nonisolated(unsafe) private static var bootstrapped = false

    static func bootstrapLogging(_ level: Configuration.LogLevel) {
        guard !bootstrapped else { return }
        bootstrapped = true
        LoggingSystem.bootstrap { label in
            var handler = DeferredMetadataLogHandler(StreamLogHandler.standardError(label: label))
            handler.logLevel = Logger.Level(rawValue: level.rawValue) ?? .info
            return handler
        }
    }

    func loadCatalogue() throws -> Catalogue {
        do { return try CatalogueFolder.load(catalogueDirectory, local: localCatalogueDirectory) } catch { throw ExitWith(fail(with: error)) }
    }

    /// The configured database (`OUTCOMESD_DATABASE_URL`, then `database.url`), or the embedded
    /// cluster in the state folder, started if needed. `startedCluster` is set when this process
    /// started it and so must stop it.
    func openDatabase() throws -> (target: DatabaseTarget, cluster: EmbeddedCluster?, startedCluster: Bool) {
        let environment = ProcessInfo.processInfo.environment
        if let url = environment["OUTCOMESD_DATABASE_URL"] ?? configuration.databaseURL {
            var target: DatabaseTarget
            do {
                target = try DatabaseTarget(url: url, environment: environment)
            } catch {
                printError("database URL: \(error)")
                throw ExitWith(.failure)
            }
            if target.password == nil, let file = configuration.databasePasswordFile {
                guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                    printError("database.password_file: cannot read \(file)")
                    throw ExitWith(.failure)
                }
                target.password = String(text.prefix { !$0.isNewline })
            }
            logger.info("using configured database", metadata: ["url": "\(DatabaseTarget.redacted(url))"])
            return (target, nil, false)
        }
        do {
            let cluster = try EmbeddedCluster(stateDirectory: stateDirectory, user: configuration.embeddedUser, logger: logger)
            let started = try cluster.start()
            return (cluster.target(), cluster, started)
        } catch {
            printError("embedded PostgreSQL: \(error)")
            throw ExitWith(.failure)
        }
    }

    /// The pool; `serve` asks for one connection more than `database.pool_size`, which its
    /// token-change listener holds for as long as it runs, so requests keep the configured size.
    func makeClient(_ target: DatabaseTarget, reserved: Int = 0) -> PostgresClient {
        PostgresClient(configuration: .init(target: target, poolSize: configuration.poolSize + reserved,
                                            statementTimeoutSeconds: configuration.statementTimeoutSeconds),
                       backgroundLogger: logger)
    }

    /// Runs `body` with a running pool, for one-shot commands; stops a cluster it started.
    func withDatabase<T: Sendable>(_ body: @Sendable (PostgresClient) async throws -> T) async throws -> T {
        let (target, cluster, started) = try openDatabase()
        let logger = self.logger
        defer { if started { try? cluster?.stop() } }
        let client = makeClient(target)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            await Task.yield()   // let the pool start before the first lease
            do {
                _ = try await withTimeout(seconds: 15) { try await client.query("SELECT 1", logger: logger) }
            } catch {
                printError("cannot reach PostgreSQL at \(target.isUnixSocket ? target.socketPath : "\(target.host):\(target.port)") (database \(target.database), user \(target.user)): \(Runtime.reason(error))")
                throw ExitWith(Runtime.databaseUnreachable)
            }
            return try await body(client)
        }
    }
}

extension Runtime {
    /// Like ``withDatabase(_:)``, after applying migrations and syncing the catalogue, for
    /// commands that need the schema (ingest, token).
    func withMigratedDatabase<T: Sendable>(catalogue: Catalogue? = nil, _ body: @Sendable (PostgresClient) async throws -> T) async throws -> T {
        let catalogue = try catalogue ?? loadCatalogue()
        let logger = self.logger
        return try await withDatabase { client in
            try await Migrator(client: client, logger: logger).migrate()
            try await CatalogueSync(client: client, logger: logger).sync(catalogue)
            return try await body(client)
        }
    }
}

extension Runtime {
    /// Exit status when the database cannot be reached (distinct from 1, "rejected", and 2, "some rows rejected").
    static let databaseUnreachable = ExitCode(3)

    /// A readable reason for a connection failure (PSQLError redacts its description on purpose).
    static func reason(_ error: any Error) -> String {
        if error is TimeoutError { return "no connection within 15 seconds" }
        let text = String(reflecting: error)
        if let range = text.range(of: "underlying: ") { return String(text[range.upperBound...].prefix(300)) }
        return String(text.prefix(300))
    }
}

/// Ends the command with a given exit code after the message was printed.
struct ExitWith: Error {
    let code: ExitCode
    init(_ code: ExitCode) { self.code = code }
}

import ArgumentParser
