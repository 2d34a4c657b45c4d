import OutcomesCore
import Synchronization

/// Tokens recently verified against the database, so reads with a bearer token do not each cost a
/// query and a write (`last_used_at`). An entry lives `lifetime` (10 s): a revoked token stops
/// working within that time in a running daemon. Only known tokens are kept (an unknown token is
/// asked of the database every time, so random tokens cannot fill the cache), at most `capacity`.
final class PrincipalCache: Sendable {
    private struct Entry {
        var principal: Principal
        var verifiedAt: ContinuousClock.Instant
    }

    private let entries = Mutex([String: Entry]())
    let lifetime: Duration
    let capacity: Int

    init(lifetime: Duration = .seconds(10), capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    func principal(for token: String) -> Principal? {
        let lifetime = lifetime
        return entries.withLock { e in
            guard let entry = e[token] else { return nil }
            guard ContinuousClock.now - entry.verifiedAt < lifetime else { e[token] = nil; return nil }
            return entry.principal
        }
    }

    func keep(_ principal: Principal, for token: String) {
        let (lifetime, capacity) = (lifetime, capacity)
        entries.withLock { e in
            if e.count >= capacity {
                let now = ContinuousClock.now
                e = e.filter { now - $0.value.verifiedAt < lifetime }
                if e.count >= capacity { e.removeAll() }
            }
            e[token] = Entry(principal: principal, verifiedAt: .now)
        }
    }
}
