/// Sanity limits on what a feed may hold, so a hostile or broken file costs bounded memory and
/// stack and gets a located error rather than being stored.
public enum FeedLimits {
    /// The longest cell (any field, CSV or JSON), in bytes: 64 KiB. No real cell comes near it
    /// (the longest legitimate one is a note list); a longer one is the row error `cell_too_long`.
    public static let cellBytes = 65_536

    /// The deepest JSON nesting accepted (arrays and objects); a feed needs 3. Deeper is the
    /// file error `nesting_too_deep`, found by a flat scan before parsing, so no parser recursion.
    public static let jsonDepth = 64

    /// How much of an over-long cell a row error quotes as its value.
    static let quotedPrefix = 40
}

extension RowError {
    /// `cell_too_long`: the cell's length and the limit, and its first characters as the value.
    static func cellTooLong(line: Int, field: String, length: Int, start: String, place: Place) -> RowError {
        RowError(line: line, field: field, code: "cell_too_long",
                 message: "the cell is \(length) bytes long; a cell may hold at most \(FeedLimits.cellBytes) bytes (64 KiB)",
                 value: String(start.prefix(FeedLimits.quotedPrefix)) + "…", place: place)
    }
}
