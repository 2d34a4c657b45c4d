/// StatsWales note codes (shorthand flags on a published value), parsed and normalised.
///
/// `p` provisional, `r` revised, `e` estimated, `c` confidential, `x` missing, `u` low reliability,
/// `b` break in series, `z` not applicable, `t` total. A cell lists them separated by commas and
/// white space ("p, r"; adjacent letters "pr" too), case-insensitive; they are stored as sorted,
/// de-duplicated letters ("pr").
enum NoteCodes {
    /// The accepted letters in their stored (alphabetical) order.
    static let letters: [UInt8] = Array("bceprtuxz".utf8)

    /// For messages that say what is accepted.
    static let accepted = "p provisional, r revised, e estimated, c confidential, x missing, u low reliability, b break in series, z not applicable, t total; separate them with commas, e.g. \"p,r\""

    /// The bits of `x` (missing) and `c` (confidential): numbers may then be left out.
    static let withheldMask: Int = bit(UInt8(ascii: "x")) | bit(UInt8(ascii: "c"))

    /// The normalised string for each combination of letters, built once.
    static let normalised: [String] = (0..<(1 << letters.count)).map { mask in
        String(decoding: letters.enumerated().filter { mask & (1 << $0.offset) != 0 }.map(\.element), as: UTF8.self)
    }

    private static func bit(_ letter: UInt8) -> Int {
        letters.firstIndex(of: letter).map { 1 << $0 } ?? 0
    }

    /// The set of letters in an already trimmed cell, or the first token that is not a code.
    static func parse(_ cell: UnsafeBufferPointer<UInt8>) -> Result<Int, UnknownNote> {
        var mask = 0
        var i = 0
        let n = cell.count
        while i < n {
            let byte = cell[i]
            if isSeparator(byte) { i += 1; continue }
            let lower = byte | 0x20
            if byte < 0x80, let position = letters.firstIndex(of: lower) {
                mask |= 1 << position
                i += 1
                continue
            }
            // Report the whole token around the bad character.
            var start = i
            while start > 0, !isSeparator(cell[start - 1]) { start -= 1 }
            var end = i
            while end < n, !isSeparator(cell[end]) { end += 1 }
            return .failure(UnknownNote(token: String(decoding: UnsafeBufferPointer(rebasing: cell[start..<end]), as: UTF8.self)))
        }
        return .success(mask)
    }

    /// Commas and any white space (a quoted cell may even hold a line break).
    private static func isSeparator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    struct UnknownNote: Error {
        var token: String
    }
}
