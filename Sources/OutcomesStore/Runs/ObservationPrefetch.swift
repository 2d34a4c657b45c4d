import OutcomesCore
import PostgresNIO
import Logging

/// Streams a run's observations indicator by indicator on a connection of its own, ``depth``
/// indicators ahead: while the run computes indicator n and writes a batch of result sets on its
/// own connection, the observations of the next ones are read here, one query after another on
/// the one connection (in whatever order their tasks reach it; ``next()`` returns them in the
/// order given), so the reader never waits for the run between two batches. The reader's
/// transaction shares the run's snapshot (``RunStore`` exports it from here and imports it
/// there), so both see the same data.
///
/// At most ``depth`` reads are in flight (memory: that many indicators' observations);
/// ``drain()`` waits for them, so the connection is idle before it goes back to the pool whatever
/// happened to the run.
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
    private var pending: [(id: Int32, read: Task<[ObservationPoint], any Error>)] = []
    static let depth = 4

    init(reader: PostgresConnection, indicators: [Int32], context: ComputeContext, logger: Logger) {
        self.reader = reader
        self.context = context
        self.logger = logger
        queue = indicators[...]
        while pending.count < Self.depth, let read = startNext() { pending.append(read) }
    }

    private mutating func startNext() -> (id: Int32, read: Task<[ObservationPoint], any Error>)? {
        guard let id = queue.popFirst() else { return nil }
        let (reader, context, logger) = (reader, context, logger)
        return (id, Task { try await ObservationReader.read(reader, indicator: id, context: context, logger: logger) })
    }

    /// The next indicator's id and observations, in the order given (nil after the last); starts
    /// reading the one after.
    mutating func next() async throws -> (id: Int32, points: [ObservationPoint])? {
        guard !pending.isEmpty else { return nil }
        let current = pending.removeFirst()
        let points = try await current.read.value
        if let read = startNext() { pending.append(read) }
        return (current.id, points)
    }

    /// Waits for the reads in flight, if any, and drops the rest.
    mutating func drain() async {
        queue = []
        for read in pending { _ = try? await read.read.value }
        pending = []
    }
}
