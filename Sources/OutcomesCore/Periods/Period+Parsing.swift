/// Why a period string was refused; the message says what would be accepted.
public enum PeriodError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The text is no period of any type.
    case malformed(text: String, expected: PeriodType)
    /// The text is a valid period, but of another type than the indicator's.
    case wrongType(text: String, found: PeriodType, expected: PeriodType)

    public var description: String {
        switch self {
        case let .malformed(text, expected):
            "'\(text)' is not a period; expected \(expected.acceptedForm)"
        case let .wrongType(text, found, expected):
            "'\(text)' is a \(found.rawValue) period; this indicator is reported by \(expected.rawValue) period: expected \(expected.acceptedForm)"
        }
    }
}

extension Period {
    /// Parses `text` as a period of `type`.
    ///
    /// Accepts the canonical forms, plus the StatsWales upload variants for quarters (`2024Q3`,
    /// `2024_Q3`) and months (`2024m07`, `202407`). A financial/academic year's second half must be
    /// the following year (`2024-25`, not `2024-26`).
    public static func parse(_ text: String, as type: PeriodType) throws(PeriodError) -> Period {
        if let period = parseIfType(Array(text.utf8), type) { return period }
        if let other = detect(text) {
            throw .wrongType(text: text, found: other.type, expected: type)
        }
        throw .malformed(text: text, expected: type)
    }

    /// Finds the type whose syntax `text` follows, if any.
    public static func detect(_ text: String) -> Period? {
        let bytes = Array(text.utf8)
        for type in PeriodType.allCases {
            if let p = parseIfType(bytes, type) { return p }
        }
        return nil
    }

    private static func digits(_ b: ArraySlice<UInt8>) -> Int? {
        guard !b.isEmpty else { return nil }
        var n = 0
        for c in b {
            guard c >= 0x30, c <= 0x39 else { return nil }
            n = n * 10 + Int(c - 0x30)
        }
        return n
    }

    private static func parseIfType(_ b: [UInt8], _ type: PeriodType) -> Period? {
        guard b.count >= 4, let year = digits(b[0..<4]) else { return nil }
        let rest = b[4...]
        switch type {
        case .calendar:
            return rest.isEmpty ? Period(type: .calendar, year: year) : nil
        case .financial, .academic:
            let sep: UInt8 = type == .financial ? UInt8(ascii: "-") : UInt8(ascii: "/")
            guard rest.count == 3, rest.first == sep, let yy = digits(rest.dropFirst()),
                  yy == (year + 1) % 100 else { return nil }
            return Period(type: type, year: year)
        case .quarter:
            // 2024-Q3, 2024Q3, 2024_Q3 (also lower-case q)
            var r = rest
            if let f = r.first, f == UInt8(ascii: "-") || f == UInt8(ascii: "_") { r = r.dropFirst() }
            guard r.count == 2, r.first == UInt8(ascii: "Q") || r.first == UInt8(ascii: "q"),
                  let q = digits(r.dropFirst()) else { return nil }
            return Period(type: .quarter, year: year, index: q)
        case .month:
            // 2024-07, 2024m07, 202407
            var r = rest
            if let f = r.first, f == UInt8(ascii: "-") || f == UInt8(ascii: "m") || f == UInt8(ascii: "M") {
                r = r.dropFirst()
            }
            guard r.count == 2, let m = digits(r) else { return nil }
            return Period(type: .month, year: year, index: m)
        }
    }
}
