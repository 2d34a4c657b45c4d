import Foundation
import OutcomesStore
import Synchronization

/// The latest finished run, asked of PostgreSQL at most once a second: requests for cached
/// summaries then never touch the database, and a new run is served within a second of finishing
/// (whichever process computed it). A mutex, not an actor, so a fresh answer costs no hop off the
/// event loop; when it is stale, concurrent requests may each ask (harmless, and at most once a
/// second per request in flight).
final class LatestRunCache: Sendable {
    struct Run: Sendable {
        var id: Int64
        var finishedAt: Date
        /// `finishedAt` in ISO 8601, formatted once per run for the response header.
        var finishedText: String
    }

    private struct State {
        var cached: Run?
        var fetchedAt: ContinuousClock.Instant?
    }

    private let state = Mutex(State())
    let maximumAge: Duration

    init(maximumAge: Duration = .seconds(1)) {
        self.maximumAge = maximumAge
    }

    func latest(_ queries: MeasureQueries) async throws -> Run {
        let maximumAge = maximumAge
        let fresh: Run? = state.withLock { s in
            guard let cached = s.cached, let fetchedAt = s.fetchedAt, ContinuousClock.now - fetchedAt < maximumAge else { return nil }
            return cached
        }
        if let fresh { return fresh }
        let run = try await queries.run()
        return state.withLock { s in
            // A slow answer that crossed a newer one must not take the served run backwards.
            if let cached = s.cached, cached.id >= run.id { s.fetchedAt = .now; return cached }
            let made = Self.make(run)
            s.cached = made
            s.fetchedAt = .now
            return made
        }
    }

    static func make(_ run: (id: Int64, finishedAt: Date)) -> Run {
        Run(id: run.id, finishedAt: run.finishedAt, finishedText: Renderings.finishedText(run.finishedAt))
    }
}
