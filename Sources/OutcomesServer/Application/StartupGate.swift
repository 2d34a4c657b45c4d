import Synchronization

/// Opens once the schema is migrated and the catalogue synced, so background services (the spool
/// watcher, the scheduler, the token listener) do not touch the database before it is ready; they
/// start together with the pool. A waiter that is cancelled (the daemon stopping, or start-up
/// failing before the gate opened) returns at once, so shutdown never hangs on a closed gate.
final class StartupGate: Sendable {
    private struct State {
        var isOpen = false
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
        var nextID = 0
    }

    private let state = Mutex(State())

    func open() {
        let waiters = state.withLock { s in
            s.isOpen = true
            defer { s.waiters.removeAll() }
            return Array(s.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    var isOpen: Bool { state.withLock { $0.isOpen } }

    /// Returns when the gate opens or the task is cancelled (check `isOpen` or cancellation).
    func wait() async {
        let id = state.withLock { s in
            s.nextID += 1
            return s.nextID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { s -> Bool in
                    if s.isOpen || Task.isCancelled { return true }
                    s.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
            waiter?.resume()
        }
    }
}
