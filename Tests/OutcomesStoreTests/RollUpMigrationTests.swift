import Foundation
import Testing
import OutcomesCore
import OutcomesStore
import OutcomesTestSupport
import PostgresNIO

/// Migration 13: roll-ups are derived on read; the alerts firing that kept runs' stored summaries
/// listed are carried over, so those runs' roll-ups read as before.
@Suite("Roll-ups derived on read (migration 13)")
struct RollUpMigrationTests {
    @Test("migration 13 carries each stored summary's alerts firing over by id, skipping keys no longer in the catalogue, and drops the documents")
    func carriesFiringOver() async throws {
        let target = try await TestCluster.shared.newDatabase()
        let catalogue = try TestCluster.realCatalogue()
        try await TestCluster.withClient(target) { client in
            let migrator = Migrator(client: client, logger: TestCluster.logger)
            _ = try await migrator.migrate(Array(Migration.all.prefix(12)))
            try await CatalogueSync(client: client, logger: TestCluster.logger).sync(catalogue)
            try await client.query(PostgresQuery(unsafeSQL: """
                INSERT INTO run (trigger, full_run, catalogue_fingerprint, status, finished_at) VALUES ('cli', true, 'f', 'finished', now())
                """), logger: TestCluster.logger)
            // Two areas' stored summaries: an indicator firing in an aim and a dimension (listed
            // twice), another in a dimension only, a key the catalogue no longer has; and none.
            let cardiff = """
                {"area":"W06000015","aims":[{"key":"1","alerts_firing":["low_birth_weight"]}],
                 "dimensions":[{"key":"a","alerts_firing":["low_birth_weight","looked_after_rate","gone_indicator"]}]}
                """
            let wales = #"{"area":"W92000004","aims":[{"key":"1","alerts_firing":[]}],"dimensions":[]}"#
            try await client.query("""
                INSERT INTO area_summary (run_id, area_id, summary)
                SELECT 1, a.id, s FROM (VALUES ('W06000015', \(cardiff)), ('W92000004', \(wales))) AS v(code, s) JOIN area a ON a.code = v.code
                """, logger: TestCluster.logger)
            #expect(try await migrator.migrate() == [13, 14, 15, 16, 17, 18])
            var carried: [String] = []
            for try await row in try await client.query("""
                SELECT a.code || '/' || i.key FROM alert_firing_span f JOIN area a ON a.id = f.area_id JOIN indicator i ON i.id = f.indicator_id
                WHERE f.from_run <= 1 AND (f.until_run IS NULL OR f.until_run > 1) ORDER BY 1
                """, logger: TestCluster.logger).decode(String.self) {
                carried.append(row)
            }
            #expect(carried == ["W06000015/looked_after_rate", "W06000015/low_birth_weight"])
            #expect(try await TestCluster.scalar(client, "SELECT count(*)::int FROM pg_class WHERE relname = 'area_summary'") == 0)
        }
    }
}
