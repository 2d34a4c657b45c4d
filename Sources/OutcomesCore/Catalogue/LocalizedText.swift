/// A name or title in English, with a Welsh form where a sourced translation exists.
public struct LocalizedText: Hashable, Sendable {
    public var en: String
    public var cy: String?

    public init(en: String, cy: String? = nil) {
        self.en = en
        self.cy = cy
    }

    /// The Welsh form when asked for and known, otherwise English.
    public func text(welsh: Bool) -> String {
        welsh ? (cy ?? en) : en
    }
}
