import ServiceLifecycle
import Synchronization

/// Runs `operation` in a task of its own and waits for it — but only until a graceful shutdown
/// begins (or this task is cancelled): then that task is cancelled and left, and this throws
/// `CancellationError` at once, whether or not it has ended.
///
/// Why not `cancelWhenGracefulShutdown`: that one cancels the operation and then waits for it to
/// end, and a PostgresNIO pool lease queued while the database is going down did not always end
/// on cancellation (Benchmarks/faults: SIGTERM during an outage left the alert dispatcher waiting
/// for ever, 1 run in 4, and then, with the dispatcher also waiting for the database to be known
/// up, 1 run in 9). What the left task holds is a transaction at most, which rolls back when its
/// connection goes with the process.
/// ```swift
/// let feeds = try await abandonOnGracefulShutdown { try await triggers.feeds(after: id) }
/// ```
func abandonOnGracefulShutdown<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) async throws -> T {
    let waiter = Waiter<T>()
    let task = Task { waiter.finish(with: await Result(catching: { try await operation() })) }
    return try await withTaskCancellationHandler {
        try await withGracefulShutdownHandler {
            try await withCheckedThrowingContinuation { continuation in waiter.wait(continuation) }
        } onGracefulShutdown: {
            task.cancel()
            waiter.finish(with: .failure(CancellationError()))
        }
    } onCancel: {
        task.cancel()
        waiter.finish(with: .failure(CancellationError()))
    }
}

/// One continuation resumed once, by whichever comes first: the result or the shutdown. Either
/// may come before the continuation is there; it is kept until then.
private final class Waiter<T: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<T, any Error>?
        var result: Result<T, any Error>?
        var resumed = false
    }
    private let state = Mutex(State())

    func wait(_ continuation: CheckedContinuation<T, any Error>) {
        let ready: Result<T, any Error>? = state.withLock { state in
            if let result = state.result, !state.resumed {
                state.resumed = true
                return result
            }
            state.continuation = continuation
            return nil
        }
        if let ready { continuation.resume(with: ready) }
    }

    func finish(with result: Result<T, any Error>) {
        let waiting: CheckedContinuation<T, any Error>? = state.withLock { state in
            guard !state.resumed else { return nil }
            guard let continuation = state.continuation else {
                if state.result == nil { state.result = result }
                return nil
            }
            state.resumed = true
            state.continuation = nil
            return continuation
        }
        waiting?.resume(with: result)
    }
}

private extension Result where Failure == any Error {
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
