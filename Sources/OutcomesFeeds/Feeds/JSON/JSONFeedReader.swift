import Foundation

/// Reads a JSON feed: `{"observations": [ {"indicator": "…", "area": "…", "period": "…", …}, … ]}`.
///
/// JSON feeds are small (CSV is the bulk path), so the document is parsed whole with
/// `JSONSerialization`. Keys are the CSV column names (case-insensitive); numbers may be JSON
/// numbers or strings; `null` is an empty cell. A row's ``RowError/line`` is the observation's
/// 1-based index in the array, and its errors read "observation N".
/// ```swift
/// var validator = RowValidator(catalogue: catalogue, partner: "local_authority", today: today)
/// let batch = try JSONFeedReader.read(bytes, validator: &validator)
/// ```
public enum JSONFeedReader {
    public static func read(_ bytes: [UInt8], validator: inout RowValidator) throws(FeedFileError) -> FeedBatch {
        let observations = try parseDocument(bytes)
        if observations.isEmpty {
            throw FeedFileError(code: "empty_feed",
                                message: "the feed's \"observations\" array is empty; send at least one observation")
        }
        var batch = FeedBatch()
        let previousPlace = validator.place
        validator.place = .observation
        defer { validator.place = previousPlace }
        for (offset, element) in observations.enumerated() {
            let index = offset + 1
            let fields = try cells(of: element, index: index)
            if let (column, text) = fields.first(where: { $0.value.utf8.count > FeedLimits.cellBytes }) {
                batch.errors.append(.cellTooLong(line: index, field: column, length: text.utf8.count, start: text,
                                                 place: .observation))
                continue
            }
            if let (column, text) = fields.first(where: { $0.value.utf8.contains(0) }) {
                batch.errors.append(.nulCharacter(line: index, field: column, text: text, place: .observation))
                continue
            }
            switch validator.validate(fields, line: index) {
            case .success(let row):
                batch.rows.append(row)
            case .failure(let problems):
                batch.errors += problems.errors
            }
        }
        return batch
    }

    static let expectedShape = #"expected {"observations": [{"indicator": "…", "area": "…", "period": "…", "numerator": 12, "denominator": 340}, …]}"#

    /// The observations array, after the encoding and syntax checks.
    private static func parseDocument(_ bytes: [UInt8]) throws(FeedFileError) -> [Any] {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if let offset = UTF8Validation.firstInvalidOffset(Array(body)) {
            let absolute = offset + (bytes.count - body.count)
            let (line, column) = position(of: absolute, in: bytes)
            throw FeedFileError(code: "not_utf8",
                                message: "the feed is not UTF-8: invalid byte sequence starting with byte 0x\(String(bytes[absolute], radix: 16, uppercase: true)) at byte offset \(absolute); save the file as UTF-8",
                                line: line, column: column, byteOffset: absolute)
        }
        guard let first = body.first(where: { !FeedSniffer.isWhiteSpace($0) }) else {
            throw FeedFileError(code: "empty_feed", message: "the feed is empty; \(expectedShape)")
        }
        guard first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else {
            throw FeedFileError(code: "wrong_format",
                                message: "the feed does not start with '{', so it is not JSON (CSV?); name a CSV file .csv or send it as text/csv",
                                byteOffset: 0)
        }
        try checkDepth(bytes)
        let document: Any
        do {
            document = try JSONSerialization.jsonObject(with: Data(body), options: [])
        } catch {
            throw syntaxError(error, bytes: bytes, bodyStart: bytes.count - body.count)
        }
        guard let object = document as? [String: Any], let observations = object["observations"] as? [Any] else {
            throw FeedFileError(code: "malformed_json",
                                message: "the JSON is not an object with an \"observations\" array; \(expectedShape)")
        }
        return observations
    }

    /// Refuses nesting deeper than ``FeedLimits/jsonDepth`` before the (recursive) parser sees
    /// it: one flat pass over the bytes, skipping strings, so even a file of `[`s costs no stack.
    private static func checkDepth(_ bytes: [UInt8]) throws(FeedFileError) {
        var depth = 0
        var inString = false
        var escaped = false
        for (offset, byte) in bytes.enumerated() {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > FeedLimits.jsonDepth {
                    let (line, column) = position(of: offset, in: bytes)
                    throw FeedFileError(code: "nesting_too_deep",
                                        message: "the JSON is nested more than \(FeedLimits.jsonDepth) levels deep at byte offset \(offset); \(expectedShape)",
                                        line: line, column: column, byteOffset: offset)
                }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth -= 1
            default:
                break
            }
        }
    }

    /// One observation's cells, keyed by canonical column name.
    private static func cells(of element: Any, index: Int) throws(FeedFileError) -> [String: String] {
        guard let object = element as? [String: Any] else {
            throw FeedFileError(code: "malformed_json",
                                message: "observation \(index) is not a JSON object; \(expectedShape)")
        }
        var fields: [String: String] = [:]
        for (key, raw) in object {
            guard let column = FeedColumn(header: Substring(key)) else {
                throw FeedFileError(code: "unknown_column",
                                    message: "observation \(index) has unknown field '\(key)'; accepted (any case): \(FeedColumn.acceptedNames)")
            }
            if fields[column.rawValue] != nil {
                throw FeedFileError(code: "duplicate_column",
                                    message: "observation \(index) gives field '\(column.rawValue)' twice; give each field once")
            }
            fields[column.rawValue] = try text(of: raw, key: key, index: index)
        }
        return fields
    }

    /// A JSON value as cell text: strings as they are, numbers in their shortest exact form,
    /// `null` as empty. Booleans become "true"/"false" so they fail as numbers with a message.
    private static func text(of raw: Any, key: String, index: Int) throws(FeedFileError) -> String {
        switch raw {
        case let string as String:
            return string
        case is NSNull:
            return ""
        case let number as NSNumber:
            if String(cString: number.objCType) == "c" { return number.boolValue ? "true" : "false" }
            return number.stringValue
        default:
            throw FeedFileError(code: "malformed_json",
                                message: "observation \(index) field '\(key)' is an array or object; each field must be a string, a number or null")
        }
    }

    /// Locates a syntax error from Foundation's "around character N" message, when it says so.
    private static func syntaxError(_ error: any Error, bytes: [UInt8], bodyStart: Int) -> FeedFileError {
        let detail = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? "\(error)"
        var offset: Int?
        if let range = detail.range(of: "character ") {
            offset = Int(detail[range.upperBound...].prefix { $0.isNumber }).map { $0 + bodyStart }
        }
        guard let offset, offset <= bytes.count else {
            return FeedFileError(code: "malformed_json", message: "the feed is not valid JSON: \(detail)")
        }
        let (line, column) = position(of: offset, in: bytes)
        return FeedFileError(code: "malformed_json",
                             message: "the feed is not valid JSON: \(detail); \(expectedShape)",
                             line: line, column: column, byteOffset: offset)
    }

    /// 1-based line and byte column of an absolute offset.
    private static func position(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        let before = bytes[..<min(offset, bytes.count)]
        let line = before.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        return (line, offset - lineStart + 1)
    }
}
