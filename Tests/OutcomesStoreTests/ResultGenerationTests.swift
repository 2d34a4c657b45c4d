import Foundation
import Testing
import OutcomesCore
@testable import OutcomesStore
import OutcomesTestSupport
import PostgresNIO

/// Result series partitioned by generation (migration 18, ``ResultGeneration``): a full run
/// writes its series frozen into a partition it creates, its incremental runs write into that
/// partition, readers find a run's series in its generation alone, and pruning drops a
/// generation no kept run belongs to as one table.
@Suite("Result series kept in generations")
struct ResultGenerationTests {
    static let today = RunStoreTests.today

    /// The generations `result_series` has partitions for, oldest first.
    static func partitions(_ client: PostgresClient) async throws -> [String] {
        var names: [String] = []
        for try await name in try await client.query("""
            SELECT c.relname::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = 'result_series'::regclass ORDER BY c.oid
            """, logger: TestCluster.logger).decode(String.self) {
            names.append(name)
        }
        return names
    }

    /// Pages of `table`, and how many of them the visibility map marks all-frozen.
    static func frozenPages(_ client: PostgresClient, _ table: String) async throws -> (pages: Int, frozen: Int) {
        try await client.query("CREATE EXTENSION IF NOT EXISTS pg_visibility", logger: TestCluster.logger)
        for try await (pages, frozen) in try await client.query(PostgresQuery(unsafeSQL: """
            SELECT (pg_relation_size('\(table)') / current_setting('block_size')::int)::int, all_frozen::int
            FROM pg_visibility_map_summary('\(table)')
            """), logger: TestCluster.logger).decode((Int, Int).self) {
            return (pages, frozen)
        }
        return (0, 0)
    }

    @Test("a full run writes its series frozen into a generation of its own; an incremental run writes into its predecessor's, and a run's series are read from its generation alone")
    func fullRunWritesFrozenGeneration() async throws {
        try await TestCluster.withMigratedDatabase { client, catalogue in
            try await RunStoreTests.loadSamples(client, catalogue, partners: ["local_health_board", "dwp"])
            let store = RunStore(client: client, catalogue: catalogue, logger: TestCluster.logger)
            let full = try #require(try await store.compute(trigger: .cli, today: Self.today))
            let table = ResultGeneration.table(full.runID)
            #expect(try await Self.partitions(client) == ["result_series_g0", table])
            #expect(try await TestCluster.scalar(client, "SELECT generation::int FROM run WHERE id = \(full.runID)") == Int(full.runID))
            #expect(try await TestCluster.scalar(client, """
                SELECT count(*)::int FROM result_span WHERE from_run = \(full.runID) AND generation <> \(full.runID)
                """) == 0)
            // Every series of the full run is in its partition, and every page of it is frozen
            // as written: no vacuum or first reader has anything to write there.
            let series = try await TestCluster.scalar(client, "SELECT count(*)::int FROM \(table)")
            #expect(series > 0)
            #expect(try await TestCluster.scalar(client, "SELECT count(*)::int FROM result_series_g0") == 0)
            let pages = try await Self.frozenPages(client, table)
            #expect(pages.pages > 0)
            #expect(pages.frozen == pages.pages)
            // Its 22 arrays are stored uncompressed as the parent's (migrations 17 and 18), and a
            // row stays in its page up to the whole page.
            #expect(try await TestCluster.scalar(client, """
                SELECT count(*)::int FROM pg_attribute WHERE attrelid = '\(table)'::regclass AND attstorage = 'e'
                """) == 22)
            #expect(try await TestCluster.scalar(client, """
                SELECT count(*)::int FROM pg_class WHERE relname = '\(table)' AND 'toast_tuple_target=8160' = ANY(reloptions)
                """) == 1)

            try await ResultSetTests.revise(client, catalogue, numerator: 7)
            let next = try #require(try await store.compute(trigger: .feed, indicators: ["low_birth_weight"], today: Self.today))
            #expect(try await Self.partitions(client) == ["result_series_g0", table])
            #expect(try await TestCluster.scalar(client, "SELECT generation::int FROM run WHERE id = \(next.runID)") == Int(full.runID))
            let written = try await TestCluster.scalar(client, """
                SELECT count(*)::int FROM \(table) r JOIN result_set s ON s.id = r.result_set_id
                WHERE s.run_id = \(next.runID)
                """)
            #expect(written > 0)
            #expect(try await TestCluster.scalar(client, "SELECT count(*)::int FROM \(table)") == series + written)
            #expect(try await TestCluster.scalar(client, "SELECT count(*)::int FROM measure WHERE run_id = \(next.runID)") == next.measures)

            // A run's series looked up through `measure` touch only its generation's partition:
            // the other is pruned when the query runs.
            var plan = ""
            for try await line in try await client.query("""
                EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF)
                SELECT m.value FROM measure m JOIN indicator i ON i.id = m.indicator_id
                WHERE m.run_id = \(next.runID) AND i.key = 'low_birth_weight'
                """, logger: TestCluster.logger).decode(String.self) {
                plan += line + "\n"
            }
            #expect(plan.contains("on \(table)"), "\(plan)")
            #expect(!plan.contains("result_series_g0 ") || plan.contains("(never executed)"), "\(plan)")
            // Named as a value, as MeasureQueries names it, the generation is planned for alone.
            plan = ""
            for try await line in try await client.query("""
                EXPLAIN (COSTS OFF)
                SELECT m.value FROM measure m JOIN indicator i ON i.id = m.indicator_id
                WHERE m.run_id = \(next.runID) AND m.generation = \(full.runID) AND i.key = 'low_birth_weight'
                """, logger: TestCluster.logger).decode(String.self) {
                plan += line + "\n"
            }
            #expect(plan.contains("on \(table)") && !plan.contains("result_series_g0"), "\(plan)")
            let queries = MeasureQueries(client: client, logger: TestCluster.logger)
            #expect(try await queries.generation(of: next.runID) == full.runID)
            #expect(try await queries.series(indicator: "low_birth_weight", area: "W06000013", run: next.runID).count > 1)
        }
    }

    @Test("pruning drops a generation no kept run belongs to as one table; one whose drop would wait on a reader of result_series is kept for a later prune")
    func pruningDropsRetiredGenerations() async throws {
        try await TestCluster.withMigratedDatabase { client, catalogue in
            try await RunStoreTests.loadSamples(client, catalogue, partners: ["local_health_board"])
            let store = RunStore(client: client, catalogue: catalogue, logger: TestCluster.logger, keepRuns: 1)
            // Kept after each run: the newest, and the day's first published run (the first).
            let first = try #require(try await store.compute(trigger: .cli, today: Self.today))
            let second = try #require(try await store.compute(trigger: .cli, today: Self.today))
            #expect(try await Self.partitions(client)
                    == ["result_series_g0", ResultGeneration.table(first.runID), ResultGeneration.table(second.runID)])
            let third = try #require(try await store.compute(trigger: .cli, today: Self.today))
            // The second run was pruned: its generation went as one table, and so did the
            // migrated rows' generation, which no run belongs to.
            #expect(try await TestCluster.scalar(client, "SELECT count(*)::int FROM run WHERE id = \(second.runID) AND status = 'pruned'") == 1)
            #expect(try await Self.partitions(client) == [ResultGeneration.table(first.runID), ResultGeneration.table(third.runID)])
            #expect(try await TestCluster.scalar(client, "SELECT count(*)::int FROM result_set WHERE run_id = \(second.runID)") == 0)
            #expect(try await TestCluster.scalar(client, "SELECT count(*)::int FROM measure WHERE run_id = \(first.runID)") == first.measures)
            #expect(try await TestCluster.scalar(client, "SELECT count(*)::int FROM measure WHERE run_id = \(third.runID)") == third.measures)

            // A reader of result_series holds its lock across the next prune: the retired
            // generation's drop gives up after its lock timeout, and the runs go on.
            let fourth = try await client.withConnection { reader in
                try await reader.query("BEGIN", logger: TestCluster.logger)
                try await reader.query("SELECT count(*) FROM result_series", logger: TestCluster.logger)
                let fourth = try #require(try await store.compute(trigger: .cli, today: Self.today))
                #expect(try await TestCluster.scalar(client, "SELECT count(*)::int FROM run WHERE id = \(third.runID) AND status = 'pruned'") == 1)
                #expect(try await Self.partitions(client) == [ResultGeneration.table(first.runID), ResultGeneration.table(third.runID),
                                                              ResultGeneration.table(fourth.runID)])
                try await reader.query("COMMIT", logger: TestCluster.logger)
                return fourth
            }
            let kept = try await client.withConnection { connection in
                try await ResultGeneration.dropRetired(on: connection, logger: TestCluster.logger)
            }
            #expect(kept == [first.runID, fourth.runID])
            #expect(try await Self.partitions(client) == [ResultGeneration.table(first.runID), ResultGeneration.table(fourth.runID)])
            #expect(try await TestCluster.scalar(client, "SELECT count(*)::int FROM measure WHERE run_id = \(fourth.runID)") == fourth.measures)
        }
    }
}
