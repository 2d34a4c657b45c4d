/// Strict UTF-8 validation (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF) of a
/// whole buffer: the one-shot form of ``UTF8Stream``, which holds the rules.
public enum UTF8Validation {
    /// The offset of the first byte that does not start a valid UTF-8 sequence (a sequence cut
    /// short by the end of the buffer counts as invalid), or nil.
    public static func firstInvalidOffset(_ bytes: [UInt8]) -> Int? {
        var stream = UTF8Stream()
        if let offset = bytes.withUnsafeBufferPointer({ stream.scan($0, base: 0) }) { return offset }
        return stream.pending > 0 ? stream.leadOffset : nil
    }
}
