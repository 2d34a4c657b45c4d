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

    /// A cell over ``FeedLimits/cellBytes``: kept only up to the limit, but counted to its end.
    struct LongCell: Sendable, Hashable {
        /// 0-based index of the cell.
        var field: Int
        /// The cell's full length in bytes.
        var length: Int
    }

    /// The cells' bytes, unquoted and unescaped, concatenated (each cell at most
    /// ``FeedLimits/cellBytes`` of them, so a record's memory is bounded whatever the input).
    var bytes: [UInt8] = []
    /// End offset in ``bytes`` of each cell, in order.
    var ends: [Int] = []
    /// The physical line where the record starts.
    var line = 1
    /// Whether any cell was quoted (a quoted empty cell is content; a bare comma is not).
    var hasQuotes = false
    var issue: Issue?
    /// The first cell longer than the limit.
    var longCell: LongCell?
    /// Where the current cell starts in ``bytes``.
    private var cellStart = 0
    /// Bytes of the current cell not kept because it is over the limit.
    private var dropped = 0

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

    /// Adds a run of the current cell's bytes, keeping no more than the limit.
    @inline(__always)
    mutating func append(contentsOf run: UnsafeBufferPointer<UInt8>) {
        let room = FeedLimits.cellBytes - (bytes.count - cellStart)
        if run.count <= room {
            bytes.append(contentsOf: run)
        } else {
            if room > 0 { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: run[..<room])) }
            dropped += run.count - max(room, 0)
        }
    }

    /// Adds one byte of the current cell, unless it is over the limit.
    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if bytes.count - cellStart < FeedLimits.cellBytes {
            bytes.append(byte)
        } else {
            dropped += 1
        }
    }

    /// Ends the current cell (noting it when it was over the limit); the next one starts.
    @inline(__always)
    mutating func endCell() {
        if dropped > 0 {
            if longCell == nil { longCell = LongCell(field: ends.count, length: bytes.count - cellStart + dropped) }
            dropped = 0
        }
        ends.append(bytes.count)
        cellStart = bytes.count
    }

    mutating func reset(line: Int) {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        self.line = line
        hasQuotes = false
        issue = nil
        longCell = nil
        cellStart = 0
        dropped = 0
    }
}
