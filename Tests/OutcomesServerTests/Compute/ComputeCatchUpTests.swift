import Testing
import OutcomesCore
@testable import OutcomesServer
import OutcomesStore
import OutcomesTestSupport
import PostgresNIO

@Suite("Restart catches up: feeds committed after the latest run are computed at start")
struct ComputeCatchUpTests {
    static func count(_ client: PostgresClient, _ sql: String) async throws -> Int { try await TestCluster.scalar(client, sql) }

    @Test("a feed committed with no run after it (a kill in between) gets an incremental run when the scheduler starts")
    func catchesUp() async throws {
        try await TestCluster.withMigratedDatabase { client, real in
            let catalogue = AlertFixture.catalogue(real)
            let store = RunStore(client: client, catalogue: catalogue, logger: TestCluster.logger)
            try await AlertFixture.feed(client, catalogue, [(2022, 70)], name: "first.csv")
            _ = try await store.compute(trigger: .cli)
            // The daemon dies between this feed's commit and its run.
            try await AlertFixture.feed(client, catalogue, [(2023, 80)], name: "second.csv")
            #expect(try await Self.count(client, "SELECT count(*)::int FROM run WHERE status = 'finished'") == 1)

            let scheduler = ComputeScheduler(context: ServerContext(client: client, catalogue: catalogue,
                                                                    listen: .init(host: "127.0.0.1", port: 0), logger: TestCluster.logger),
                                             gate: StartupGate())
            try await scheduler.startupRun(store: store)
            #expect(try await Self.count(client, """
                SELECT count(*)::int FROM run WHERE status = 'finished' AND trigger = 'startup' AND NOT full_run
                  AND started_at > (SELECT max(finished_at) FROM feed)
                """) == 1)
            #expect(try await Self.count(client, """
                SELECT count(*)::int FROM measure m JOIN run r ON r.id = m.run_id
                WHERE r.trigger = 'startup' AND m.period LIKE '2023%'
                """) >= 1)

            // Nothing new since: a second start computes nothing.
            try await scheduler.startupRun(store: store)
            #expect(try await Self.count(client, "SELECT count(*)::int FROM run WHERE status = 'finished'") == 2)
        }
    }
}
