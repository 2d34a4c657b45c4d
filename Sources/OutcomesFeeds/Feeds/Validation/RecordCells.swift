/// The cells of one record, by canonical column, as views into the reader's buffer.
///
/// Lets the CSV hot path hand cells to ``RowValidator`` without a `[String: String]` per row;
/// only valid for the duration of the call that receives it.
struct RecordCells {
    let bytes: UnsafeBufferPointer<UInt8>
    /// Indexed by ``FeedColumn/index``; an empty range means absent or empty.
    let ranges: [Range<Int>]

    /// The cell's bytes without surrounding spaces and tabs (empty when absent).
    @inline(__always)
    subscript(_ column: FeedColumn) -> UnsafeBufferPointer<UInt8> {
        var range = ranges[column.index]
        while range.lowerBound < range.upperBound, Self.isSpace(bytes[range.lowerBound]) {
            range = (range.lowerBound + 1)..<range.upperBound
        }
        while range.lowerBound < range.upperBound, Self.isSpace(bytes[range.upperBound - 1]) {
            range = range.lowerBound..<(range.upperBound - 1)
        }
        return UnsafeBufferPointer(rebasing: bytes[range])
    }

    @inline(__always)
    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    /// Calls `body` with the cells of a `[String: String]` row (the JSON and API path).
    static func with<R>(_ fields: [String: String], _ body: (RecordCells) -> R) -> R {
        var bytes: [UInt8] = []
        var ranges = Array(repeating: 0..<0, count: FeedColumn.count)
        for (key, value) in fields {
            guard let column = FeedColumn(rawValue: key) else { continue }
            let start = bytes.count
            bytes.append(contentsOf: value.utf8)
            ranges[column.index] = start..<bytes.count
        }
        return bytes.withUnsafeBufferPointer { body(RecordCells(bytes: $0, ranges: ranges)) }
    }

    /// The cell as text, for messages.
    func text(_ column: FeedColumn) -> String {
        String(decoding: self[column], as: UTF8.self)
    }
}
