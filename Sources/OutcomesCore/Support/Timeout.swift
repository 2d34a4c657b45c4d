/// Thrown by ``withTimeout(seconds:_:)`` when the work takes too long.
public struct TimeoutError: Error, CustomStringConvertible {
    public var seconds: Double
    public var description: String { "timed out after \(seconds) s" }
}

/// Runs `body`, failing with ``TimeoutError`` when it takes longer than `seconds`. For calls
/// without a timeout of their own, such as a readiness probe.
///
/// At the timeout (or when the caller is cancelled) the work is cancelled and *left*: this
/// returns at once instead of waiting for it to end. A task group would wait, and a PostgreSQL
/// pool lease queued while the database goes down does not always end on cancellation; the
/// readiness probe then held its request, and the request the server's graceful shutdown
/// (Benchmarks/faults: SIGTERM during an outage, 70 s).
public func withTimeout<T: Sendable>(seconds: Double, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    let first = FirstResult<T>()
    let work = Task { first.give(await Result(catching: { try await body() })) }
    let timer = Task {
        try? await Task.sleep(for: .seconds(seconds))
        first.give(.failure(TimeoutError(seconds: seconds)))
    }
    defer {
        work.cancel()
        timer.cancel()
    }
    return try await withTaskCancellationHandler {
        try await first.value()
    } onCancel: {
        first.give(.failure(CancellationError()))
    }
}
