/// One CSV record as the parser saw it: the cells' bytes back to back, where each cell ends, and
/// the first quoting problem, if any. Reused from record to record to avoid allocations.
struct CSVRecord: Sendable {
    /// A quoting problem, located to the byte so the partner can find it in an editor.
    struct Issue: Sendable, Hashable {
        enum Kind: Sendable, Hashable {
            /// A `"` inside a field that did not start with one.
            case quoteInUnquotedField
            /// Text between a closing quote and the next delimiter.
            case textAfterClosingQuote
        }

        var kind: Kind
        var line: Int
        var column: Int
        /// 0-based index of the cell where it happened.
        var field: Int
    }

    /// The cells' bytes, unquoted and unescaped, concatenated.
    var bytes: [UInt8] = []
    /// End offset in ``bytes`` of each cell, in order.
    var ends: [Int] = []
    /// The physical line where the record starts.
    var line = 1
    /// Whether any cell was quoted (a quoted empty cell is content; a bare comma is not).
    var hasQuotes = false
    var issue: Issue?

    init() {
        bytes.reserveCapacity(256)
        ends.reserveCapacity(16)
    }

    var fieldCount: Int { ends.count }

    /// The byte range of cell `i`.
    @inline(__always)
    func range(_ i: Int) -> Range<Int> {
        (i == 0 ? 0 : ends[i - 1])..<ends[i]
    }

    /// True for a line with no content: only delimiters and white space, nothing quoted.
    /// Such lines (common at the end of spreadsheet exports) are skipped, not rejected.
    var isBlank: Bool {
        !hasQuotes && issue == nil && bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    /// The text of cell `i` (for the header and messages only, not the hot path).
    func text(_ i: Int) -> String {
        String(decoding: bytes[range(i)], as: UTF8.self)
    }

    mutating func reset(line: Int) {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        self.line = line
        hasQuotes = false
        issue = nil
    }
}
