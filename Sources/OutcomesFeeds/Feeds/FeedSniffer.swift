/// Recognises, from a feed's first bytes, content that is plainly not the declared format — JSON
/// sent as CSV, a spreadsheet, UTF-16 text — so the partner gets one message saying what to send
/// instead of a confusing header or encoding error.
enum FeedSniffer {
    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    private static let signatures: [(bytes: [UInt8], error: FeedFileError)] = [
        ([0x50, 0x4B, 0x03, 0x04], FeedFileError(
            code: "wrong_format",
            message: "the feed is a zip file, probably an Excel workbook (.xlsx), not CSV; in Excel use Save As \"CSV UTF-8\" and send that file",
            byteOffset: 0)),
        ([0xD0, 0xCF, 0x11, 0xE0], FeedFileError(
            code: "wrong_format",
            message: "the feed is an old Excel workbook (.xls), not CSV; in Excel use Save As \"CSV UTF-8\" and send that file",
            byteOffset: 0)),
        ([0xFF, 0xFE], utf16),
        ([0xFE, 0xFF], utf16),
    ]

    private static let utf16 = FeedFileError(
        code: "not_utf8",
        message: "the feed is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8 (in Excel: \"CSV UTF-8\")",
        line: 1, column: 1, byteOffset: 0)

    /// For a CSV feed: nil while more bytes are needed to decide; success when it may be CSV.
    static func verdict(_ bytes: [UInt8], atEnd: Bool = false) -> Result<Void, FeedFileError>? {
        var rest = bytes[...]
        if rest.count < 3, byteOrderMark.starts(with: rest), !atEnd { return nil }
        for signature in signatures {
            if rest.starts(with: signature.bytes) { return .failure(signature.error) }
            if rest.count < signature.bytes.count, signature.bytes.starts(with: rest), !atEnd { return nil }
        }
        if rest.starts(with: byteOrderMark) { rest = rest.dropFirst(3) }
        guard let firstIndex = rest.firstIndex(where: { !isWhiteSpace($0) }) else {
            return atEnd || rest.count > 4096 ? .success(()) : nil
        }
        let first = bytes[firstIndex]
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            return .failure(FeedFileError(
                code: "wrong_format",
                message: "the feed looks like JSON (it starts with '\(Character(Unicode.Scalar(first)))') but was sent as CSV; name the file .json or send it as application/json",
                byteOffset: firstIndex))
        }
        return .success(())
    }

    static func isWhiteSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
