import OutcomesCore
import Synchronization

/// Tokens recently verified against the database, so reads with a bearer token do not each cost a
/// query and a write (`last_used_at`). Used only while ``TokenChanges`` listens for the
/// database's announcement of revoked or changed tokens: on one the cache is emptied at once, and
/// while not listening it answers nothing, so a revocation always takes effect immediately (the
/// one exception is an outage, when no revocation can be written). An
/// entry also expires after `lifetime`; only known tokens are kept (an unknown token is asked of
/// the database every time, so random tokens cannot fill it), at most `capacity`.
///
/// Tokens are secrets: entries are found by the token's keyed hash (`Hasher`, SipHash with this
/// process's random seed), so the lookup compares hash values, never the token; the entry's token
/// is then compared in constant time (``sameToken(_:_:)``). A SHA-256 of every token read instead
/// cost 0.8% of a cached summary's CPU time (`perf record` under `wrk`, Benchmarks/serve).
final class PrincipalCache: Sendable {
    private struct Entry {
        var token: String
        var principal: Principal
        var verifiedAt: ContinuousClock.Instant
    }

    private struct State {
        /// By the token's `hashValue`.
        var entries: [Int: Entry] = [:]
        var listening = false
        /// Bumped by every change, so a verification that started before one is not kept.
        var generation = 0
    }

    private let state = Mutex(State())
    let lifetime: Duration
    let capacity: Int

    /// The time, read for every lookup and verification (tests pass a clock they move).
    let now: @Sendable () -> ContinuousClock.Instant

    init(lifetime: Duration = .seconds(10), capacity: Int = 10_000, now: @escaping @Sendable () -> ContinuousClock.Instant = { .now }) {
        self.lifetime = lifetime
        self.capacity = capacity
        self.now = now
    }

    /// The principal of a token verified recently, and the generation to pass to ``keep`` after
    /// verifying it otherwise.
    ///
    /// `databaseDown`: the database is unreachable, so no token can be revoked until it is back;
    /// a token verified before the outage is then accepted whatever its age or the listener's
    /// state (reads of cached results go on for the callers who were using them).
    func principal(for token: String, databaseDown: Bool = false) -> (principal: Principal?, generation: Int) {
        let lifetime = lifetime
        let key = token.hashValue
        return state.withLock { s in
            if databaseDown, let entry = s.entries[key], Self.sameToken(entry.token, token) { return (entry.principal, s.generation) }
            guard s.listening else {
                // The database answers but nobody listens: a revocation could land unheard.
                s.entries.removeAll()
                return (nil, s.generation)
            }
            guard let entry = s.entries[key], Self.sameToken(entry.token, token) else { return (nil, s.generation) }
            guard now() - entry.verifiedAt < lifetime else {
                s.entries[key] = nil
                return (nil, s.generation)
            }
            return (entry.principal, s.generation)
        }
    }

    /// Remembers a token the database verified, unless tokens changed since `generation`.
    func keep(_ principal: Principal, for token: String, generation: Int) {
        let (lifetime, capacity) = (lifetime, capacity)
        state.withLock { s in
            guard s.listening, s.generation == generation else { return }
            if s.entries.count >= capacity {
                let instant = now()
                s.entries = s.entries.filter { instant - $0.value.verifiedAt < lifetime }
                if s.entries.count >= capacity { s.entries.removeAll() }
            }
            s.entries[token.hashValue] = Entry(token: token, principal: principal, verifiedAt: now())
        }
    }

    /// Whether two tokens are the same, in a time that depends on their lengths only (all
    /// tokens have the same length), not on where they differ.
    static func sameToken(_ a: String, _ b: String) -> Bool {
        var (a, b) = (a, b)
        return a.withUTF8 { x in
            b.withUTF8 { y in
                guard x.count == y.count else { return false }
                var difference: UInt8 = 0
                for i in 0..<x.count { difference |= x[i] ^ y[i] }
                return difference == 0
            }
        }
    }

    /// Tokens changed in the database: forget every verification.
    func tokensChanged() {
        state.withLock { s in
            s.entries.removeAll()
            s.generation += 1
        }
    }

    /// Whether changes are being heard; the cache is used only while they are (or while the
    /// database is down). Losing the listener keeps the entries for an outage; hearing again
    /// forgets them, since a revocation may have been written while nobody listened.
    func setListening(_ listening: Bool) {
        state.withLock { s in
            s.listening = listening
            if listening { s.entries.removeAll() }
            s.generation += 1
        }
    }
}
