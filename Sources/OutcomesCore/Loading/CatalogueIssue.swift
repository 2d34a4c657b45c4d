/// One problem found in a catalogue or configuration file, located to line and column.
public struct CatalogueIssue: Hashable, Sendable, CustomStringConvertible, Comparable {
    public var location: SourceLocation
    /// What is wrong and what would be accepted.
    public var message: String

    public init(_ location: SourceLocation, _ message: String) {
        self.location = location
        self.message = message
    }

    public static func < (lhs: CatalogueIssue, rhs: CatalogueIssue) -> Bool {
        (lhs.location, lhs.message) < (rhs.location, rhs.message)
    }

    /// `file:line:column: message`.
    public var description: String { "\(location): \(message)" }
}

/// Thrown when a catalogue or configuration has problems; carries every one found, sorted by place.
public struct CatalogueError: Error, Sendable, CustomStringConvertible {
    public var issues: [CatalogueIssue]

    public init(issues: [CatalogueIssue]) {
        self.issues = issues.sorted()
    }

    public var description: String {
        issues.map(\.description).joined(separator: "\n")
    }
}
