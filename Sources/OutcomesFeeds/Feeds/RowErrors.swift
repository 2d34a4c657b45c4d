/// All the problems of one row, so a partner can fix a row in one go rather than one error per
/// resubmission.
public struct RowErrors: Error, Sendable, Hashable {
    public var errors: [RowError]

    public init(errors: [RowError]) {
        self.errors = errors
    }
}
