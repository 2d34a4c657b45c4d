import Testing
import OutcomesCore
import OutcomesStore
import OutcomesTestSupport
import PostgresNIO

@Suite("Migrations against a real PostgreSQL")
struct MigratorTests {
    @Test("migrations apply once; applying again is a no-op")
    func idempotent() async throws {
        let target = try await TestCluster.shared.newDatabase()
        try await TestCluster.withClient(target) { client in
            let logger = TestCluster.logger
            let first = try await Migrator(client: client, logger: logger).migrate()
            #expect(first == Migration.all.map(\.version))
            let second = try await Migrator(client: client, logger: logger).migrate()
            #expect(second.isEmpty)
            let rows = try await client.query("SELECT count(*)::int FROM schema_migration", logger: logger)
            for try await count in rows.decode(Int.self) { #expect(count == Migration.all.count) }
        }
    }

    @Test("two migrators racing on one database apply each migration exactly once")
    func concurrentMigrators() async throws {
        let target = try await TestCluster.shared.newDatabase()
        try await TestCluster.withClient(target) { client in
            let logger = TestCluster.logger
            async let a = Migrator(client: client, logger: logger).migrate()
            async let b = Migrator(client: client, logger: logger).migrate()
            let (ra, rb) = try await (a, b)
            #expect((ra + rb).sorted() == Migration.all.map(\.version))
        }
    }

    @Test("a migration edited after it was applied is refused")
    func editedMigrationRefused() async throws {
        let target = try await TestCluster.shared.newDatabase()
        try await TestCluster.withClient(target) { client in
            let logger = TestCluster.logger
            try await Migrator(client: client, logger: logger).migrate()
            var edited = Migration.all
            edited[0].statements.append("SELECT 1")
            await #expect(throws: Migrator.ChecksumMismatch.self) {
                try await Migrator(client: client, logger: logger).migrate(edited)
            }
        }
    }

    @Test("a failing migration leaves nothing behind")
    func failingMigrationRollsBack() async throws {
        let target = try await TestCluster.shared.newDatabase()
        try await TestCluster.withClient(target) { client in
            let logger = TestCluster.logger
            let broken = Migration(version: 99, name: "broken", statements: ["CREATE TABLE half_done (x int)", "SELECT no_such_function()"])
            await #expect(throws: (any Error).self) {
                try await Migrator(client: client, logger: logger).migrate([broken])
            }
            let rows = try await client.query("SELECT count(*)::int FROM pg_tables WHERE tablename = 'half_done'", logger: logger)
            for try await count in rows.decode(Int.self) { #expect(count == 0) }
        }
    }
}
