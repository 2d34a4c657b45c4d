import OutcomesCore
import ServiceLifecycle

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
    let first = FirstResult<T>()
    let task = Task { first.give(await Result(catching: { try await operation() })) }
    defer { task.cancel() }
    return try await withTaskCancellationHandler {
        try await withGracefulShutdownHandler {
            try await first.value()
        } onGracefulShutdown: {
            first.give(.failure(CancellationError()))
        }
    } onCancel: {
        first.give(.failure(CancellationError()))
    }
}
