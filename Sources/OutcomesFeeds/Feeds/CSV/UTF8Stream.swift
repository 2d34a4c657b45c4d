/// Incremental strict UTF-8 validation (RFC 3629) over chunks, so a feed arriving in pieces can be
/// checked without joining them — a multi-byte sequence may straddle a chunk boundary.
///
/// Follows the rules of ``UTF8Validation`` (no overlongs, no surrogates, nothing above U+10FFFF)
/// and, like it, blames the first byte of a bad sequence. Runs of ASCII are skipped eight bytes at
/// a time, so the check costs little next to parsing.
struct UTF8Stream: Sendable {
    /// Continuation bytes still expected by the current sequence.
    private(set) var pending = 0
    /// Absolute offset and value of the first byte of the current (or failed) sequence.
    private(set) var leadOffset = 0
    private(set) var leadByte: UInt8 = 0
    private var lower: UInt8 = 0x80
    private var upper: UInt8 = 0xBF

    /// Checks `bytes`, which start at absolute offset `base`; returns the absolute offset of the
    /// first byte of the first invalid sequence, or nil when all is well so far.
    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, base: Int) -> Int? {
        guard let start = bytes.baseAddress else { return nil }
        let n = bytes.count
        var i = 0
        while i < n {
            if pending == 0 {
                // ASCII fast path: eight bytes with no high bit set.
                while i + 8 <= n,
                      UnsafeRawPointer(start + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                }
                guard i < n else { break }
            }
            let byte = start[i]
            if pending == 0 {
                if byte < 0x80 { i += 1; continue }
                leadOffset = base + i
                leadByte = byte
                lower = 0x80
                upper = 0xBF
                switch byte {
                case 0xC2...0xDF: pending = 1
                case 0xE0: pending = 2; lower = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: pending = 2
                case 0xED: pending = 2; upper = 0x9F
                case 0xF0: pending = 3; lower = 0x90
                case 0xF1...0xF3: pending = 3
                case 0xF4: pending = 3; upper = 0x8F
                default: return leadOffset
                }
            } else {
                guard byte >= lower, byte <= upper else { return leadOffset }
                lower = 0x80
                upper = 0xBF
                pending -= 1
            }
            i += 1
        }
        return nil
    }
}
