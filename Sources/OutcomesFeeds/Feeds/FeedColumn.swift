/// The columns a feed may have (CSV header names and JSON keys), in their canonical spelling.
public enum FeedColumn: String, Sendable, Hashable, CaseIterable {
    case indicator, area, period, breakdown, numerator, denominator, value, lower, upper, note
    /// Why a value was revised (free text, optional; kept with the revision in the audit trail).
    case reason

    /// The columns a CSV header must name.
    public static let required: [FeedColumn] = [.indicator, .area, .period]

    /// "indicator, area, period, breakdown, …" — for messages that say what is accepted.
    public static var acceptedNames: String {
        allCases.map(\.rawValue).joined(separator: ", ")
    }

    /// The canonical column for a header cell or JSON key (case-insensitive, spaces trimmed).
    public init?(header text: Substring) {
        self.init(rawValue: text.trimmingASCIISpaces().lowercased())
    }

    /// A dense position (declaration order), for fixed-size per-column arrays in the hot path.
    var index: Int {
        switch self {
        case .indicator: 0
        case .area: 1
        case .period: 2
        case .breakdown: 3
        case .numerator: 4
        case .denominator: 5
        case .value: 6
        case .lower: 7
        case .upper: 8
        case .note: 9
        case .reason: 10
        }
    }

    static let count = 11
}
