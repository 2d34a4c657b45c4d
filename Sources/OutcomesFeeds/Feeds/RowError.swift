/// A rejected row: where, which field, a stable code, what is accepted, and the offending value.
///
/// Codes are stable (documented in `Indicators/FEEDS.md`) so partners and the store can rely on
/// them; the message is for people and says what would have been accepted.
/// ```swift
/// RowError(line: 12, field: "period", code: .wrongPeriodType,
///          message: "'2024' is a calendar period; …", value: "2024").description
/// // "line 12: period: wrong_period_type: '2024' is a calendar period; … (value '2024')"
/// ```
public struct RowError: Sendable, Hashable, Codable, CustomStringConvertible {
    /// What ``line`` counts: a CSV physical line, or a JSON observation's 1-based index.
    public enum Place: String, Sendable, Hashable, Codable {
        case line
        case observation
    }

    /// The CSV line where the record starts, or the JSON observation's 1-based index.
    public var line: Int
    /// The canonical column name (`period`, `numerator`…), or `record` for the whole record.
    public var field: String
    /// Why, as one of the documented codes (``Code``).
    public var code: Code
    public var message: String
    /// The offending text as sent (trimmed), or the derived number it produced.
    public var value: String
    /// Whether ``line`` is a line (CSV) or an observation index (JSON); decides how it reads.
    public var place: Place
    /// The byte column (1-based, within the physical line) for `malformed_csv`; nil otherwise.
    public var column: Int?

    public init(line: Int, field: String, code: Code, message: String, value: String,
                place: Place = .line, column: Int? = nil) {
        self.line = line
        self.field = field
        self.code = code
        self.message = message
        self.value = value
        self.place = place
        self.column = column
    }

    /// "line 12" or "observation 12", optionally with the column.
    public var location: String {
        switch place {
        case .line: column.map { "line \(line), column \($0)" } ?? "line \(line)"
        case .observation: "observation \(line)"
        }
    }

    public var description: String {
        "\(location): \(field): \(code): \(message) (value '\(value)')"
    }
}

extension RowError {
    /// `duplicate_key`: the row gives an observation (indicator, area, breakdown, period; `key`
    /// is the four as sent, space-separated) that row `firstLine` of the same feed already gave.
    /// Found by the store (its unique key), not by the readers, so no reader holds every key.
    public static func repeatedKey(line: Int, firstLine: Int, place: Place, key: String) -> RowError {
        let earlier = place == .line ? "on line \(firstLine)" : "in observation \(firstLine)"
        return RowError(line: line, field: "record", code: .duplicateKey,
                        message: "this indicator, area, breakdown and period were already given \(earlier); send each observation once per feed",
                        value: key, place: place)
    }
}
