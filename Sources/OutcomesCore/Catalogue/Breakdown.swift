/// A population an indicator is reported for: `all` children, or a priority group
/// (guidance §2.1.4, s25(2)(a)) whose gap to all children is itself a measure.
public struct Breakdown: Hashable, Sendable {
    /// The key every indicator is reported for and feeds default to.
    public static let allKey = "all"

    public var key: String
    public var name: LocalizedText
    public var isPriorityGroup: Bool
    public var basis: String?

    public init(key: String, name: LocalizedText, isPriorityGroup: Bool, basis: String? = nil) {
        self.key = key
        self.name = name
        self.isPriorityGroup = isPriorityGroup
        self.basis = basis
    }
}
