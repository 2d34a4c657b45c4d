import Foundation
import Testing
@testable import OutcomesServer
import OutcomesCore
import OutcomesStore
import OutcomesTestSupport
import PostgresNIO

/// The latest-run cache (issue 14's untested list), against a real PostgreSQL: asked at most
/// once per `maximumAge`, never going backwards, and serving the last run known while the
/// database is unreachable.
@Suite("The latest-run cache")
struct LatestRunCacheTests {
    static func finishRun(_ client: PostgresClient) async throws -> Int64 {
        Int64(try await TestCluster.scalar(client, """
            INSERT INTO run (trigger, full_run, catalogue_fingerprint, status, finished_at, generation)
            VALUES ('cli', true, 'f', 'finished', clock_timestamp(), 0) RETURNING id
            """))
    }

    @Test("no finished run is an error; then the run, cached for maximumAge unless expired; with no age, every call asks and sees the newer run")
    func cachesForMaximumAge() async throws {
        try await TestCluster.withMigratedDatabase { client, _ in
            let queries = MeasureQueries(client: client, logger: TestCluster.logger)
            let cache = LatestRunCache(maximumAge: .seconds(3600))
            await #expect(throws: MeasureQueries.NoRun.self) { _ = try await cache.latest(queries) }
            let first = try await Self.finishRun(client)
            #expect(try await cache.latest(queries).id == first)
            let second = try await Self.finishRun(client)
            #expect(try await cache.latest(queries).id == first)   // within the hour: not asked
            #expect(cache.known?.id == first)
            // Expired (this process finished a run): the next request asks, within the hour.
            cache.expire()
            #expect(try await cache.latest(queries).id == second)
            let asking = LatestRunCache(maximumAge: .zero)
            #expect(try await asking.latest(queries).id == second)
            let third = try await Self.finishRun(client)
            #expect(try await asking.latest(queries).id == third)
            #expect(!(try await asking.latest(queries)).finishedText.isEmpty)
        }
    }

    @Test("while the database is down (health says so, or the question fails for that reason) the last run known is served")
    func servesKnownRunDuringOutage() async throws {
        try await TestCluster.withMigratedDatabase { client, _ in
            let queries = MeasureQueries(client: client, logger: TestCluster.logger)
            let cache = LatestRunCache(maximumAge: .zero, askLimit: 2)
            let run = try await Self.finishRun(client)
            #expect(try await cache.latest(queries).id == run)
            _ = try await Self.finishRun(client)
            // Health says unreachable: not asked at all, the known run served.
            let health = DatabaseHealth()
            health.record(.failed("test: down"))
            #expect(try await cache.latest(queries, health: health).id == run)
            // The question itself fails as unavailable (nothing listens there): the known run.
            let dead = PostgresClient(configuration: .init(host: "127.0.0.1", port: 1, username: "x", password: nil, database: "x", tls: .disable),
                                      backgroundLogger: TestCluster.logger)
            let answer = try await withThrowingTaskGroup(of: Int64?.self) { group in
                group.addTask { await dead.run(); return nil }
                group.addTask { try await cache.latest(MeasureQueries(client: dead, logger: TestCluster.logger)).id }
                var id: Int64?
                for try await result in group { if let result { id = result; break } }
                group.cancelAll()
                return id
            }
            #expect(answer == run)
            // A cache that never knew a run has nothing to serve from memory: it asks.
            let empty = LatestRunCache(maximumAge: .zero, askLimit: 2)
            #expect(try await empty.latest(queries, health: health).id > run)
        }
    }

    @Test("one asker at a time: while one request's question waits, the others serve the known run at once; the asker then brings the new one")
    func oneAsker() async throws {
        try await TestCluster.withMigratedDatabase { client, _ in
            let queries = MeasureQueries(client: client, logger: TestCluster.logger)
            let cache = LatestRunCache(maximumAge: .zero, askLimit: 120)
            let first = try await Self.finishRun(client)
            #expect(try await cache.latest(queries).id == first)
            let second = try await Self.finishRun(client)
            // Another connection of the pool locks `run`: the next question waits on the lock.
            try await client.withConnection { locker in
                try await locker.query("BEGIN", logger: TestCluster.logger)
                try await locker.query("LOCK TABLE run IN ACCESS EXCLUSIVE MODE", logger: TestCluster.logger)
                let asker = Task { try await cache.latest(queries).id }
                // The event: the asker's query is waiting for the lock.
                let waiting = await eventually(seconds: 30) {
                    ((try? await TestCluster.scalar(client, "SELECT count(*)::int FROM pg_locks WHERE relation = 'run'::regclass AND NOT granted")) ?? 0) > 0
                }
                #expect(waiting, "the asker never waited on the lock")
                // Meanwhile another request is answered from memory, without waiting.
                #expect(try await cache.latest(queries).id == first)
                try await locker.query("COMMIT", logger: TestCluster.logger)
                #expect(try await asker.value == second)
            }
        }
    }
}
