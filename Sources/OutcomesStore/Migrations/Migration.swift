import OutcomesCore

/// One versioned schema change: statements applied in order inside one transaction.
///
/// Statements are kept apart (not one SQL string) because PostgresNIO's extended query protocol
/// runs one statement per query.
public struct Migration: Sendable {
    public var version: Int
    public var name: String
    public var statements: [String]

    public init(version: Int, name: String, statements: [String]) {
        self.version = version
        self.name = name
        self.statements = statements
    }

    /// Detects an applied migration whose text was later edited (never edit one: add another).
    public var checksum: String {
        var hash = FNV1a()
        for statement in statements { hash.combine(statement.utf8); hash.combine([0]) }
        return hash.hex
    }

    /// Every migration, in version order.
    public static let all: [Migration] = [.m0001Catalogue, .m0002Feeds, .m0003Observations, .m0004Tokens, .m0005Runs, .m0006TokenNotify, .m0007Alerts, .m0008ResultSets, .m0009Revisions, .m0010TokenExpiry, .m0011RevisionsOnly, .m0012FeedErrorColumn, .m0013RollUpsOnRead, .m0014RunMapsUnchecked, .m0015RunSpans, .m0016FirstLoadDefaults, .m0017ResultSeries, .m0018ResultGenerations]
}
