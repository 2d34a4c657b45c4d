import Foundation
public import OutcomesCore

/// Reads input files as UTF-8 text, locating an encoding error to its byte offset.
public enum TextFile {
    /// Why a file could not be read as text.
    public struct ReadError: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var message: String
        public var line: Int
        public var column: Int

        public var issue: CatalogueIssue {
            CatalogueIssue(SourceLocation(file: path, line: line, column: column), message)
        }

        public var description: String { "\(path):\(line):\(column): \(message)" }
    }

    /// The file's text (a UTF-8 byte-order mark is dropped), shown in messages as `displayPath`.
    public static func read(_ path: String, displayPath: String? = nil) throws(ReadError) -> SourceFile {
        let shown = displayPath ?? path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReadError(path: shown, message: "cannot read the file (missing or not readable)", line: 1, column: 1)
        }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let offset = UTF8Validation.firstInvalidOffset(bytes) {
            let line = bytes[..<offset].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            let lineStart = bytes[..<offset].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
            throw ReadError(path: shown,
                            message: "the file is not UTF-8: invalid byte 0x\(String(bytes[offset], radix: 16, uppercase: true)) at byte offset \(offset); save it as UTF-8",
                            line: line, column: offset - lineStart + 1)
        }
        return SourceFile(path: shown, text: String(decoding: bytes, as: UTF8.self))
    }
}
