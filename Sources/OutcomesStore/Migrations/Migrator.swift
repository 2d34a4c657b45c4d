public import PostgresNIO
public import Logging

/// Applies ``Migration``s: each in its own transaction, recorded in `schema_migration`; applying
/// twice is a no-op. Daemons starting together are serialised by an advisory lock.
///
/// ```swift
/// let applied = try await Migrator(client: client, logger: logger).migrate()
/// ```
public struct Migrator: Sendable {
    public struct ChecksumMismatch: Error, CustomStringConvertible {
        public var version: Int
        public var description: String {
            "migration \(version) was applied with different text than this build carries; migrations must never be edited once released (add a new one)"
        }
    }

    /// `pg_advisory_lock` key for schema changes ("outcomesd" folded into 63 bits).
    static let lockKey: Int64 = 0x6F75_7463_6F6D_6531

    let client: PostgresClient
    let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// Applies pending migrations and returns their versions (empty when up to date).
    @discardableResult
    public func migrate(_ migrations: [Migration] = Migration.all) async throws -> [Int] {
        try await client.withConnection { connection in
            // Another migrator may hold the lock for longer than a statement may take (the pool's
            // statement_timeout): waiting for it is not a stuck statement.
            try await connection.query("SET statement_timeout = 0", logger: logger)
            try await connection.query("SELECT pg_advisory_lock(\(Self.lockKey))", logger: logger)
            let outcome: Result<[Int], any Error>
            do {
                outcome = .success(try await apply(migrations, on: connection))
            } catch {
                outcome = .failure(error)
            }
            _ = try? await connection.query("SELECT pg_advisory_unlock(\(Self.lockKey))", logger: logger)
            _ = try? await connection.query("RESET statement_timeout", logger: logger)
            return try outcome.get()
        }
    }

    private func apply(_ migrations: [Migration], on connection: PostgresConnection) async throws -> [Int] {
        try await connection.query("""
            CREATE TABLE IF NOT EXISTS schema_migration (
                version integer PRIMARY KEY,
                name text NOT NULL,
                checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """, logger: logger)
        var done: [Int: String] = [:]
        for try await (version, checksum) in try await connection.query(
            "SELECT version, checksum FROM schema_migration", logger: logger).decode((Int, String).self) {
            done[version] = checksum
        }
        var applied: [Int] = []
        for migration in migrations.sorted(by: { $0.version < $1.version }) {
            if let checksum = done[migration.version] {
                guard checksum == migration.checksum else { throw ChecksumMismatch(version: migration.version) }
                continue
            }
            logger.notice("applying migration", metadata: ["version": "\(migration.version)", "name": "\(migration.name)"])
            let ran = try await connection.withTransaction(logger: logger) { tx -> Bool in
                // Checked again inside the transaction: applied exactly once even if another
                // migrator got past the lock (it must never run a migration's statements twice).
                for try await _ in try await tx.query("SELECT 1 FROM schema_migration WHERE version = \(migration.version)",
                                                      logger: logger) {
                    return false
                }
                for statement in migration.statements {
                    try await tx.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await tx.query("""
                    INSERT INTO schema_migration (version, name, checksum)
                    VALUES (\(migration.version), \(migration.name), \(migration.checksum))
                    """, logger: logger)
                return true
            }
            if ran { applied.append(migration.version) }
        }
        return applied
    }
}
