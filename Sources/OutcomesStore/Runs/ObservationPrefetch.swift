import OutcomesCore
import PostgresNIO
import Logging

/// Streams a run's observations indicator by indicator on a connection of its own, one indicator
/// ahead: while the run computes indicator n and writes indicator n − 1's result set on its own
/// connection, the observations of n + 1 are read here. The reader's transaction shares the run's
/// snapshot (``RunStore`` exports it from here and imports it there), so both see the same data.
///
/// At most one read is in flight; ``drain()`` waits for it, so the connection is idle before it
/// goes back to the pool whatever happened to the run.
///
/// ```swift
/// var observations = ObservationPrefetch(reader: reader, indicators: ids, context: context, logger: logger)
/// while let (id, points) = try await observations.next() { … }
/// ```
struct ObservationPrefetch {
    private let reader: PostgresConnection
    private let context: ComputeContext
    private let logger: Logger
    private var queue: ArraySlice<Int32>
    private var pending: (id: Int32, read: Task<[ObservationPoint], any Error>)?

    init(reader: PostgresConnection, indicators: [Int32], context: ComputeContext, logger: Logger) {
        self.reader = reader
        self.context = context
        self.logger = logger
        queue = indicators[...]
        pending = startNext()
    }

    private mutating func startNext() -> (id: Int32, read: Task<[ObservationPoint], any Error>)? {
        guard let id = queue.popFirst() else { return nil }
        let (reader, context, logger) = (reader, context, logger)
        return (id, Task { try await ObservationReader.read(reader, indicators: [id], context: context, logger: logger) })
    }

    /// The next indicator's id and observations, in the order given (nil after the last); starts
    /// reading the one after.
    mutating func next() async throws -> (id: Int32, points: [ObservationPoint])? {
        guard let current = pending else { return nil }
        pending = nil
        let points = try await current.read.value
        pending = startNext()
        return (current.id, points)
    }

    /// Waits for the read in flight, if any, and drops the rest.
    mutating func drain() async {
        queue = []
        if let current = pending { _ = try? await current.read.value }
        pending = nil
    }
}
