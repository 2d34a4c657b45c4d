import NIOCore
import Synchronization

/// The HTTP listener once it is bound: opened from `onServerRunning`, and asked by the watchdog
/// whether its event loop still runs a task promptly.
final class ListenerProbe: Sendable {
    private let loop = Mutex<(any EventLoop)?>(nil)
    private let bound = StartupGate()

    func open(eventLoop: any EventLoop) {
        loop.withLock { $0 = eventLoop }
        bound.open()
    }

    var isOpen: Bool { bound.isOpen }

    /// Returns when the listener is bound or the task is cancelled.
    func wait() async { await bound.wait() }

    /// Whether the event loop runs a submitted task within `limit` (false when it is stuck).
    func answers(within limit: Duration) async -> Bool {
        guard let eventLoop = loop.withLock({ $0 }) else { return false }
        let answer = Answer()
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            answer.arm(continuation)
            eventLoop.execute { answer.resolve(true) }
            answer.timer(Task {
                try? await Task.sleep(for: limit)
                answer.resolve(false)
            })
        }
        answer.cancelTimer()
        return result
    }

    /// The first of "the loop ran it" and "the time ran out" resumes the waiter.
    private final class Answer: Sendable {
        private let state = Mutex<(waiter: CheckedContinuation<Bool, Never>?, timer: Task<Void, Never>?)>((nil, nil))

        func arm(_ waiter: CheckedContinuation<Bool, Never>) { state.withLock { $0.waiter = waiter } }
        func timer(_ task: Task<Void, Never>) { state.withLock { $0.timer = task } }
        func resolve(_ value: Bool) { state.withLock { $0.waiter.take() }?.resume(returning: value) }
        func cancelTimer() { state.withLock { $0.timer.take() }?.cancel() }
    }
}
