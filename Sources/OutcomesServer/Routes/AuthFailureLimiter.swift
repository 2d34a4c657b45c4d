import Synchronization

/// Failed authentications per client address (issue 14): a token bucket each, holding up to
/// ``Settings/burst`` failures and refilling ``Settings/perSecond`` a second. A failure taken from
/// an empty bucket is answered 429 with `Retry-After` instead of 401, until it refills. Successes
/// are never limited (nothing is taken for them), so a reader behind the same address as a
/// misconfigured script keeps reading.
///
/// A value with the time passed in (seconds on any monotonic clock), so its tests use plain
/// numbers; ``AuthFailures`` shares one behind a mutex. Memory is bounded: at most
/// ``Settings/addresses`` addresses are tracked; beyond that, buckets that refilled are forgotten
/// first, then the longest untouched.
///
/// ```swift
/// var limiter = AuthFailureLimiter(settings: .init(burst: 2, perSecond: 1))
/// limiter.fail("10.0.0.1", now: 0)   // nil: 401
/// limiter.fail("10.0.0.1", now: 0)   // nil: 401
/// limiter.fail("10.0.0.1", now: 0)   // 1: 429, Retry-After: 1
/// limiter.fail("10.0.0.1", now: 1)   // nil: a failure refilled
/// ```
struct AuthFailureLimiter: Sendable {
    struct Settings: Sendable, Equatable {
        /// Failures an address may have in a row before 429.
        var burst: Int = 20
        /// Failures forgiven a second.
        var perSecond: Double = 1
        /// Addresses tracked at most.
        var addresses: Int = 10_000
    }

    private struct Bucket {
        /// Failures still allowed (up to `burst`), as of `updated`.
        var allowance: Double
        var updated: Double
    }

    let settings: Settings
    private var buckets: [String: Bucket] = [:]

    init(settings: Settings = Settings()) {
        self.settings = settings
    }

    /// Addresses tracked now.
    var tracked: Int { buckets.count }

    /// Records a failed authentication from `client`: nil when it is within the allowance (401),
    /// else the seconds until one more failure would be allowed (429 with that `Retry-After`).
    mutating func fail(_ client: String, now: Double) -> Int? {
        let burst = Double(max(settings.burst, 0))
        var bucket = buckets[client].map { refilled($0, now: now) } ?? Bucket(allowance: burst, updated: now)
        if buckets[client] == nil && buckets.count >= max(settings.addresses, 1) { makeRoom(now: now) }
        defer { buckets[client] = bucket }
        if bucket.allowance >= 1 {
            bucket.allowance -= 1
            return nil
        }
        guard settings.perSecond > 0 else { return 3600 }
        return max(1, Int(((1 - bucket.allowance) / settings.perSecond).rounded(.up)))
    }

    private func refilled(_ bucket: Bucket, now: Double) -> Bucket {
        let elapsed = max(0, now - bucket.updated)
        return Bucket(allowance: min(Double(max(settings.burst, 0)), bucket.allowance + elapsed * settings.perSecond), updated: now)
    }

    /// Forgets refilled buckets (the same as untracked); if that is not enough, the older half.
    private mutating func makeRoom(now: Double) {
        let burst = Double(max(settings.burst, 0))
        buckets = buckets.filter { refilled($0.value, now: now).allowance < burst }
        let limit = max(settings.addresses, 1)
        guard buckets.count >= limit else { return }
        let newest = buckets.sorted { $0.value.updated > $1.value.updated }.prefix(limit / 2)
        buckets = Dictionary(uniqueKeysWithValues: newest.map { ($0.key, $0.value) })
    }
}

/// One ``AuthFailureLimiter`` for the daemon's routes (shared by copies of ``BearerAuth``).
final class AuthFailures: Sendable {
    private let limiter: Mutex<AuthFailureLimiter>
    private let origin = ContinuousClock.now

    init(settings: AuthFailureLimiter.Settings = .init()) {
        limiter = Mutex(AuthFailureLimiter(settings: settings))
    }

    /// See ``AuthFailureLimiter/fail(_:now:)``.
    func fail(_ client: String) -> Int? {
        let elapsed = ContinuousClock.now - origin
        let now = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return limiter.withLock { $0.fail(client, now: now) }
    }
}
