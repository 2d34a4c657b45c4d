import Foundation
import Synchronization

/// What the daemon knows about its database: reachable, or unreachable since when and why.
///
/// A value type fed with probe results (``DatabaseMonitor`` probes every second); it answers
/// with the transition a probe caused, so the I/O layer logs each outage once and tells the
/// services that wait for the database when it is back.
///
/// ```swift
/// var state = DatabaseHealthState()
/// state.record(.failed("connection refused"), at: now)   // → .wentDown
/// state.record(.answered, at: later)                     // → .cameBack(after: later - now)
/// ```
public struct DatabaseHealthState: Sendable, Equatable {
    public enum Probe: Sendable, Equatable {
        case answered
        case failed(String)
    }

    public enum Transition: Sendable, Equatable {
        case wentDown(reason: String)
        case cameBack(afterSeconds: Double)
    }

    public private(set) var reachable = true
    /// When the current outage began (nil while reachable).
    public private(set) var downSince: Date?
    /// The latest probe's error during an outage.
    public private(set) var reason: String?
    /// Outages survived so far: a service that saw a smaller number knows one ended.
    public private(set) var recoveries = 0

    public init() {}

    @discardableResult
    public mutating func record(_ probe: Probe, at now: Date) -> Transition? {
        switch probe {
        case .answered:
            guard !reachable else { return nil }
            let since = downSince ?? now
            reachable = true
            downSince = nil
            reason = nil
            recoveries += 1
            return .cameBack(afterSeconds: now.timeIntervalSince(since))
        case .failed(let why):
            reason = why
            guard reachable else { return nil }
            reachable = false
            downSince = now
            return .wentDown(reason: why)
        }
    }
}

/// The shared recorder of ``DatabaseHealthState``, read by `/readyz`, the read cache, the token
/// cache, the spool watcher and the scheduler.
public final class DatabaseHealth: Sendable {
    private let state = Mutex(DatabaseHealthState())

    public init() {}

    public var snapshot: DatabaseHealthState { state.withLock { $0 } }
    public var isReachable: Bool { state.withLock { $0.reachable } }

    @discardableResult
    public func record(_ probe: DatabaseHealthState.Probe, at now: Date = Date()) -> DatabaseHealthState.Transition? {
        state.withLock { $0.record(probe, at: now) }
    }

    /// Returns once the database is reachable, or after `limit`, whichever is first: a service
    /// that backs off after a failure resumes as soon as the monitor sees the database again.
    public func waitUntilReachable(atMost limit: Duration) async {
        let deadline = ContinuousClock.now + limit
        while !isReachable, ContinuousClock.now < deadline, !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(100))
        }
    }
}
