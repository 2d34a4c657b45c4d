import Synchronization

/// An event a test can wait on: closed until `open()`, then open for good. `wait()` returns when
/// it opens and ignores task cancellation on purpose — the stand-in for work that does not answer
/// its cancellation (a stuck pool lease), without a loop of sleeps on the clock.
/// ```swift
/// let released = Gate()
/// Task { await released.wait(); … }   // blocked until:
/// released.open()
/// ```
public final class Gate: Sendable {
    private struct State {
        var isOpen = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }
    private let state = Mutex(State())

    public init() {}

    public var isOpen: Bool { state.withLock { $0.isOpen } }

    public func open() {
        let waiters = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            s.isOpen = true
            defer { s.waiters = [] }
            return s.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once the gate is open (at once when it already is); not cancellable.
    public func wait() async {
        await withCheckedContinuation { continuation in
            let now = state.withLock { s -> Bool in
                if s.isOpen { return true }
                s.waiters.append(continuation)
                return false
            }
            if now { continuation.resume() }
        }
    }
}
