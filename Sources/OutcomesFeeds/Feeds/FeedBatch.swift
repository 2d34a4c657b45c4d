/// The validated rows and row errors produced by one step of a feed reader.
///
/// Readers return a batch per chunk so the store can write rows as they arrive instead of
/// holding a whole feed in memory.
public struct FeedBatch: Sendable, Hashable {
    public var rows: [ObservationRow]
    public var errors: [RowError]

    public init(rows: [ObservationRow] = [], errors: [RowError] = []) {
        self.rows = rows
        self.errors = errors
    }

    public var isEmpty: Bool { rows.isEmpty && errors.isEmpty }

    /// Appends another batch (rows and errors keep their order).
    public mutating func append(_ other: FeedBatch) {
        rows += other.rows
        errors += other.errors
    }
}
