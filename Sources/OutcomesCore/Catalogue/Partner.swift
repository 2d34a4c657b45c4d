/// A body that supplies indicator data: a relevant partner under s25(4), or another source
/// (schools, Public Health Wales, national statistics, the voluntary sector…).
public struct Partner: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case relevantPartner = "relevant_partner"
        case otherSource = "other_source"
    }

    /// Stable key used in feeds, tokens and the spool folder (`spool/incoming/<key>/`).
    public var key: String
    public var name: LocalizedText
    public var kind: Kind
    /// The statutory basis or reason the body supplies data, e.g. "s25(4)(d)".
    public var basis: String

    public init(key: String, name: LocalizedText, kind: Kind, basis: String) {
        self.key = key
        self.name = name
        self.kind = kind
        self.basis = basis
    }
}
