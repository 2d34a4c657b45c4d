import Foundation
import Testing
import OutcomesCore
import OutcomesFeeds
import OutcomesStore
import OutcomesTestSupport
import PostgresNIO

@Suite("Computation runs against a real PostgreSQL")
struct RunStoreTests {
    static let today = CivilDate(year: 2026, month: 11, day: 23)!

    /// Loads the sample feeds of a few partners (real catalogue, synthetic values).
    static func loadSamples(_ client: PostgresClient, _ catalogue: Catalogue, partners: [String]) async throws {
        let root = TestCluster.repositoryRoot + "/Indicators/samples"
        for partner in partners {
            let files = (try FileManager.default.contentsOfDirectory(atPath: root + "/" + partner)).sorted()
            for file in files where file.hasSuffix(".csv") {
                let path = "\(root)/\(partner)/\(file)"
                _ = try await FeedIngest(client: client, catalogue: catalogue, logger: TestCluster.logger)
                    .ingest(FileChunks(path: path), FeedSubmission(partner: partner, in: catalogue, source: .cli, fileName: file, format: .csv, today: today))
            }
        }
    }

    /// Every measure of a run as comparable text rows (without the run id).
    static func rows(_ client: PostgresClient, run: Int64) async throws -> [String] {
        var out: [String] = []
        let query = PostgresQuery(unsafeSQL: """
            SELECT concat_ws('|', indicator_id, area_id, breakdown_id, period, value, lower95, upper95, lower998, upper998,
                   derived, vs_wales, vs_board, trend, trend_chi2, change_abs, quintile, target_met, stale, gap, gap_significant)
            FROM measure WHERE run_id = \(run) ORDER BY 1
            """)
        for try await row in try await client.query(query, logger: TestCluster.logger).decode(String.self) { out.append(row) }
        return out
    }

    @Test("a run left 'running' by a process that stopped mid-run is closed as failed (abandoned) by the next run")
    func abandonedRunIsClosed() async throws {
        try await TestCluster.withMigratedDatabase { client, catalogue in
            try await Self.loadSamples(client, catalogue, partners: ["local_authority"])
            // What a kill mid-run leaves: the run row (written outside the run's transaction) and nothing else.
            let abandoned = try await TestCluster.scalar(client, """
                INSERT INTO run (trigger, full_run, catalogue_fingerprint, status, generation)
                VALUES ('schedule', true, 'x', 'running', 0) RETURNING id
                """)
            let store = RunStore(client: client, catalogue: catalogue, logger: TestCluster.logger)
            let report = try #require(try await store.compute(trigger: .cli, today: Self.today))
            #expect(report.runID > Int64(abandoned))
            var rows: [(String, String?, Bool)] = []
            for try await row in try await client.query("SELECT status, message, finished_at IS NOT NULL FROM run WHERE id = \(abandoned)",
                                                        logger: TestCluster.logger).decode((String, String?, Bool).self) {
                rows.append(row)
            }
            #expect(rows.count == 1)
            #expect(rows.first?.0 == "failed")
            #expect(rows.first?.1?.hasPrefix("abandoned:") == true)
            #expect(rows.first?.2 == true)
            #expect(try await TestCluster.scalar(client, "SELECT count(*)::int FROM run WHERE status = 'running'") == 0)
            #expect(try await TestCluster.scalar(client, "SELECT count(*)::int FROM measure WHERE run_id = \(abandoned)") == 0)
        }
    }

    @Test("an incremental run after a feed equals a full run over the same data")
    func incrementalEqualsFull() async throws {
        try await TestCluster.withMigratedDatabase { client, catalogue in
            try await Self.loadSamples(client, catalogue, partners: ["local_health_board", "dwp"])
            let store = RunStore(client: client, catalogue: catalogue, logger: TestCluster.logger)
            let first = try #require(try await store.compute(trigger: .cli, today: Self.today))
            #expect(first.full && first.measures >= first.observations && first.observations > 0)
            // A revised feed for one indicator.
            let revised = "indicator,area,period,numerator,denominator,note\nlow_birth_weight,W06000013,2023,1,900,r\n"
            _ = try await FeedIngest(client: client, catalogue: catalogue, logger: TestCluster.logger)
                .ingest(ByteChunks(revised), FeedSubmission(partner: "local_health_board", in: catalogue, source: .cli, fileName: "r.csv", format: .csv, today: Self.today))
            let incremental = try #require(try await store.compute(trigger: .feed, indicators: ["low_birth_weight"], today: Self.today))
            #expect(!incremental.full && incremental.recomputedIndicators == 1 && incremental.basedOn == first.runID)
            let full = try #require(try await store.compute(trigger: .cli, today: Self.today))
            let a = try await Self.rows(client, run: incremental.runID)
            let b = try await Self.rows(client, run: full.runID)
            #expect(a.count == b.count && a == b)
            let s1 = try await TestCluster.summary(client, catalogue, area: "W92000004", run: incremental.runID)
            let s2 = try await TestCluster.summary(client, catalogue, area: "W92000004", run: full.runID)
            #expect(s1 != nil && s1 == s2)
        }
    }

    @Test("a reader during a run sees the previous finished run, never half a run")
    func atomicRuns() async throws {
        try await TestCluster.withMigratedDatabase { client, catalogue in
            try await Self.loadSamples(client, catalogue, partners: ["local_authority"])
            let store = RunStore(client: client, catalogue: catalogue, logger: TestCluster.logger)
            let first = try #require(try await store.compute(trigger: .cli, today: Self.today))
            // Hold the second run mid-way, deterministically: another transaction keeps
            // run_published_day locked against writes, so the run waits at its last statement
            // before COMMIT, with its result sets written and its row marked finished but not
            // committed. Readers are polled during exactly that.
            let finished = try await client.withConnection { holder in
                try await holder.query("BEGIN", logger: TestCluster.logger)
                try await holder.query("LOCK TABLE run_published_day IN EXCLUSIVE MODE", logger: TestCluster.logger)
                let second = Task { try await store.compute(trigger: .cli, today: Self.today) }
                // The event: the run's backend waits for that lock.
                let blocked = try await eventually(seconds: 30) {
                    try await TestCluster.scalar(client, """
                        SELECT count(*)::int FROM pg_locks WHERE relation = 'run_published_day'::regclass AND NOT granted
                        """) > 0
                }
                #expect(blocked, "the second run never reached its end")
                #expect(try await TestCluster.scalar(client, "SELECT count(*)::int FROM run WHERE status = 'running'") == 1)
                for _ in 0..<10 {
                    let run = try await MeasureQueries(client: client, logger: TestCluster.logger).run()
                    #expect(run.id == first.runID, "a reader saw the unfinished run")
                    let stored = try await TestCluster.scalar(client, "SELECT count(*)::int FROM measure WHERE run_id = \(run.id)")
                    let recorded = try await TestCluster.scalar(client, "SELECT measures FROM run WHERE id = \(run.id)")
                    #expect(stored == recorded)
                }
                try await holder.query("COMMIT", logger: TestCluster.logger)
                return try #require(try await second.value)
            }
            #expect(try await MeasureQueries(client: client, logger: TestCluster.logger).run().id == finished.runID)
            #expect(try await TestCluster.scalar(client, "SELECT count(*)::int FROM measure WHERE run_id = \(finished.runID)") == finished.measures)
        }
    }

    @Test("a run derives Wales and health-board points and rolls every aim and dimension up for every area")
    func rollUps() async throws {
        try await TestCluster.withMigratedDatabase { client, catalogue in
            try await Self.loadSamples(client, catalogue, partners: ["local_health_board"])
            let store = RunStore(client: client, catalogue: catalogue, logger: TestCluster.logger)
            let run = try #require(try await store.compute(trigger: .cli, today: Self.today))
            let queries = MeasureQueries(client: client, logger: TestCluster.logger)
            let wales = try #require(try await TestCluster.summary(client, catalogue, area: "W92000004", run: run.runID))
            #expect(wales.aims.count == 7 && wales.dimensions.count == 9)
            let aim1 = try #require(wales.aims.first)
            #expect(aim1.indicators.count == catalogue.indicators.filter { $0.aims.contains(1) }.count)
            #expect(aim1.current.count + aim1.stale.count + aim1.missing.count == aim1.indicators.count)
            let cardiff = try #require(try await TestCluster.summary(client, catalogue, area: "W06000015", run: run.runID))
            let compared = cardiff.aims[0].better.count + cardiff.aims[0].similar.count + cardiff.aims[0].worse.count
            #expect(compared > 0)
            let series = try await queries.series(indicator: "low_birth_weight", area: "W06000015", run: run.runID)
            #expect(series.count >= 6)
            #expect(series.allSatisfy { ($0.lower95 ?? .infinity) <= ($0.value ?? 0) && ($0.value ?? 0) <= ($0.upper95 ?? -.infinity) })
            #expect(series.last?.trend != nil && series.last?.benchmark != nil)
        }
    }

    @Test("the run's reader and writer share one snapshot: a feed committed while the run goes on is neither computed nor claimed by it; the next run takes it")
    func oneSnapshotForReaderAndWriter() async throws {
        try await TestCluster.withMigratedDatabase { client, catalogue in
            try await Self.loadSamples(client, catalogue, partners: ["local_health_board"])
            let store = RunStore(client: client, catalogue: catalogue, logger: TestCluster.logger)
            _ = try #require(try await store.compute(trigger: .cli, today: Self.today))
            let value = "SELECT (m.value * 1000)::int FROM measure m JOIN indicator i ON i.id = m.indicator_id JOIN area a ON a.id = m.area_id"
                + " WHERE m.run_id = %d AND i.key = 'low_birth_weight' AND a.code = 'W06000013' AND m.period = '2023' AND m.breakdown_id ="
                + " (SELECT id FROM breakdown WHERE key = 'all')"
            // Hold the next run after its observations were read and its results written, before
            // it records its alerts: another transaction keeps alert_evaluation locked.
            let (held, feedID) = try await client.withConnection { holder in
                try await holder.query("BEGIN", logger: TestCluster.logger)
                try await holder.query("LOCK TABLE alert_evaluation IN EXCLUSIVE MODE", logger: TestCluster.logger)
                let second = Task { try await store.compute(trigger: .cli, today: Self.today) }
                let blocked = try await eventually(seconds: 30) {
                    try await TestCluster.scalar(client, """
                        SELECT count(*)::int FROM pg_locks WHERE relation = 'alert_evaluation'::regclass AND NOT granted
                        """) > 0
                }
                #expect(blocked, "the run never reached its alerts")
                // Meanwhile a feed revises a value the run has already read.
                let revised = "indicator,area,period,numerator,denominator\nlow_birth_weight,W06000013,2023,450,900\n"
                let report = try await FeedIngest(client: client, catalogue: catalogue, logger: TestCluster.logger)
                    .ingest(ByteChunks(revised), FeedSubmission(partner: "local_health_board", in: catalogue, source: .cli, fileName: "late.csv",
                                                               format: .csv, today: Self.today))
                #expect(report.status == .applied && report.updated == 1)
                try await holder.query("COMMIT", logger: TestCluster.logger)
                return (try #require(try await second.value), try #require(report.feedID))
            }
            // The held run computed the old value and did not claim the feed it never saw.
            #expect(try await TestCluster.scalar(client, String(format: value, held.runID)) != 50_000)
            #expect(try await TestCluster.scalar(client, "SELECT count(*)::int FROM run_feed WHERE feed_id = \(feedID)") == 0)
            let next = try #require(try await store.compute(trigger: .feed, indicators: ["low_birth_weight"], today: Self.today))
            #expect(try await TestCluster.scalar(client, String(format: value, next.runID)) == 50_000)
            #expect(try await TestCluster.scalar(client, "SELECT run_id::int FROM run_feed WHERE feed_id = \(feedID)") == Int(next.runID))
        }
    }
}
