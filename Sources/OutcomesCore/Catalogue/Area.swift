/// A geography with an ONS/GSS code: Wales, a Local Health Board or a local authority.
///
/// Boundaries change: Bridgend moved from Abertawe Bro Morgannwg to Cwm Taf Morgannwg University
/// Health Board on 1 April 2019, so parent links carry validity dates.
public struct Area: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case country
        case healthBoard = "health_board"
        case localAuthority = "local_authority"
    }

    /// A link to a containing area, valid between two dates (inclusive; open when nil).
    public struct ParentLink: Hashable, Sendable {
        public var code: String
        public var from: CivilDate?
        public var to: CivilDate?

        public init(code: String, from: CivilDate? = nil, to: CivilDate? = nil) {
            self.code = code
            self.from = from
            self.to = to
        }

        public func covers(_ date: CivilDate) -> Bool {
            (from.map { $0 <= date } ?? true) && (to.map { date <= $0 } ?? true)
        }
    }

    public var code: String
    public var name: LocalizedText
    public var kind: Kind
    public var validFrom: CivilDate?
    public var validTo: CivilDate?
    public var parents: [ParentLink]

    public init(code: String, name: LocalizedText, kind: Kind, validFrom: CivilDate? = nil,
                validTo: CivilDate? = nil, parents: [ParentLink] = []) {
        self.code = code
        self.name = name
        self.kind = kind
        self.validFrom = validFrom
        self.validTo = validTo
        self.parents = parents
    }

    /// The parent area code on `date`, if any link covers it.
    public func parent(on date: CivilDate) -> String? {
        parents.first { $0.covers(date) }?.code
    }

    /// Whether the area itself existed on `date`.
    public func isValid(on date: CivilDate) -> Bool {
        (validFrom.map { $0 <= date } ?? true) && (validTo.map { date <= $0 } ?? true)
    }

    /// Whether the area existed at any time during `period`.
    public func existed(during period: Period) -> Bool {
        (validFrom.map { $0 <= period.lastDay } ?? true) && (validTo.map { period.firstDay <= $0 } ?? true)
    }

    /// ONS/GSS codes are a letter, then eight digits: W92000004, W06000013.
    public static func isWellFormedCode(_ code: String) -> Bool {
        let b = Array(code.utf8)
        return b.count == 9 && (0x41...0x5A).contains(b[0]) && b.dropFirst().allSatisfy { (0x30...0x39).contains($0) }
    }
}
