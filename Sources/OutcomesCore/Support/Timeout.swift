/// Thrown by ``withTimeout(seconds:_:)`` when the work takes too long.
public struct TimeoutError: Error, CustomStringConvertible {
    public var seconds: Double
    public var description: String { "timed out after \(seconds) s" }
}

/// Runs `body`, failing with ``TimeoutError`` when it takes longer than `seconds` (the work is
/// cancelled). For calls without a timeout of their own, such as a readiness probe.
public func withTimeout<T: Sendable>(seconds: Double, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: .seconds(seconds))
            throw TimeoutError(seconds: seconds)
        }
        guard let first = try await group.next() else { throw TimeoutError(seconds: seconds) }
        group.cancelAll()
        return first
    }
}
