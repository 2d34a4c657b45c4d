/// The two feed formats, and how to tell which one a submission is.
public enum FeedFormat: String, Sendable, Hashable, CaseIterable {
    case csv
    case json

    /// Decides the format from what the sender said, then from the content.
    ///
    /// The file name's extension wins (`.csv`, `.txt` → CSV; `.json` → JSON), then the media type
    /// (`text/csv`, `application/json`, `…+json`), then the first non-blank byte (`{` or `[` →
    /// JSON); anything else is read as CSV, whose reader refuses JSON or a spreadsheet with
    /// `wrong_format`.
    /// ```swift
    /// FeedFormat.detect(fileName: "la.csv", contentType: nil, firstBytes: [])   // .csv
    /// ```
    public static func detect(fileName: String?, contentType: String?, firstBytes: [UInt8]) -> FeedFormat {
        if let fileName, let dot = fileName.lastIndex(of: ".") {
            switch fileName[fileName.index(after: dot)...].lowercased() {
            case "csv", "txt": return .csv
            case "json": return .json
            default: break
            }
        }
        if let contentType, let declared = declared(by: contentType) { return declared }
        return looksLikeJSON(firstBytes[...]) ? .json : .csv
    }

    /// The format a media type names (parameters such as `charset` aside), or nil when it names
    /// neither: `application/json`, `text/json`, `…+json` → JSON; `text/csv`, `application/csv`,
    /// `text/plain` → CSV. HTTP, where the media type is the sender's word, answers nil with 415.
    public static func declared(by contentType: String) -> FeedFormat? {
        let media = contentType.split(separator: ";", maxSplits: 1).first.map {
            $0.trimmingASCIISpaces().lowercased()
        } ?? ""
        if media == "application/json" || media == "text/json" || media.hasSuffix("+json") { return .json }
        if media == "text/csv" || media == "application/csv" || media == "text/plain" { return .csv }
        return nil
    }

    /// Whether the first byte after a byte-order mark and white space opens a JSON object or array.
    static func looksLikeJSON(_ bytes: ArraySlice<UInt8>) -> Bool {
        var rest = bytes
        if rest.starts(with: [0xEF, 0xBB, 0xBF]) { rest = rest.dropFirst(3) }
        guard let first = rest.first(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) }) else {
            return false
        }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
    }
}
