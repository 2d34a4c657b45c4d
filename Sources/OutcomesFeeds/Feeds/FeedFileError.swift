/// The whole feed refused: one clear message, with line/column or byte offset when known.
///
/// Codes: `not_utf8`, `missing_column`, `duplicate_column`, `unknown_column`, `empty_feed`,
/// `malformed_json`, `malformed_csv`, `wrong_format`, `nesting_too_deep`, `cell_too_long` (a header
/// cell). Nothing of a refused feed is stored.
public struct FeedFileError: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: String
    public var message: String
    public var line: Int?
    /// 1-based byte column within ``line``.
    public var column: Int?
    /// Absolute 0-based byte offset from the start of the file (a byte-order mark included).
    public var byteOffset: Int?

    public init(code: String, message: String, line: Int? = nil, column: Int? = nil, byteOffset: Int? = nil) {
        self.code = code
        self.message = message
        self.line = line
        self.column = column
        self.byteOffset = byteOffset
    }

    /// "line 3, column 7: malformed_csv: …", or "byte offset 57: not_utf8: …" when only the
    /// offset is known.
    public var description: String {
        let place: String
        if let line {
            place = "line \(line)" + (column.map { ", column \($0)" } ?? "") + ": "
        } else if let byteOffset {
            place = "byte offset \(byteOffset): "
        } else {
            place = ""
        }
        return "\(place)\(code): \(message)"
    }
}
