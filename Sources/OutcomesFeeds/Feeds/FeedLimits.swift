#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Sanity limits on what a feed may hold, so a hostile or broken file costs bounded memory and
/// stack and gets a located error rather than being stored (or failing the store: PostgreSQL's
/// text cannot hold a NUL character, so a cell with one is the row error `nul_character`).
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
        RowError(line: line, field: field, code: .cellTooLong,
                 message: "the cell is \(length) bytes long; a cell may hold at most \(FeedLimits.cellBytes) bytes (64 KiB)",
                 value: String(start.prefix(FeedLimits.quotedPrefix)) + "…", place: place)
    }
}

extension RowError {
    /// `nul_character`: a cell holding U+0000, which no text column can store. The value shows
    /// it as `␀` (U+2400) so the error itself can be stored and read.
    static func nulCharacter(line: Int, field: String, text: String, place: Place) -> RowError {
        RowError(line: line, field: field, code: .nulCharacter,
                 message: "the cell holds a NUL character (byte 0x00), which is not text; remove it (it often comes from a UTF-16 or binary export)",
                 value: String(text.replacingOccurrences(of: "\u{0}", with: "\u{2400}").prefix(FeedLimits.quotedPrefix)),
                 place: place)
    }

    /// The first NUL byte's cell in `bytes`, given where each cell ends; nil when there is none.
    static func nulCell(_ bytes: UnsafeBufferPointer<UInt8>, ends: [Int]) -> Int? {
        guard let base = bytes.baseAddress, let found = memchr(base, 0, bytes.count) else { return nil }
        let offset = UnsafeRawPointer(found) - UnsafeRawPointer(base)
        return ends.firstIndex { offset < $0 } ?? ends.count
    }
}
