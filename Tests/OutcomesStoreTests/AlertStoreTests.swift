import Foundation
import Testing
import OutcomesCore
import OutcomesFeeds
import OutcomesStore
import OutcomesTestSupport
import PostgresNIO

@Suite("Alerts evaluated in the run's transaction, against a real PostgreSQL")
struct AlertStoreTests {
    static let today = AlertFixture.today
    static let sinks = [AlertSinks.journal, AlertSinks.webhook("http://127.0.0.1:9/hook")]

    static func catalogue(_ real: Catalogue, lateFeeds: AlertSettings.LateFeeds? = nil) throws -> Catalogue {
        AlertFixture.catalogue(real, lateFeeds: lateFeeds)
    }

    static func feed(_ client: PostgresClient, _ catalogue: Catalogue, _ rows: [(Int, Int)], name: String) async throws {
        try await AlertFixture.feed(client, catalogue, rows, name: name)
    }

    static func count(_ client: PostgresClient, _ sql: String) async throws -> Int { try await TestCluster.scalar(client, sql) }

    @Test("feeds period by period: fires once with one outbox row per sink, re-evaluation changes nothing, a revision resolves it")
    func firesOnceThenResolves() async throws {
        try await TestCluster.withMigratedDatabase { client, real in
            let catalogue = try Self.catalogue(real)
            let store = RunStore(client: client, catalogue: catalogue, logger: TestCluster.logger, alertSinks: Self.sinks)
            try await Self.feed(client, catalogue, [(2021, 70), (2022, 80)], name: "a.csv")
            let first = try #require(try await store.compute(trigger: .cli, today: Self.today))
            #expect(try await Self.count(client, "SELECT count(*)::int FROM alert WHERE state = 'firing' AND rule = 'lbw_high'") == 1)
            #expect(try await Self.count(client, "SELECT count(*)::int FROM alert_outbox WHERE status = 'firing'") == 2)
            #expect(try await Self.count(client, "SELECT count(*)::int FROM alert_event WHERE to_state = 'firing' AND run_id = \(first.runID)") == 1)

            // Hovering between the clear and fire levels (7.0%), and a full run again: nothing new.
            try await Self.feed(client, catalogue, [(2023, 70)], name: "b.csv")
            _ = try #require(try await store.compute(trigger: .feed, indicators: ["low_birth_weight"], today: Self.today))
            _ = try #require(try await store.compute(trigger: .cli, today: Self.today))
            #expect(try await Self.count(client, "SELECT count(*)::int FROM alert_outbox") == 2)
            #expect(try await Self.count(client, "SELECT count(*)::int FROM alert_event") == 1)

            // Below the clear level: resolved, notified once per sink.
            try await Self.feed(client, catalogue, [(2024, 60)], name: "c.csv")
            _ = try #require(try await store.compute(trigger: .feed, indicators: ["low_birth_weight"], today: Self.today))
            #expect(try await Self.count(client, "SELECT count(*)::int FROM alert WHERE state = 'resolved'") == 1)
            #expect(try await Self.count(client, "SELECT count(*)::int FROM alert_outbox WHERE status = 'resolved' AND ends_at IS NOT NULL") == 2)

            let log = AlertLog(client: client, logger: TestCluster.logger)
            let listed = try await log.alerts(.init(states: [.resolved]))
            #expect(listed.count == 1 && listed.first?.period == "2024" && listed.first?.value == 6.0)
            #expect(try await log.events(.init()).map(\.to) == ["resolved", "firing"])
        }
    }

    @Test("each run's roll-up lists the indicators with an alert firing after it: the run that fired it, not the run that resolved it, and the earlier run keeps its own")
    func rollUpsListFiringPerRun() async throws {
        try await TestCluster.withMigratedDatabase { client, real in
            let catalogue = try Self.catalogue(real)
            let store = RunStore(client: client, catalogue: catalogue, logger: TestCluster.logger, alertSinks: Self.sinks)
            try await Self.feed(client, catalogue, [(2021, 70), (2022, 80)], name: "a.csv")
            let fired = try #require(try await store.compute(trigger: .cli, today: Self.today))
            func firing(_ area: String, _ run: Int64) async throws -> Set<String> {
                let summary = try #require(try await TestCluster.summary(client, catalogue, area: area, run: run))
                return Set((summary.aims + summary.dimensions).flatMap(\.alertsFiring))
            }
            #expect(try await firing("W06000013", fired.runID).contains("low_birth_weight"))
            #expect(try await !firing("W06000015", fired.runID).contains("low_birth_weight"), "another area's roll-up lists it")

            try await Self.feed(client, catalogue, [(2023, 60)], name: "c.csv")
            let resolved = try #require(try await store.compute(trigger: .feed, indicators: ["low_birth_weight"], today: Self.today))
            #expect(try await Self.count(client, "SELECT count(*)::int FROM alert WHERE state = 'resolved'") == 1)
            #expect(try await !firing("W06000013", resolved.runID).contains("low_birth_weight"))
            #expect(try await firing("W06000013", fired.runID).contains("low_birth_weight"), "the earlier run's roll-up changed")
        }
    }

    @Test("a failed run leaves no alert state and no notification behind")
    func failedRunWritesNothing() async throws {
        try await TestCluster.withMigratedDatabase { client, real in
            let catalogue = try Self.catalogue(real)
            try await Self.feed(client, catalogue, [(2021, 80)], name: "a.csv")
            // Make the alert write fail inside the run's transaction.
            try await client.query("ALTER TABLE alert ADD CONSTRAINT no_firing CHECK (state <> 'firing')", logger: TestCluster.logger)
            let store = RunStore(client: client, catalogue: catalogue, logger: TestCluster.logger, alertSinks: Self.sinks)
            await #expect(throws: (any Error).self) { try await store.compute(trigger: .cli, today: Self.today) }
            #expect(try await Self.count(client, "SELECT count(*)::int FROM alert_outbox") == 0)
            #expect(try await Self.count(client, "SELECT count(*)::int FROM run WHERE status = 'finished'") == 0)
        }
    }

    @Test("a late feed fires per indicator with partner and period, and the feed that brings the period resolves it")
    func lateFeed() async throws {
        try await TestCluster.withMigratedDatabase { client, real in
            let catalogue = try Self.catalogue(real, lateFeeds: .init(graceDays: 30, severity: .warning, partners: ["local_health_board"]))
            let store = RunStore(client: client, catalogue: catalogue, logger: TestCluster.logger, alertSinks: [AlertSinks.journal])
            try await Self.feed(client, catalogue, [(2022, 60), (2023, 60)], name: "a.csv")
            _ = try #require(try await store.compute(trigger: .cli, today: Self.today))
            let late = try await AlertLog(client: client, logger: TestCluster.logger).alerts(.init(states: [.firing], indicators: ["low_birth_weight"]))
            #expect(late.count == 1 && late.first?.kind == "late_feed" && late.first?.period == "2024" && late.first?.partner == "local_health_board")
            try await Self.feed(client, catalogue, [(2024, 60)], name: "b.csv")
            _ = try #require(try await store.compute(trigger: .feed, indicators: ["low_birth_weight"], today: Self.today))
            #expect(try await Self.count(client, "SELECT count(*)::int FROM alert WHERE kind = 'late_feed' AND indicator = 'low_birth_weight' AND state = 'resolved'") == 1)
        }
    }
}
