import Foundation
import OutcomesCore
import OutcomesStore
import Synchronization
import OutcomesRender

/// The latest finished run, asked of PostgreSQL at most once a second: requests for cached
/// summaries then never touch the database, and a new run is served within a second of finishing
/// (whichever process computed it; at once when this one did, ``expire()``). A mutex, not an
/// actor, so a fresh answer costs no hop off the event loop; when it is stale, one request asks
/// and the others serve the run known meanwhile.
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
        /// Someone is asking PostgreSQL now: the others serve the run known meanwhile.
        var asking = false
    }

    private let state = Mutex(State())
    let maximumAge: Duration
    let askLimit: Double

    init(maximumAge: Duration = .seconds(1), askLimit: Double = 2) {
        self.maximumAge = maximumAge
        self.askLimit = askLimit
    }

    /// The latest run seen, without asking (for `/readyz` during an outage).
    var known: Run? { state.withLock { $0.cached } }

    /// The latest finished run: cached for up to `maximumAge`; while the database is unreachable
    /// (``DatabaseHealth``, or this very question failing for that reason) the last run known is
    /// served, so cached summaries outlive an outage. Asking is bounded by `askLimit` seconds.
    func latest(_ queries: MeasureQueries, health: DatabaseHealth? = nil) async throws -> Run {
        let maximumAge = maximumAge
        // One asker at a time: while one request asks, the others serve the run already known
        // (when there is one), so an outage that begins costs one request up to `askLimit`, not
        // every request in flight (Benchmarks/faults: p99 1.78 s under wrk as PostgreSQL stopped).
        let (fresh, known, ask): (Run?, Run?, Bool) = state.withLock { s in
            if let cached = s.cached, let fetchedAt = s.fetchedAt, ContinuousClock.now - fetchedAt < maximumAge {
                return (cached, cached, false)
            }
            if s.asking, s.cached != nil { return (nil, s.cached, false) }
            s.asking = true
            return (nil, s.cached, true)
        }
        if let fresh { return fresh }
        if !ask, let known { return known }
        defer { state.withLock { $0.asking = false } }
        if let known, let health, !health.isReachable { return known }
        let run: (id: Int64, finishedAt: Date)
        do {
            run = try await withTimeout(seconds: askLimit) { try await queries.run() }
        } catch {
            guard let known, DatabaseFault.isUnavailable(error) else { throw error }
            return known
        }
        return state.withLock { s in
            // A slow answer that crossed a newer one must not take the served run backwards.
            if let cached = s.cached, cached.id >= run.id { s.fetchedAt = .now; return cached }
            let made = Self.make(run)
            s.cached = made
            s.fetchedAt = .now
            return made
        }
    }

    /// The cached answer is old news (this process has just finished a run): the next request
    /// asks, rather than serving the previous run for up to `maximumAge`.
    func expire() {
        state.withLock { $0.fetchedAt = nil }
    }

    static func make(_ run: (id: Int64, finishedAt: Date)) -> Run {
        Run(id: run.id, finishedAt: run.finishedAt, finishedText: Renderings.finishedText(run.finishedAt))
    }
}
