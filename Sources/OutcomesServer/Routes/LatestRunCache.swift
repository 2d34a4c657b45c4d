import Foundation
import OutcomesStore

/// The latest finished run, asked of PostgreSQL at most once a second: requests for cached
/// summaries then never touch the database, and a new run is served within a second of finishing
/// (whichever process computed it).
actor LatestRunCache {
    struct Run: Sendable {
        var id: Int64
        var finishedAt: Date
        /// `finishedAt` in ISO 8601, formatted once per run for the response header.
        var finishedText: String
    }

    private var cached: Run?
    private var fetchedAt: ContinuousClock.Instant?
    let maximumAge: Duration

    init(maximumAge: Duration = .seconds(1)) {
        self.maximumAge = maximumAge
    }

    func latest(_ queries: MeasureQueries) async throws -> Run {
        if let cached, let fetchedAt, ContinuousClock.now - fetchedAt < maximumAge { return cached }
        let run = try await queries.run()
        let fresh = cached?.id == run.id ? cached ?? Self.make(run) : Self.make(run)
        cached = fresh
        fetchedAt = .now
        return fresh
    }

    static func make(_ run: (id: Int64, finishedAt: Date)) -> Run {
        Run(id: run.id, finishedAt: run.finishedAt, finishedText: Renderings.finishedText(run.finishedAt))
    }
}
