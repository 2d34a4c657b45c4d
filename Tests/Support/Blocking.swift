import Dispatch

/// Runs blocking work (a child process waited for, a pipe read to its end) on a thread of its
/// own, not on the few threads that every concurrently running test's tasks share: blocked
/// there for seconds, it starves other tests' event waits (`eventually`) for as long, and a test
/// waiting on a short-lived state (a spool file in `processing/`) misses it.
public func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
    }
}
