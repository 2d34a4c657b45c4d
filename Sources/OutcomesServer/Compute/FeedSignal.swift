import Synchronization

/// Tells the scheduler that a feed was applied in this process (by `POST /v1/feeds` or the
/// spool), so it looks for new feeds at once instead of at its next poll: the poll interval was
/// time between a feed's commit and its figures being served. Feeds applied by another process
/// (the CLI, a second daemon) are still found by the poll.
///
/// One waiter (the scheduler); a signal given while nobody waits is kept until the next wait.
/// ```swift
/// context.feedSignal.applied()                           // after a feed committed
/// await context.feedSignal.wait(atMost: .seconds(1))     // the scheduler's pause
/// ```
final class FeedSignal: Sendable {
    private struct State {
        var pending = false
        var waiter: CheckedContinuation<Void, Never>?
    }
    private let state = Mutex(State())

    /// A feed was applied: wakes the waiter, or the next wait returns at once.
    func applied() {
        let waiter: CheckedContinuation<Void, Never>? = state.withLock { s in
            guard let waiter = s.waiter else { s.pending = true; return nil }
            s.waiter = nil
            return waiter
        }
        waiter?.resume()
    }

    /// Returns at the next signal (or at once for one given since the last wait), after `limit`,
    /// or when the task is cancelled, whichever is first.
    func wait(atMost limit: Duration) async {
        let timer = Task { [weak self] in
            // A timer cancelled because its wait ended must not wake the next one.
            guard (try? await Task.sleep(for: limit)) != nil else { return }
            self?.wake()
        }
        defer { timer.cancel() }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let now: Bool = state.withLock { s in
                    if s.pending { s.pending = false; return true }
                    // Cancelled before waiting: the handler below found no waiter to wake.
                    if Task.isCancelled { return true }
                    if let earlier = s.waiter { s.waiter = nil; earlier.resume() }
                    s.waiter = continuation
                    return false
                }
                if now { continuation.resume() }
            }
        } onCancel: {
            wake()
        }
    }

    /// Resumes the waiter without leaving a signal behind (the timer, a cancellation).
    private func wake() {
        let waiter: CheckedContinuation<Void, Never>? = state.withLock { s in
            let waiter = s.waiter
            s.waiter = nil
            return waiter
        }
        waiter?.resume()
    }
}
