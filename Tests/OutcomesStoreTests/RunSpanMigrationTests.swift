import Foundation
import Testing
import OutcomesCore
import OutcomesStore
import OutcomesTestSupport
import PostgresNIO

/// Migration 15: runs' maps and firing sets become spans of runs, and every kept run reads the
/// same map and the same alerts firing through them as it did from its own rows.
@Suite("Runs as spans (migration 15)")
struct RunSpanMigrationTests {
    /// Every row of `sql` (one text column), in order.
    static func rows(_ client: PostgresClient, _ sql: String) async throws -> [String] {
        var out: [String] = []
        for try await row in try await client.query(PostgresQuery(unsafeSQL: sql), logger: TestCluster.logger).decode(String.self) {
            out.append(row)
        }
        return out
    }

    static let maps = "SELECT run_id || ':' || indicator_id || '=' || result_set_id FROM run_result ORDER BY run_id, indicator_id"
    static let firing = """
        SELECT r.id || ':' || f.area_id || '/' || f.indicator_id FROM run r JOIN alert_firing_span f
        ON f.from_run <= r.id AND (f.until_run IS NULL OR f.until_run > r.id)
        WHERE r.status = 'finished' ORDER BY r.id, f.area_id, f.indicator_id
        """

    @Test("migration 15 turns runs' maps and firing rows into spans that give every finished run the same map and firing set; pruned and failed runs read none")
    func spansKeepEveryRunsMap() async throws {
        let target = try await TestCluster.shared.newDatabase()
        try await TestCluster.withClient(target) { client in
            let migrator = Migrator(client: client, logger: TestCluster.logger)
            _ = try await migrator.migrate(Array(Migration.all.prefix(14)))
            // Five runs as migration 14 left them: 1 finished, 2 pruned (its rows deleted), 3
            // finished, 4 failed (nothing committed), 5 finished. Indicator 10's set 100 is
            // replaced by 101 at run 3; indicator 20 keeps set 200 throughout; indicator 30
            // appears at run 5. Firing: area 1 / indicator 10 in runs 1 and 3, area 2 /
            // indicator 20 in run 5 only.
            try await client.query(PostgresQuery(unsafeSQL: """
                INSERT INTO run (trigger, full_run, catalogue_fingerprint, status, finished_at)
                SELECT 'cli', true, 'f', s, now() FROM unnest(ARRAY['finished', 'pruned', 'finished', 'failed', 'finished']) WITH ORDINALITY AS u(s, n) ORDER BY n
                """), logger: TestCluster.logger)
            try await client.query(PostgresQuery(unsafeSQL: """
                INSERT INTO result_set (indicator_id, run_id, measures)
                SELECT * FROM (VALUES (10, 1, 1), (20, 1, 1), (10, 3, 1), (30, 5, 1)) AS v(i, r, m)
                """), logger: TestCluster.logger)
            let sets = try await Self.rows(client, "SELECT indicator_id || '@' || run_id || '=' || id FROM result_set ORDER BY id")
            // Ids are the table's own: look them up by (indicator, run).
            func set(_ indicator: Int, _ run: Int) throws -> String {
                let row = try #require(sets.first { $0.hasPrefix("\(indicator)@\(run)=") })
                return String(row.split(separator: "=")[1])
            }
            let (a1, b1, a3, c5) = (try set(10, 1), try set(20, 1), try set(10, 3), try set(30, 5))
            try await client.query(PostgresQuery(unsafeSQL: """
                INSERT INTO run_result (run_id, indicator_id, result_set_id) VALUES
                    (1, 10, \(a1)), (1, 20, \(b1)), (3, 10, \(a3)), (3, 20, \(b1)), (5, 10, \(a3)), (5, 20, \(b1)), (5, 30, \(c5))
                """), logger: TestCluster.logger)
            try await client.query(PostgresQuery(unsafeSQL: """
                INSERT INTO run_alert_firing (run_id, area_id, indicator_id) VALUES (1, 1, 10), (3, 1, 10), (5, 2, 20)
                """), logger: TestCluster.logger)
            let mapsBefore = try await Self.rows(client, Self.maps)
            let firingBefore = try await Self.rows(client, """
                SELECT run_id || ':' || area_id || '/' || indicator_id FROM run_alert_firing ORDER BY run_id, area_id, indicator_id
                """)

            #expect(try await migrator.migrate() == [15, 16, 17, 18])
            // The same map for every finished run, through the view; none for the pruned and failed.
            #expect(try await Self.rows(client, Self.maps) == mapsBefore)
            #expect(try await Self.rows(client, "SELECT DISTINCT run_id::text FROM run_result ORDER BY 1") == ["1", "3", "5"])
            #expect(try await Self.rows(client, Self.firing) == firingBefore)
            // One span per set; a set no longer current ends at the next run kept or pruned after
            // its last (run 2, pruned: the runs it covers no longer matter); one current set per indicator.
            #expect(try await Self.rows(client, """
                SELECT indicator_id || ':' || from_run || '-' || coalesce(until_run::text, 'now') FROM result_span ORDER BY indicator_id, from_run
                """) == ["10:1-2", "10:3-now", "20:1-now", "30:5-now"])
            #expect(try await TestCluster.scalar(client, "SELECT count(*)::int FROM pg_class WHERE relname = 'run_alert_firing'") == 0)
        }
    }
}
