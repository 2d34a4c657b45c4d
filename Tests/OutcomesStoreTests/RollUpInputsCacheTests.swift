import Foundation
import Testing
import OutcomesCore
import OutcomesFeeds
import OutcomesStore
import OutcomesTestSupport
import PostgresNIO

/// Roll-ups rebuilt from the previous run's inputs and the changed indicators' rows
/// (``RollUpInputsCache``): the same summary as reading the run whole, for incremental runs only.
@Suite("Roll-ups from the previous run's inputs")
struct RollUpInputsCacheTests {
    static let areas = ["W06000013", "W06000015", "W92000004", "W11000031"]

    /// Each area's summary in `run`, read whole (no cache).
    static func whole(_ client: PostgresClient, _ catalogue: Catalogue, run: Int64) async throws -> [AreaSummary?] {
        try await cached(MeasureQueries(client: client, logger: TestCluster.logger), client, catalogue, run: run)
    }

    /// Each area's summary in `run` through `queries`.
    static func cached(_ queries: MeasureQueries, _ client: PostgresClient, _ catalogue: Catalogue, run: Int64) async throws -> [AreaSummary?] {
        let keys = try await CatalogueKeys.load(client, logger: TestCluster.logger)
        var out: [AreaSummary?] = []
        for code in areas {
            let area = try #require(catalogue.area(code))
            out.append(try await queries.summary(area: area, run: run, catalogue: catalogue, keys: keys))
        }
        return out
    }

    /// Revises W06000013's latest low-birth-weight point (2025) to `numerator` of 900.
    static func revise(_ client: PostgresClient, _ catalogue: Catalogue, numerator: Int) async throws {
        try await ResultSetTests.revise(client, catalogue, numerator: numerator, year: 2025)
    }

    @Test("an incremental run's summaries, built from the previous run's inputs plus the recomputed indicator's rows, equal the run read whole; a full run and an older run are read whole")
    func deltaEqualsWhole() async throws {
        try await TestCluster.withMigratedDatabase { client, catalogue in
            try await RunStoreTests.loadSamples(client, catalogue, partners: ["local_health_board", "dwp"])
            let store = RunStore(client: client, catalogue: catalogue, logger: TestCluster.logger)
            let recording = LogRecording()
            let queries = MeasureQueries(client: client, logger: recording.logger(label: "queries", level: .debug),
                                         rollUps: RollUpInputsCache())
            let delta = "roll-up inputs from the previous run's"

            let first = try #require(try await store.compute(trigger: .cli, today: RunStoreTests.today))
            let firstWhole = try await Self.whole(client, catalogue, run: first.runID)
            #expect(try await Self.cached(queries, client, catalogue, run: first.runID) == firstWhole)
            #expect(!recording.recorded.contains { $0.contains(delta) })

            // One indicator revised in one area: an incremental run based on the first.
            try await Self.revise(client, catalogue, numerator: 3)
            let second = try #require(try await store.compute(trigger: .feed, indicators: ["low_birth_weight"], today: RunStoreTests.today))
            let secondWhole = try await Self.whole(client, catalogue, run: second.runID)
            #expect(secondWhole[0] != firstWhole[0], "the revision must change W06000013's summary for this test to see a stale input")
            #expect(try await Self.cached(queries, client, catalogue, run: second.runID) == secondWhole)
            let used = recording.recorded.filter { $0.contains(delta) }
            #expect(used.count == Self.areas.count, "\(recording.recorded)")
            #expect(used.allSatisfy { $0.contains("based_on=\(first.runID)") && $0.contains("indicators_changed=1") })

            // An older run read meanwhile is read whole and does not replace the newest inputs.
            #expect(try await Self.cached(queries, client, catalogue, run: first.runID) == firstWhole)
            try await Self.revise(client, catalogue, numerator: 400)
            let third = try #require(try await store.compute(trigger: .feed, indicators: ["low_birth_weight"], today: RunStoreTests.today))
            let thirdWhole = try await Self.whole(client, catalogue, run: third.runID)
            #expect(thirdWhole[0] != secondWhole[0])
            #expect(try await Self.cached(queries, client, catalogue, run: third.runID) == thirdWhole)
            #expect(recording.recorded.filter { $0.contains(delta) && $0.contains("based_on=\(second.runID)") }.count == Self.areas.count)

            // A full run is not based on another: read whole.
            let before = recording.recorded.filter { $0.contains(delta) }.count
            let full = try #require(try await store.compute(trigger: .cli, today: RunStoreTests.today))
            #expect(full.full)
            #expect(try await Self.cached(queries, client, catalogue, run: full.runID) == (try await Self.whole(client, catalogue, run: full.runID)))
            #expect(recording.recorded.filter { $0.contains(delta) }.count == before)
        }
    }

    @Test("a run whose predecessor was pruned meanwhile is read whole: the spans only the pruned run covered are gone")
    func prunedPredecessorReadWhole() async throws {
        try await TestCluster.withMigratedDatabase { client, catalogue in
            try await RunStoreTests.loadSamples(client, catalogue, partners: ["local_health_board"])
            // Keeps the newest finished run and the day's first published one.
            let store = RunStore(client: client, catalogue: catalogue, logger: TestCluster.logger, keepRuns: 1)
            let recording = LogRecording()
            let queries = MeasureQueries(client: client, logger: recording.logger(label: "queries", level: .debug),
                                         rollUps: RollUpInputsCache())
            let delta = "roll-up inputs from the previous run's"
            let first = try #require(try await store.compute(trigger: .cli, today: RunStoreTests.today))
            _ = try await Self.cached(queries, client, catalogue, run: first.runID)
            try await Self.revise(client, catalogue, numerator: 3)
            let second = try #require(try await store.compute(trigger: .feed, indicators: ["low_birth_weight"], today: RunStoreTests.today))
            _ = try await Self.cached(queries, client, catalogue, run: second.runID)
            #expect(recording.recorded.filter { $0.contains(delta) && $0.contains("run=\(second.runID)") }.count == Self.areas.count)
            try await Self.revise(client, catalogue, numerator: 400)
            let third = try #require(try await store.compute(trigger: .feed, indicators: ["low_birth_weight"], today: RunStoreTests.today))
            #expect(try await TestCluster.scalar(client, "SELECT count(*)::int FROM run WHERE id = \(second.runID) AND status = 'pruned'") == 1)
            #expect(try await Self.cached(queries, client, catalogue, run: third.runID) == (try await Self.whole(client, catalogue, run: third.runID)))
            #expect(!recording.recorded.contains { $0.contains(delta) && $0.contains("run=\(third.runID)") })
        }
    }
}
