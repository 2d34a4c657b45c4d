import Foundation
import Testing
import OutcomesCore
import OutcomesFeeds
@testable import OutcomesStore
import OutcomesTestSupport
import PostgresNIO

@Suite("Feed ingest against a real PostgreSQL")
struct FeedIngestTests {
    static let today = CivilDate(year: 2026, month: 11, day: 23)!
    static let header = "indicator,area,period,breakdown,numerator,denominator,note\n"
    static let feedA = header + """
        low_birth_weight,W06000013,2022,all,52,900,
        low_birth_weight,W06000013,2023,all,48,910,p
        low_birth_weight,W06000014,2023,all,40,1000,

        """

    static func ingest(_ client: PostgresClient, _ catalogue: Catalogue, _ text: String, partner: String = "local_health_board",
                       strict: Bool = false, dryRun: Bool = false, format: FeedFormat = .csv, name: String = "feed.csv",
                       logger: Logger = TestCluster.logger) async throws -> ImportReport {
        try await FeedIngest(client: client, catalogue: catalogue, logger: logger)
            .ingest(ByteChunks(text), FeedSubmission(partner: partner, in: catalogue, source: .cli, fileName: name, format: format,
                                                     strict: strict, dryRun: dryRun, today: today))
    }

    static func count(_ client: PostgresClient, _ sql: String) async throws -> Int {
        try await TestCluster.scalar(client, sql)
    }

    @Test("a feed lands: rows inserted as revision 1, the feed recorded with its counts and row errors")
    func applied() async throws {
        try await TestCluster.withMigratedDatabase { client, catalogue in
            let text = Self.feedA + "low_birth_weight,W06000014,2024,all,50,40,\n"
            let report = try await Self.ingest(client, catalogue, text)
            #expect(report.status == .applied)
            #expect((report.rows, report.inserted, report.updated, report.unchanged, report.rejected) == (4, 3, 0, 0, 1))
            #expect(report.errors.map(\.code.rawValue) == ["numerator_exceeds_denominator"])
            #expect(report.errors.first?.line == 5)
            #expect(try await Self.count(client, "SELECT count(*)::int FROM observation WHERE revision = 1") == 3)
            #expect(try await Self.count(client, "SELECT count(*)::int FROM observation_revision") == 3)
            #expect(try await Self.count(client, "SELECT inserted + 10 * rejected FROM feed WHERE status = 'applied'") == 13)
            #expect(try await Self.count(client, "SELECT line::int FROM feed_error WHERE code = 'numerator_exceeds_denominator'") == 5)
            let notes = try await Self.count(client, "SELECT count(*)::int FROM observation WHERE notes = 'p' AND period = '2023' AND value BETWEEN 5.27 AND 5.28")
            #expect(notes == 1)
        }
    }

    @Test("re-sending a byte-identical feed is a recorded duplicate and writes nothing")
    func duplicate() async throws {
        try await TestCluster.withMigratedDatabase { client, catalogue in
            let first = try await Self.ingest(client, catalogue, Self.feedA)
            let second = try await Self.ingest(client, catalogue, Self.feedA)
            #expect(second.status == .duplicate && second.duplicateOf == first.feedID)
            #expect(second.sha256 == first.sha256 && second.sha256.count == 64)
            #expect(try await Self.count(client, "SELECT count(*)::int FROM observation_revision") == 3)
            #expect(try await Self.count(client, "SELECT count(*)::int FROM feed WHERE status = 'duplicate'") == 1)
        }
    }

    @Test("a revised feed updates changed rows only, keeps every version, and as-of reads see the past")
    func revisionsAndAsOf() async throws {
        try await TestCluster.withMigratedDatabase { client, catalogue in
            let first = try await Self.ingest(client, catalogue, Self.feedA)
            try await Task.sleep(for: .milliseconds(20))
            let between = Date()
            try await Task.sleep(for: .milliseconds(20))
            // 2023 for Bridgend revised (note r), the rest identical, one new row.
            let revised = Self.header + """
                low_birth_weight,W06000013,2022,all,52,900,
                low_birth_weight,W06000013,2023,all,49,910,r
                low_birth_weight,W06000014,2023,all,40,1000,
                low_birth_weight,W06000013,2024,all,47,905,p

                """
            let second = try await Self.ingest(client, catalogue, revised)
            #expect((second.inserted, second.updated, second.unchanged) == (1, 1, 2))
            let history = ObservationHistory(client: client, logger: TestCluster.logger)
            let now = try await history.series(indicator: "low_birth_weight", area: "W06000013")
            #expect(now.map(\.period) == ["2022", "2023", "2024"])
            #expect(now[1].numerator == 49 && now[1].revision == 2 && now[1].notes == "r" && now[1].feedID == second.feedID)
            let past = try await history.series(indicator: "low_birth_weight", area: "W06000013", asOf: between)
            #expect(past.map(\.period) == ["2022", "2023"])
            #expect(past[1].numerator == 48 && past[1].revision == 1 && past[1].feedID == first.feedID)
            #expect(try await Self.count(client, "SELECT count(*)::int FROM observation_revision") == 5)
        }
    }

    @Test("strict mode rejects the whole feed on one row error and stores nothing of it")
    func strict() async throws {
        try await TestCluster.withMigratedDatabase { client, catalogue in
            let report = try await Self.ingest(client, catalogue, Self.feedA + "low_birth_weight,W06000014,2031,all,1,2,\n", strict: true)
            #expect(report.status == .rejected && report.exitCode == 1)
            #expect(report.errors.map(\.code.rawValue) == ["future_period"])
            #expect(try await Self.count(client, "SELECT count(*)::int FROM observation") == 0)
            #expect(try await Self.count(client, "SELECT count(*)::int FROM feed f JOIN feed_error e ON e.feed_id = f.id WHERE f.status = 'rejected'") == 1)
        }
    }

    @Test("a dry run reports what would change and writes nothing")
    func dryRun() async throws {
        try await TestCluster.withMigratedDatabase { client, catalogue in
            _ = try await Self.ingest(client, catalogue, Self.feedA)
            let changed = Self.feedA.replacingOccurrences(of: "48,910,p", with: "47,910,r") + "low_birth_weight,W06000015,2023,all,60,1200,\n"
            let report = try await Self.ingest(client, catalogue, changed, dryRun: true)
            #expect(report.status == .dryRun && report.feedID == nil)
            #expect((report.inserted, report.updated, report.unchanged) == (1, 1, 2))
            #expect(try await Self.count(client, "SELECT count(*)::int FROM observation_revision") == 3)
            #expect(try await Self.count(client, "SELECT count(*)::int FROM feed") == 1)
        }
    }

    @Test("a file-level error rejects the feed whole with its message recorded")
    func fileLevelRejection() async throws {
        try await TestCluster.withMigratedDatabase { client, catalogue in
            let report = try await Self.ingest(client, catalogue, "indicator,area,numerator,denominator\nlow_birth_weight,W06000013,1,2\n")
            #expect(report.status == .rejected)
            #expect(report.fileError?.code == "missing_column")
            #expect(try await Self.count(client, "SELECT count(*)::int FROM feed WHERE status = 'rejected' AND message LIKE 'missing_column:%'") == 1)
            #expect(try await Self.count(client, "SELECT count(*)::int FROM observation") == 0)
        }
    }

    @Test("JSON feeds land like CSV ones")
    func json() async throws {
        try await TestCluster.withMigratedDatabase { client, catalogue in
            let text = #"{"observations": [{"indicator": "low_birth_weight", "area": "W06000013", "period": "2023", "numerator": 48, "denominator": 910}]}"#
            let report = try await Self.ingest(client, catalogue, text, format: .json, name: "feed.json")
            #expect(report.status == .applied && report.inserted == 1)
        }
    }

    @Test("concurrent feeds on the same keys are serialised and the history keeps both")
    func concurrentFeeds() async throws {
        try await TestCluster.withMigratedDatabase { client, catalogue in
            _ = try await Self.ingest(client, catalogue, Self.feedA)
            let rows = (0..<200).map { i in "low_birth_weight,W06000013,\(1990 + i % 30),all,\(10 + i % 30),1000," }
            // Unique keys per feed: 30 periods; two feeds with different values on the same keys.
            let keys = Array(Set(rows.map { $0.split(separator: ",")[2] })).sorted()
            let a = Self.header + keys.map { "low_birth_weight,W06000013,\($0),all,11,1000," }.joined(separator: "\n") + "\n"
            let b = Self.header + keys.map { "low_birth_weight,W06000013,\($0),all,12,1000," }.joined(separator: "\n") + "\n"
            async let ra = Self.ingest(client, catalogue, a, name: "a.csv")
            async let rb = Self.ingest(client, catalogue, b, name: "b.csv")
            let (reportA, reportB) = try await (ra, rb)
            #expect(reportA.status == .applied && reportB.status == .applied)
            // Every key has two revisions of these feeds (plus revision 1 from feed A for 2022/2023).
            let revisions = try await Self.count(client, "SELECT count(*)::int FROM observation_revision r JOIN feed f ON f.id = r.feed_id WHERE f.file_name IN ('a.csv', 'b.csv')")
            #expect(revisions == keys.count * 2)
            let consistent = try await Self.count(client, """
                SELECT count(*)::int FROM observation o
                WHERE o.revision <> (SELECT max(r.revision) FROM observation_revision r
                    WHERE (r.indicator_id, r.area_id, r.breakdown_id, r.period) = (o.indicator_id, o.area_id, o.breakdown_id, o.period))
                """)
            #expect(consistent == 0)
        }
    }

    @Test("the same observation twice in a feed is refused by the database as duplicate_key naming the first row, however it is spelled; the rest lands")
    func repeatedKeyFoundByTheDatabase() async throws {
        try await TestCluster.withMigratedDatabase { client, catalogue in
            // Line 4 repeats line 2 with an explicit breakdown ('all' is what an empty one means).
            let text = Self.header + """
                low_birth_weight,W06000013,2022,,52,900,
                low_birth_weight,W06000013,2023,all,48,910,
                low_birth_weight,W06000013,2022,all,53,900,
                low_birth_weight,W06000014,2023,all,40,1000,

                """
            // The partner's first load: copied straight into the history until the repeated key
            // stops the COPY, then staged from its spill and merged (FirstLoad).
            let log = LogRecording()
            let report = try await Self.ingest(client, catalogue, text, logger: log.logger(label: "ingest", level: .debug))
            #expect(log.recorded.contains { $0.contains("first load repeats a key; staging it to merge") }, "\(log.recorded)")
            #expect(report.status == .applied)
            #expect((report.rows, report.inserted, report.rejected) == (4, 3, 1))
            let error = try #require(report.errors.first)
            #expect(error.description == "line 4: record: duplicate_key: this indicator, area, breakdown and period were already given on line 2; send each observation once per feed (value 'low_birth_weight W06000013 all 2022')")
            // The first row's value is the one stored, once; the refusal is stored as reported.
            #expect(try await Self.count(client, "SELECT count(*)::int FROM observation_revision WHERE period = '2022'") == 1)
            #expect(try await Self.count(client, "SELECT numerator::int FROM observation WHERE period = '2022'") == 52)
            #expect(try await Self.count(client, "SELECT line::int FROM feed_error WHERE code = 'duplicate_key'") == 4)

            // JSON counts observations; strict refuses the feed whole; a dry run reports it too.
            let json = #"{"observations": [{"indicator": "low_birth_weight", "area": "W06000015", "period": "2023", "numerator": 1, "denominator": 9}, {"indicator": "low_birth_weight", "area": "W06000015", "period": "2023", "numerator": 2, "denominator": 9}]}"#
            let fromJSON = try await Self.ingest(client, catalogue, json, format: .json, name: "feed.json")
            #expect(fromJSON.errors.map { "\($0.location) \($0.code)" } == ["observation 2 duplicate_key"])
            #expect(fromJSON.errors.first?.message.contains("in observation 1") == true)
            let strictText = Self.header + "low_birth_weight,W06000016,2023,all,1,9,\nlow_birth_weight,W06000016,2023,all,1,9,\n"
            let strict = try await Self.ingest(client, catalogue, strictText, strict: true, name: "strict.csv")
            #expect(strict.status == .rejected && strict.errors.map(\.code.rawValue) == ["duplicate_key"])
            #expect(try await Self.count(client, "SELECT count(*)::int FROM observation WHERE area_id = (SELECT id FROM area WHERE code = 'W06000016')") == 0)
            let dry = try await Self.ingest(client, catalogue, strictText, dryRun: true, name: "dry.csv")
            #expect(dry.status == .dryRun && dry.errors.map(\.line) == [3] && dry.inserted == 1)
        }
    }

    @Test("a partner's first load is copied straight into the history and stored as a merge would store it; its next feed is merged")
    func firstLoadCopiedStraight() async throws {
        try await TestCluster.withMigratedDatabase { client, catalogue in
            let log = LogRecording()
            let report = try await Self.ingest(client, catalogue, Self.feedA, logger: log.logger(label: "ingest", level: .debug))
            #expect(log.recorded.contains { $0.contains("first load copied into the history") }, "\(log.recorded)")
            #expect(report.status == .applied && (report.rows, report.inserted, report.updated, report.rejected) == (3, 3, 0, 0))
            let feed = try #require(report.feedID)
            // Revision 1 of its feed, recorded in the feed's transaction; the feed row completed
            // with its counts, size, digest and indicators (it was written before the rows).
            #expect(try await Self.count(client, """
                SELECT count(*)::int FROM observation_revision
                WHERE revision = 1 AND feed_id = \(feed) AND recorded_at = (SELECT received_at FROM feed WHERE id = \(feed))
                """) == 3)
            #expect(try await Self.count(client, """
                SELECT count(*)::int FROM feed
                WHERE id = \(feed) AND status = 'applied' AND rows_total = 3 AND inserted = 3 AND finished_at IS NOT NULL
                  AND byte_size = \(Self.feedA.utf8.count) AND encode(sha256, 'hex') = '\(report.sha256)'
                  AND indicators = ARRAY[(SELECT id FROM indicator WHERE key = 'low_birth_weight')]
                """) == 1)
            #expect(try await Self.count(client, "SELECT numerator::int FROM observation WHERE period = '2022'") == 52)
            // The same bytes again: a duplicate of it, found by its digest.
            #expect(try await Self.ingest(client, catalogue, Self.feedA, name: "again.csv").status == .duplicate)
            // The partner's next feed compares with what is stored: merged, not copied.
            let next = LogRecording()
            let revised = try await Self.ingest(client, catalogue, Self.feedA.replacingOccurrences(of: ",52,900,", with: ",53,900,"),
                                                name: "revised.csv", logger: next.logger(label: "ingest", level: .debug))
            #expect(!next.recorded.contains { $0.contains("first load") }, "\(next.recorded)")
            #expect((revised.inserted, revised.updated, revised.unchanged) == (0, 1, 2))
            #expect(try await Self.count(client, "SELECT numerator::int FROM observation WHERE period = '2022'") == 53)
        }
    }

    @Test("an indicator's lock is its id's stripe: ids below 1,024 keep one each, larger ids share them, each key once and in order")
    func lockKeysAreStripes() {
        #expect(FeedIngest.lockKeys([7, 3, 7]) == [3, 7])
        #expect(FeedIngest.lockKeys([5, 1029, 2000, 5]) == [5, 976])
        // The 10M benchmark's catalogue: 5,327 indicators (5,290 of them its partner's), 1,024 locks.
        #expect(FeedIngest.lockKeys(Int32(1)...Int32(5_327)) == Array(0..<1024))
    }

    @Test("a first load's claim holds the lock of every indicator of the partner until its transaction ends, and is refused once one has a value")
    func firstLoadClaimLocksEveryIndicator() async throws {
        try await TestCluster.withMigratedDatabase { client, catalogue in
            let keys = try await CatalogueKeys.load(client, logger: TestCluster.logger)
            let ids = catalogue.indicators.filter { $0.partner == "local_health_board" }.compactMap { keys.indicators[$0.id] }
            #expect(ids.count > 1)
            try await client.withConnection { holder in
                try await holder.query("BEGIN", logger: TestCluster.logger)
                let claimed = try await FirstLoad.claim(partner: "local_health_board", catalogue: catalogue, keys: keys,
                                                        on: holder, logger: TestCluster.logger)
                #expect(claimed)
                // From another session, not one of them can be taken.
                #expect(try await Self.count(client, """
                    SELECT count(*)::int FROM unnest(ARRAY[\(ids.map(String.init).joined(separator: ","))]::int[]) AS u(id)
                    WHERE pg_try_advisory_xact_lock(\(FeedIngest.indicatorLockSpace), id)
                    """) == 0)
                try await holder.query("ROLLBACK", logger: TestCluster.logger)
            }
            #expect(try await Self.count(client, """
                SELECT count(*)::int FROM unnest(ARRAY[\(ids.map(String.init).joined(separator: ","))]::int[]) AS u(id)
                WHERE pg_try_advisory_xact_lock(\(FeedIngest.indicatorLockSpace), id)
                """) == ids.count)
            // Once one indicator has a value, the partner's feeds are merged.
            _ = try await Self.ingest(client, catalogue, Self.feedA)
            try await client.withConnection { holder in
                try await holder.query("BEGIN", logger: TestCluster.logger)
                #expect(try await FirstLoad.claim(partner: "local_health_board", catalogue: catalogue, keys: keys,
                                                  on: holder, logger: TestCluster.logger) == false)
                try await holder.query("ROLLBACK", logger: TestCluster.logger)
            }
        }
    }

    @Test("a first load of 100,000 rows whose third row repeats its first: the COPY stops mid-feed, the rest is read and merged, only the repeat is refused")
    func firstLoadRepeatMidStream() async throws {
        try await TestCluster.withMigratedDatabase { client, catalogue in
            let (text, rows) = SyntheticFeed.csv(catalogue, partner: "local_authority", rows: 100_000)
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            lines.insert(lines[1], at: 3)   // file line 4 repeats file line 2
            let log = LogRecording()
            let report = try await Self.ingest(client, catalogue, lines.joined(separator: "\n"), partner: "local_authority",
                                               name: "big.csv", logger: log.logger(label: "ingest", level: .debug))
            #expect(log.recorded.contains { $0.contains("first load repeats a key; staging it to merge") }, "\(log.recorded.suffix(5))")
            #expect(report.status == .applied)
            #expect((report.rows, report.inserted, report.rejected) == (rows + 1, rows, 1))
            #expect(report.errors.map { "\($0.line) \($0.code)" } == ["4 duplicate_key"])
            #expect(try await Self.count(client, "SELECT count(*)::int FROM observation_revision") == rows)
            #expect(try await Self.count(client, "SELECT count(*)::int FROM feed") == 1)
        }
    }

    @Test("a feed with a first load of one indicator and revisions of another: the first is inserted as revision 1, only the other's changed rows are revised")
    func firstLoadBesideRevisions() async throws {
        try await TestCluster.withMigratedDatabase { client, catalogue in
            _ = try await Self.ingest(client, catalogue, Self.feedA)
            let mixed = Self.header + """
                low_birth_weight,W06000013,2022,all,52,900,
                low_birth_weight,W06000013,2023,all,49,910,p
                smoking_in_pregnancy,W06000013,2023,all,100,900,
                smoking_in_pregnancy,W06000014,2023,all,90,1000,

                """
            let report = try await Self.ingest(client, catalogue, mixed, name: "mixed.csv")
            #expect((report.status, report.inserted, report.updated, report.unchanged, report.rejected) == (.applied, 2, 1, 1, 0),
                    "\(report.errors)")
            #expect(try await Self.count(client, """
                SELECT count(*)::int FROM observation_revision r JOIN indicator i ON i.id = r.indicator_id
                WHERE i.key = 'smoking_in_pregnancy' AND r.revision = 1
                """) == 2)
            #expect(try await Self.count(client, "SELECT max(revision)::int FROM observation WHERE period = '2023' AND numerator = 49") == 2)
            #expect(try await Self.count(client, "SELECT cardinality(indicators)::int FROM feed WHERE file_name = 'mixed.csv'") == 2)
        }
    }

    @Test("the history is the only keyed table: `observation` is the view of each key's newest revision, and one indicator's read goes through the history's key")
    func historyIsTheOnlyKeyedTable() async throws {
        try await TestCluster.withMigratedDatabase { client, catalogue in
            _ = try await Self.ingest(client, catalogue, Self.feedA)
            let revised = Self.feedA.replacingOccurrences(of: "52,900", with: "53,900")
            _ = try await Self.ingest(client, catalogue, revised, name: "revised.csv")
            #expect(try await Self.count(client, "SELECT count(*)::int FROM observation_revision") == 4)
            #expect(try await Self.count(client, "SELECT count(*)::int FROM observation") == 3)
            #expect(try await Self.count(client, "SELECT numerator::int * 10 + revision FROM observation WHERE period = '2022'") == 532)
            #expect(try await Self.count(client, "SELECT count(*)::int FROM pg_class WHERE relname = 'observation' AND relkind = 'v'") == 1)
            #expect(try await Self.count(client, "SELECT count(*)::int FROM pg_indexes WHERE tablename = 'observation_revision'") == 1)
            var plan: [String] = []
            for try await line in try await client.query("""
                EXPLAIN SELECT * FROM observation WHERE indicator_id = (SELECT id FROM indicator WHERE key = 'low_birth_weight')
                """, logger: TestCluster.logger).decode(String.self) { plan.append(line) }
            // An index scan (or, on so few rows, a bitmap scan) of the key, with the indicator as its condition.
            #expect(plan.contains { $0.contains("Index Scan on observation_revision_key") || $0.contains("Index Scan using observation_revision_key") },
                    "\(plan.joined(separator: "\n"))")
            #expect(plan.contains { $0.contains("Index Cond: (indicator_id =") }, "\(plan.joined(separator: "\n"))")
        }
    }

    @Test("migration 11 keeps every stored value: the current values read through the view are the table's, and a table row without its revision stops the migration")
    func migrationElevenCarriesOver() async throws {
        let target = try await TestCluster.shared.newDatabase()
        try await TestCluster.withClient(target) { client in
            let migrator = Migrator(client: client, logger: TestCluster.logger)
            _ = try await migrator.migrate(Array(Migration.all.prefix(10)))
            // Values as version 10 stored them: current values in `observation`, each version in the history.
            try await client.query("""
                INSERT INTO observation_revision (indicator_id, area_id, breakdown_id, period, revision, period_start, numerator,
                                                  denominator, value, notes, feed_id, recorded_at)
                SELECT 1, a, 1, p::text, r, make_date(p, 1, 1), a * 10 + r, 100, a * 10 + r, '', r, now()
                FROM generate_series(1, 3) AS a, generate_series(2021, 2023) AS p, generate_series(1, 2) AS r
                """, logger: TestCluster.logger)
            try await client.query("""
                INSERT INTO observation (indicator_id, area_id, breakdown_id, period, period_start, numerator, denominator,
                                         value, notes, revision, feed_id, recorded_at)
                SELECT indicator_id, area_id, breakdown_id, period, period_start, numerator, denominator, value, notes, revision,
                       feed_id, recorded_at
                FROM observation_revision WHERE revision = 2
                """, logger: TestCluster.logger)
            let columns = "indicator_id, area_id, breakdown_id, period, period_start, numerator, denominator, value, notes, revision, feed_id"
            func current() async throws -> [String] {
                var rows: [String] = []
                for try await row in try await client.query(PostgresQuery(unsafeSQL: """
                    SELECT concat_ws('|', \(columns)) FROM observation ORDER BY 1
                    """), logger: TestCluster.logger).decode(String.self) { rows.append(row) }
                return rows
            }
            let before = try await current()
            #expect(before.count == 9)
            // A current value the history lacks: the migration refuses, and nothing of it is left.
            try await client.query("""
                INSERT INTO observation (indicator_id, area_id, breakdown_id, period, period_start, value, notes, revision, feed_id, recorded_at)
                VALUES (2, 1, 1, '2024', '2024-01-01', 1, '', 1, 1, now())
                """, logger: TestCluster.logger)
            let failure = await #expect(throws: (any Error).self) { try await migrator.migrate() }
            #expect(String(reflecting: failure).contains("observation rows without their revision"), "\(String(reflecting: failure))")
            #expect(try await Self.count(client, "SELECT count(*)::int FROM schema_migration WHERE version = 11") == 0)
            try await client.query("DELETE FROM observation WHERE indicator_id = 2", logger: TestCluster.logger)
            #expect(try await migrator.migrate() == [11, 12, 13, 14, 15, 16, 17, 18])
            #expect(try await current() == before)
            #expect(try await Self.count(client, "SELECT count(*)::int FROM observation_revision") == 18)
        }
    }

    @Test("a key map passed in (loaded once after the sync) is the one used: a map lacking a catalogue key is refused, naming it, before anything is stored")
    func givenKeyMap() async throws {
        try await TestCluster.withMigratedDatabase { client, catalogue in
            let keys = try await CatalogueKeys.load(client, logger: TestCluster.logger)
            let submission = try FeedSubmission(partner: "local_health_board", in: catalogue, source: .cli, fileName: "a.csv",
                                                format: .csv, today: Self.today)
            let report = try await FeedIngest(client: client, catalogue: catalogue, keys: keys, logger: TestCluster.logger)
                .ingest(ByteChunks(Self.feedA), submission)
            #expect(report.status == .applied && report.inserted == 3)
            // A map that does not match the catalogue (it was not synced): nothing is guessed.
            let stale = CatalogueKeys(indicators: keys.indicators, areas: keys.areas.filter { $0.key != "W06000013" },
                                      breakdowns: keys.breakdowns)
            await #expect(throws: CatalogueKeys.NotSynced.self) {
                _ = try await FeedIngest(client: client, catalogue: catalogue, keys: stale, logger: TestCluster.logger)
                    .ingest(ByteChunks(Self.feedA.replacingOccurrences(of: "52,900", with: "53,900")), submission)
            }
            #expect(try await Self.count(client, "SELECT count(*)::int FROM observation_revision") == 3)
        }
    }

    @Test("an unknown partner is refused before anything is read")
    func unknownPartner() async throws {
        _ = try await TestCluster.withMigratedDatabase { client, catalogue in
            await #expect(throws: FeedSubmission.UnknownPartner.self) {
                _ = try await Self.ingest(client, catalogue, Self.feedA, partner: "nobody")
            }
        }
    }
}

extension String {
    func replacingOccurrences(of old: String, with new: String) -> String {
        components(separatedBy: old).joined(separator: new)
    }
}
