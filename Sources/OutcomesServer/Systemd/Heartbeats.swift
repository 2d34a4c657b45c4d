import Synchronization

/// The shared, cheap recorder behind ``Liveness``: background loops call ``tick(_:nextWithin:)``
/// on every pass; the watchdog reads a snapshot.
public final class Heartbeats: Sendable {
    private let state = Mutex(Liveness())

    public init() {}

    public func tick(_ component: Liveness.Component, nextWithin allowance: Duration) {
        let now = ContinuousClock.now
        state.withLock { $0.tick(component, now: now, nextWithin: allowance) }
    }

    public func stopped(_ component: Liveness.Component) {
        state.withLock { $0.stopped(component) }
    }

    public var snapshot: Liveness { state.withLock { $0 } }
}
