import Foundation
import Testing
import OutcomesCore
import OutcomesFeeds
import OutcomesStore
import OutcomesTestSupport
import PostgresNIO

/// "What changed since run N" on a small fixture (low birth weight, Wales and Bridgend, from the
/// sample feed), each expectation worked out by hand:
/// - run 1: 2020–2024. Bridgend 2024 is 67/1191 = 5.63% against Wales 1597/27334 = 5.84%: its 95%
///   interval (about ±1.3 points) holds Wales, so `similar`.
/// - feed A revises Bridgend 2024 to 140/1191 = 11.75%; its 99.8% interval starts near 8.8%, above
///   Wales, and low is good: `worst`. Run 2 records the revision 5.6255… → 11.7548… and the
///   comparison similar → worst.
/// - feed B adds 2025 (Bridgend 74/1198 = 6.18%, Wales 1642/27514 = 5.97%: `similar` again). Run 3
///   records the new latest period 2024 → 2025 for both areas and worst → similar.
/// - since run 1 up to run 3, the comparison went similar → … → similar: not a change; the
///   revision and the new period remain.
@Suite("What changed between runs")
struct ChangeLogTests {
    static let today = CivilDate(year: 2026, month: 11, day: 29)!

    static func fixture() throws -> String {
        let text = try String(contentsOfFile: TestCluster.repositoryRoot + "/Indicators/samples/local_health_board/low_birth_weight.csv",
                              encoding: .utf8)
        let lines = text.split(separator: "\n")
        let kept = lines.dropFirst().filter { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            return ["W92000004", "W06000013"].contains(String(cells[1])) && cells[2] != "2025" && cells[3] == "all"
        }
        return ([String(lines[0])] + kept.map(String.init)).joined(separator: "\n") + "\n"
    }

    static func ingest(_ client: PostgresClient, _ catalogue: Catalogue, _ text: String, _ name: String) async throws -> ImportReport {
        try await FeedIngest(client: client, catalogue: catalogue, logger: TestCluster.logger)
            .ingest(ByteChunks(text), FeedSubmission(partner: "local_health_board", in: catalogue, source: .cli, fileName: name, format: .csv,
                                                    today: today, submittedBy: "alice"))
    }

    @Test("each run records its revisions, new periods and status changes; a window collapses them, dropping what came back")
    func changesByHand() async throws {
        try await TestCluster.withMigratedDatabase { client, catalogue in
            let header = "indicator,area,period,breakdown,numerator,denominator,value,lower,upper,note\n"
            let base = try Self.fixture()
            #expect(base.contains("low_birth_weight,W06000013,2024,all,"))
            _ = try await Self.ingest(client, catalogue, base, "base.csv")
            let store = RunStore(client: client, catalogue: catalogue, logger: TestCluster.logger)
            let run1 = try #require(try await store.compute(trigger: .cli, today: Self.today)).runID
            let bridgend2024 = try await TestCluster.scalar(client, """
                SELECT o.numerator::int FROM observation o JOIN area a ON a.id = o.area_id WHERE a.code = 'W06000013' AND o.period = '2024'
                """)
            let feedA = try await Self.ingest(client, catalogue, header + "low_birth_weight,W06000013,2024,all,140,1191,,,,r\n", "a.csv")
            let run2 = try #require(try await store.compute(trigger: .feed, indicators: ["low_birth_weight"], today: Self.today)).runID
            _ = try await Self.ingest(client, catalogue, header + """
                low_birth_weight,W92000004,2025,all,1642,27514,,,,p
                low_birth_weight,W06000013,2025,all,74,1198,,,,p

                """, "b.csv")
            let run3 = try #require(try await store.compute(trigger: .feed, indicators: ["low_birth_weight"], today: Self.today)).runID
            let log = ChangeLog(client: client, logger: TestCluster.logger)

            // Run 2: the revision and the comparison it moved.
            let second = try await log.changes(since: run1, to: run2, area: "W06000013")
            let revised = try #require(second.revisions.first)
            #expect(second.revisions.count == 1 && revised.period == "2024" && revised.feed == feedA.feedID && revised.run == run2)
            #expect(revised.oldNumerator == Double(bridgend2024) && revised.newNumerator == 140)
            #expect(abs((revised.oldValue ?? 0) - 67.0 / 1191 * 100) < 1e-9 && abs((revised.newValue ?? 0) - 140.0 / 1191 * 100) < 1e-9)
            let comparison = try #require(second.status.first { $0.kind == .comparison })
            #expect(comparison.from == .comparison(.similar) && comparison.to == .comparison(.worst))
            #expect(!second.status.contains { $0.kind == .latestPeriod })
            #expect(Set(second.status.map(\.indicator)) == ["low_birth_weight"])

            // Run 3: the new period for both areas; the comparison back to similar.
            let third = try await log.changes(since: run2, to: run3, area: nil)
            let periods = third.status.filter { $0.kind == .latestPeriod }
            #expect(Set(periods.map(\.area)) == ["W06000013", "W92000004"])
            #expect(periods.allSatisfy { $0.fromPeriod == "2024" && $0.toPeriod == "2025" })
            #expect(third.status.contains { $0.area == "W06000013" && $0.kind == .comparison
                && $0.from == .comparison(.worst) && $0.to == .comparison(.similar) })
            #expect(third.revisions.isEmpty)

            // Runs 1 → 3: collapsed. The comparison came back (dropped); the rest remain.
            let window = try await log.changes(since: run1, to: run3, area: "W06000013")
            #expect(!window.status.contains { $0.kind == .comparison })
            #expect(window.status.contains { $0.kind == .latestPeriod && $0.fromPeriod == "2024" && $0.toPeriod == "2025" })
            #expect(window.revisions.count == 1 && window.revisions.first?.newNumerator == 140)

            // Each feed belongs to the first run that included it.
            #expect(try await TestCluster.scalar(client, "SELECT count(*)::int FROM run_feed WHERE run_id = \(run2)") == 1)
            #expect(try await TestCluster.scalar(client, "SELECT count(*)::int FROM run_feed WHERE run_id = \(run3)") == 1)
            #expect(try await TestCluster.scalar(client, "SELECT count(*)::int FROM run_feed WHERE run_id = \(run1)") == 1)
            // The cross-check: the comparison the measures of each run hold for Bridgend's latest point.
            #expect(try await Self.latestComparison(client, run: run1) == comparisonCode(.similar))
            #expect(try await Self.latestComparison(client, run: run2) == comparisonCode(.worst))
        }
    }

    @Test("alerts that fired or resolved in the window's runs are listed in order; pending and earlier ones are not")
    func alertsInWindow() async throws {
        try await TestCluster.withMigratedDatabase { client, _ in
            for (run, fingerprint, from, to, withheld) in [(1, "fp-a", "pending", "firing", false), (2, "fp-a", "firing", "resolved", false),
                                                          (2, "fp-b", "inactive", "pending", false), (3, "fp-c", "pending", "firing", true),
                                                          (4, "fp-d", "pending", "firing", false)] {
                try await client.query("""
                    INSERT INTO alert_event (fingerprint, run_id, from_state, to_state, rule, kind, indicator, area, breakdown, severity,
                                             period, value, withheld, summary, summary_cy)
                    VALUES (\(fingerprint), \(Int64(run)), \(from), \(to), 'rule', 'threshold', 'low_birth_weight', 'W06000013', 'all',
                            'warning', '2024', 3, \(withheld), 'en', 'cy')
                    """, logger: TestCluster.logger)
            }
            let alerts = try await ChangeLog(client: client, logger: TestCluster.logger).changes(since: 1, to: 3, area: "W06000013").alerts
            #expect(alerts.map(\.to) == ["resolved", "firing"])
            #expect(alerts.map(\.run) == [2, 3])
            #expect(alerts.last?.withheld == true && alerts.first?.summaryCy == "cy")
            #expect(try await ChangeLog(client: client, logger: TestCluster.logger).changes(since: 1, to: 3, area: "W06000015").alerts.isEmpty)
        }
    }

    func comparisonCode(_ c: ComparisonLevels) -> Int { Int(c.code) }

    static func latestComparison(_ client: PostgresClient, run: Int64) async throws -> Int {
        try await TestCluster.scalar(client, """
            SELECT m.vs_wales::int FROM measure m JOIN area a ON a.id = m.area_id JOIN breakdown b ON b.id = m.breakdown_id
            WHERE m.run_id = \(run) AND a.code = 'W06000013' AND b.key = 'all' ORDER BY m.period_start DESC LIMIT 1
            """)
    }
}
