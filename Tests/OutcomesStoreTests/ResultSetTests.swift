import Foundation
import Testing
import OutcomesCore
import OutcomesFeeds
@testable import OutcomesStore
import OutcomesTestSupport
import PostgresNIO

/// Runs as maps of result sets (migration 8): what an incremental run writes and refers to, what
/// pruning keeps, and existing runs carried over by the migration.
@Suite("Runs share unchanged result sets")
struct ResultSetTests {
    static let today = RunStoreTests.today

    /// Revises W06000013's low-birth-weight point of `year` to `numerator` of 900.
    static func revise(_ client: PostgresClient, _ catalogue: Catalogue, numerator: Int, year: Int = 2023) async throws {
        let revised = "indicator,area,period,numerator,denominator,note\nlow_birth_weight,W06000013,\(year),\(numerator),900,r\n"
        _ = try await FeedIngest(client: client, catalogue: catalogue, logger: TestCluster.logger)
            .ingest(ByteChunks(revised), FeedSubmission(partner: "local_health_board", in: catalogue, source: .cli,
                                                       fileName: "r\(year)-\(numerator).csv", format: .csv, today: today))
    }

    /// How many indicator and area pairs have an alert firing after `run`.
    static func firing(_ client: PostgresClient, run: Int64) async throws -> Int {
        try await TestCluster.scalar(client, """
            SELECT count(*)::int FROM alert_firing_span WHERE from_run <= \(run) AND (until_run IS NULL OR until_run > \(run))
            """)
    }

    @Test("an incremental run writes one result set for the touched indicator and refers to the previous run's sets for every other")
    func incrementalRefers() async throws {
        try await TestCluster.withMigratedDatabase { client, catalogue in
            try await RunStoreTests.loadSamples(client, catalogue, partners: ["local_health_board", "dwp"])
            let store = RunStore(client: client, catalogue: catalogue, logger: TestCluster.logger)
            let first = try #require(try await store.compute(trigger: .cli, today: Self.today))
            let sets = try await TestCluster.scalar(client, "SELECT count(*)::int FROM result_set WHERE run_id = \(first.runID)")
            #expect(sets > 5)
            try await Self.revise(client, catalogue, numerator: 3)
            let second = try #require(try await store.compute(trigger: .feed, indicators: ["low_birth_weight"], today: Self.today))
            // Written: one set. Referred to: all the others, the very same sets.
            #expect(try await TestCluster.scalar(client, "SELECT count(*)::int FROM result_set WHERE run_id = \(second.runID)") == 1)
            #expect(try await TestCluster.scalar(client, "SELECT count(*)::int FROM run_result WHERE run_id = \(second.runID)") == sets)
            // What it wrote for the map: one span opened, one ended (migration 15); and firing
            // spans only for the indicator it evaluated.
            #expect(try await TestCluster.scalar(client, "SELECT count(*)::int FROM result_span WHERE from_run = \(second.runID)") == 1)
            #expect(try await TestCluster.scalar(client, "SELECT count(*)::int FROM result_span WHERE until_run = \(second.runID)") == 1)
            #expect(try await TestCluster.scalar(client, """
                SELECT count(*)::int FROM alert_firing_span s JOIN indicator i ON i.id = s.indicator_id
                WHERE (s.from_run = \(second.runID) OR s.until_run = \(second.runID)) AND i.key <> 'low_birth_weight'
                """) == 0)
            #expect(try await TestCluster.scalar(client, """
                SELECT count(*)::int FROM run_result a JOIN run_result b USING (indicator_id)
                WHERE a.run_id = \(first.runID) AND b.run_id = \(second.runID) AND a.result_set_id = b.result_set_id
                """) == sets - 1)
            // Every row still names the run that computed it; the run's count covers both kinds.
            #expect(try await TestCluster.scalar(client, """
                SELECT count(DISTINCT computed_by)::int FROM measure WHERE run_id = \(second.runID)
                """) == 2)
            #expect(try await TestCluster.scalar(client, """
                SELECT count(*)::int FROM measure m JOIN indicator i ON i.id = m.indicator_id
                WHERE m.run_id = \(second.runID) AND i.key = 'low_birth_weight' AND m.computed_by <> \(second.runID)
                """) == 0)
            #expect(try await TestCluster.scalar(client, "SELECT count(*)::int FROM measure WHERE run_id = \(second.runID)") == second.measures)
            #expect(second.measures == first.measures)
        }
    }

    @Test("pruning drops the runs beyond keep_runs and only the result sets no kept run refers to")
    func pruningKeepsShared() async throws {
        try await TestCluster.withMigratedDatabase { client, catalogue in
            try await RunStoreTests.loadSamples(client, catalogue, partners: ["local_health_board", "dwp"])
            let store = RunStore(client: client, catalogue: catalogue, logger: TestCluster.logger, keepRuns: 2)
            let full = try #require(try await store.compute(trigger: .cli, today: Self.today))
            // The samples are late for some indicators on this day: every run records the alerts firing after it.
            let firing = try await Self.firing(client, run: full.runID)
            #expect(firing > 0)
            var latest = full
            for n in 4...6 {
                try await Self.revise(client, catalogue, numerator: n)
                latest = try #require(try await store.compute(trigger: .feed, indicators: ["low_birth_weight"], today: Self.today))
            }
            // Kept: the newest two and the day's first published run (the full one).
            let kept = try await TestCluster.scalar(client, "SELECT count(*)::int FROM run WHERE status = 'finished'")
            #expect(kept == 3)
            #expect(try await TestCluster.scalar(client, "SELECT count(*)::int FROM run WHERE status = 'pruned'") == 1)
            // Every set still referred to exists with its rows; no set is left unreferenced.
            #expect(try await TestCluster.scalar(client, """
                SELECT count(*)::int FROM result_set s WHERE NOT EXISTS (SELECT 1 FROM result_span sp WHERE sp.result_set_id = s.id)
                """) == 0)
            #expect(try await TestCluster.scalar(client, """
                SELECT count(*)::int FROM result r WHERE NOT EXISTS (SELECT 1 FROM result_set s WHERE s.id = r.result_set_id)
                """) == 0)
            // Every span left covers a kept run (migration 15), and every map span names a result
            // set of its indicator that exists.
            for table in ["result_span", "alert_firing_span"] {
                #expect(try await TestCluster.scalar(client, """
                    SELECT count(*)::int FROM \(table) sp WHERE NOT EXISTS (
                        SELECT 1 FROM run k WHERE k.status = 'finished' AND k.id >= sp.from_run AND (sp.until_run IS NULL OR k.id < sp.until_run))
                    """) == 0)
            }
            #expect(try await TestCluster.scalar(client, """
                SELECT count(*)::int FROM result_span sp
                WHERE NOT EXISTS (SELECT 1 FROM result_set s WHERE s.id = sp.result_set_id AND s.indicator_id = sp.indicator_id)
                """) == 0)
            // The pruned run's own low_birth_weight set is gone; the full run's sets, shared by
            // the newest run, remain whole.
            #expect(try await TestCluster.scalar(client, """
                SELECT count(*)::int FROM result_set s JOIN run r ON r.id = s.run_id WHERE r.status = 'pruned'
                """) == 0)
            #expect(try await TestCluster.scalar(client, "SELECT count(*)::int FROM measure WHERE run_id = \(latest.runID)") == latest.measures)
            #expect(try await TestCluster.scalar(client, "SELECT count(*)::int FROM measure WHERE run_id = \(full.runID)") == full.measures)
            #expect(try await Self.firing(client, run: latest.runID) == firing)
        }
    }

    @Test("migration 8 carries every measure of existing runs over, readable through `measure` as before, labels as codes")
    func migrationCarriesOver() async throws {
        let target = try await TestCluster.shared.newDatabase()
        try await TestCluster.withClient(target) { client in
            let migrator = Migrator(client: client, logger: TestCluster.logger)
            _ = try await migrator.migrate(Array(Migration.all.prefix(7)))
            // A run as migration 5 stored it: its own partition of `measure`, every label once.
            let comparisons = ComparisonLevels.allCases.map(\.rawValue), trends = TrendLabel.allCases.map(\.rawValue)
            try await client.query(PostgresQuery(unsafeSQL: """
                INSERT INTO run (trigger, full_run, catalogue_fingerprint, status, finished_at) VALUES ('cli', true, 'f', 'finished', now())
                """), logger: TestCluster.logger)
            try await client.query(PostgresQuery(unsafeSQL: "CREATE TABLE measure_r1 (LIKE measure INCLUDING DEFAULTS, CHECK (run_id = 1))"),
                                   logger: TestCluster.logger)
            try await client.query("""
                INSERT INTO measure_r1 (run_id, indicator_id, area_id, breakdown_id, period, period_start, value, derived, notes, vs_wales, vs_board, trend)
                SELECT 1, i, 1, 1, p::text, make_date(p, 1, 1), p * 1.5, false, '', (\(comparisons)::text[])[k % 10 + 1],
                       (\(comparisons)::text[])[(k + 3) % 10 + 1], (\(trends)::text[])[k % 8 + 1]
                FROM generate_series(1, 2) AS i, generate_series(2020, 2024) AS p, LATERAL (SELECT (i - 1) * 5 + p - 2020 AS k) AS x
                """, logger: TestCluster.logger)
            try await client.query(PostgresQuery(unsafeSQL: "ALTER TABLE measure ATTACH PARTITION measure_r1 FOR VALUES IN (1)"),
                                   logger: TestCluster.logger)
            // A label no code stands for stops the migration, named; nothing of it is left.
            try await client.query(PostgresQuery(unsafeSQL: """
                INSERT INTO measure (run_id, indicator_id, area_id, breakdown_id, period, period_start, derived, notes, vs_wales, vs_board, trend)
                VALUES (1, 3, 1, 1, '2024', '2024-01-01', false, '', 'similar', 'not_compared', 'no_trend')
                """), logger: TestCluster.logger)
            let failure = await #expect(throws: (any Error).self) { try await migrator.migrate() }
            #expect(String(reflecting: failure).contains("measure.trend holds the label 'no_trend'"), "\(String(reflecting: failure))")
            #expect(try await TestCluster.scalar(client, "SELECT count(*)::int FROM schema_migration WHERE version = 8") == 0)
            try await client.query("DELETE FROM measure WHERE indicator_id = 3", logger: TestCluster.logger)

            let before = try await Self.dump(client)
            #expect(before.count == 10)
            #expect(try await migrator.migrate() == [8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18])
            // The same rows, each label now its code.
            let expected = try before.map { row in
                var fields = row.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
                for i in [7, 8] { fields[i] = String(try #require(ComparisonLevels(rawValue: fields[i])).code) }
                fields[9] = String(try #require(TrendLabel(rawValue: fields[9])).code)
                return fields.joined(separator: "|")
            }
            #expect(Set(before.map { $0.split(separator: "|")[9] }).count == TrendLabel.allCases.count)
            #expect(try await Self.dump(client).sorted() == expected.sorted())
            #expect(try await TestCluster.scalar(client, "SELECT count(*)::int FROM result_set WHERE run_id = 1") == 2)
            #expect(try await TestCluster.scalar(client, "SELECT count(*)::int FROM measure WHERE computed_by = 1") == 10)
        }
    }

    static func dump(_ client: PostgresClient) async throws -> [String] {
        var rows: [String] = []
        for try await row in try await client.query("""
            SELECT concat_ws('|', run_id, indicator_id, area_id, breakdown_id, period, period_start, value, vs_wales, vs_board, trend)
            FROM measure ORDER BY 1
            """, logger: TestCluster.logger).decode(String.self) {
            rows.append(row)
        }
        return rows
    }
}

/// A run's result sets written a batch at a time (``ResultWriter/write(_:run:on:)``).
@Suite("Result sets written in batches")
struct ResultBatchTests {
    @Test("a full run written in batches of a few measures stores the same measures, sets and spans as one written in a single batch")
    func batchesStoreTheSame() async throws {
        try await TestCluster.withMigratedDatabase { client, catalogue in
            try await RunStoreTests.loadSamples(client, catalogue, partners: ["local_health_board", "dwp"])
            var store = RunStore(client: client, catalogue: catalogue, logger: TestCluster.logger)
            let whole = try #require(try await store.compute(trigger: .cli, today: ResultSetTests.today))
            store.batchRows = 7
            let batched = try #require(try await store.compute(trigger: .cli, today: ResultSetTests.today))
            let sets = try await TestCluster.scalar(client, "SELECT count(*)::int FROM result_set WHERE run_id = \(whole.runID)")
            #expect(sets > 5)
            #expect(whole.measures > 7 * sets, "the batches must hold several sets for this test to mean anything")
            #expect(batched.measures == whole.measures)
            // One set and one span per indicator, each set's measure count its own.
            #expect(try await TestCluster.scalar(client, "SELECT count(*)::int FROM result_set WHERE run_id = \(batched.runID)") == sets)
            #expect(try await TestCluster.scalar(client, "SELECT count(*)::int FROM result_span WHERE from_run = \(batched.runID)") == sets)
            #expect(try await TestCluster.scalar(client, """
                SELECT count(*)::int FROM result_set s
                WHERE s.run_id = \(batched.runID) AND s.measures <> (SELECT count(*) FROM result r WHERE r.result_set_id = s.id)
                """) == 0)
            // The same measures and roll-up inputs, column for column.
            let columns = "indicator_id, area_id, breakdown_id, period, period_start, value, lower95, upper95, lower998, upper998, numerator, denominator, derived, notes, vs_wales, vs_board, trend, trend_chi2, change_abs, change_rel, quintile, target_met, stale, gap, gap_significant"
            for (a, b) in [(whole.runID, batched.runID), (batched.runID, whole.runID)] {
                #expect(try await TestCluster.scalar(client, """
                    SELECT count(*)::int FROM (SELECT \(columns) FROM measure WHERE run_id = \(a)
                                               EXCEPT ALL SELECT \(columns) FROM measure WHERE run_id = \(b)) d
                    """) == 0)
                #expect(try await TestCluster.scalar(client, """
                    SELECT count(*)::int FROM (
                        SELECT l.indicator_id, l.area_id, l.breakdown_id, l.period, l.value, l.vs_wales, l.trend, l.stale, l.gap
                        FROM run_result rr JOIN result_latest l USING (indicator_id, result_set_id) WHERE rr.run_id = \(a)
                        EXCEPT ALL
                        SELECT l.indicator_id, l.area_id, l.breakdown_id, l.period, l.value, l.vs_wales, l.trend, l.stale, l.gap
                        FROM run_result rr JOIN result_latest l USING (indicator_id, result_set_id) WHERE rr.run_id = \(b)) d
                    """) == 0)
            }
        }
    }
}
