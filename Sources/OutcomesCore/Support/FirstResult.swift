import Synchronization

/// A result waited for by one caller and given by whichever of several racers comes first — the
/// work, a timer, a shutdown — each of which may come before the caller waits. Later ones are
/// ignored. The racers are unstructured, so the caller never waits for a loser to end: that is
/// the point (see ``withTimeout(seconds:_:)``).
/// ```swift
/// let first = FirstResult<Int>()
/// let work = Task { first.give(await Result { try await compute() }) }
/// let value = try await first.value()   // the work's result, or whatever was given first
/// ```
public final class FirstResult<T: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<T, any Error>?
        var result: Result<T, any Error>?
        var resumed = false
    }
    private let state = Mutex(State())

    public init() {}

    /// Waits for the first result given (at once when one already was).
    public func value() async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
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
    }

    /// Gives a result; ignored when one was given before.
    public func give(_ result: Result<T, any Error>) {
        let waiting: CheckedContinuation<T, any Error>? = state.withLock { state in
            guard !state.resumed, state.result == nil else { return nil }
            state.result = result
            guard let continuation = state.continuation else { return nil }
            state.resumed = true
            state.continuation = nil
            return continuation
        }
        waiting?.resume(with: result)
    }
}

extension Result where Failure == any Error {
    /// The result of async `body`.
    public init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
