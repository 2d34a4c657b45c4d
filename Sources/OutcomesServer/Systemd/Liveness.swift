/// Whether the daemon looks alive enough to pet systemd's watchdog: each background loop promises
/// its next tick by a deadline (short while polling, long while a run or a feed is in progress),
/// and the HTTP event loop must answer. A plain value, so the decision is tested without I/O.
///
/// ```swift
/// var liveness = Liveness()
/// liveness.tick(.scheduler, now: now, nextWithin: .seconds(3))
/// if case .send = liveness.decide(now: now, httpAnswered: true) { notifier.watchdog() }
/// ```
public struct Liveness: Sendable, Equatable {
    public enum Component: String, Sendable, CaseIterable, Comparable {
        case scheduler = "compute scheduler"
        case spool = "spool watcher"
        case dispatcher = "alert dispatcher"

        public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    }

    public enum Decision: Sendable, Equatable {
        case send
        case skip(reason: String)
    }

    /// When each running component promised to tick again; a component that stopped is absent.
    public private(set) var deadlines: [Component: ContinuousClock.Instant] = [:]

    public init() {}

    /// Records a sign of life and when the next one is due at the latest.
    public mutating func tick(_ component: Component, now: ContinuousClock.Instant, nextWithin allowance: Duration) {
        deadlines[component] = now + allowance
    }

    /// The component finished (graceful shutdown): no longer watched.
    public mutating func stopped(_ component: Component) {
        deadlines[component] = nil
    }

    public func decide(now: ContinuousClock.Instant, httpAnswered: Bool) -> Decision {
        guard httpAnswered else { return .skip(reason: "HTTP event loop did not answer") }
        let late = deadlines.filter { $0.value < now }.keys.sorted()
        guard late.isEmpty else {
            return .skip(reason: late.map { "\($0.rawValue) has not ticked for \(now - (deadlines[$0] ?? now)) past its deadline" }
                .joined(separator: "; "))
        }
        return .send
    }
}
