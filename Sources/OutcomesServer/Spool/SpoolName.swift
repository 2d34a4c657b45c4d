/// Whether a directory entry's name, as raw bytes, may be read as a feed — and if not, why, and
/// the printable name its refusal is filed under in `rejected/`.
///
/// A name read from the file system may hold any byte but `/` and NUL: invalid UTF-8, line
/// breaks (which would forge lines in the log and the errors file), bidi overrides (which would
/// spoof what an operator reads), or 255 bytes (no room left for the `<feed id>-` prefix, the
/// `.N` suffix or `.errors.txt` in the other folders). Such names are refused, not guessed at.
/// `/`, NUL, `.` and `..` cannot come from a directory listing; they are refused all the same.
struct SpoolName: Sendable, Equatable {
    /// The longest name accepted, leaving room in `archive/` and `rejected/` for the prefix and
    /// suffixes the spool adds within the 255 bytes a file name may have.
    static let maxBytes = 200

    enum Verdict: Sendable, Equatable {
        /// A name to read, as text.
        case readable(String)
        /// A writer's name for a file not finished yet (leading `.`, `.tmp`, `.part`): left alone.
        case inProgress
        /// Refused: why, and the printable name to file it under.
        case refused(reason: String, filedAs: String)
    }

    static func verdict(_ bytes: [UInt8]) -> Verdict {
        let impossible = bytes.isEmpty || bytes == [UInt8(ascii: ".")] || bytes == Array("..".utf8)
            || bytes.contains(UInt8(ascii: "/")) || bytes.contains(0)
        if !impossible && bytes.first == UInt8(ascii: ".") { return .inProgress }
        if let reason = problem(bytes) { return .refused(reason: reason, filedAs: printable(bytes)) }
        let name = String(decoding: bytes, as: UTF8.self)
        return SpoolFolder.isReadable(name) ? .readable(name) : .inProgress
    }

    /// Why the name cannot be used as it stands, or nil.
    static func problem(_ bytes: [UInt8]) -> String? {
        if bytes.isEmpty || bytes == [UInt8(ascii: ".")] || bytes == Array("..".utf8) {
            return "'\(printable(bytes))' is not a file name"
        }
        if bytes.contains(UInt8(ascii: "/")) || bytes.contains(0) {
            return "the name contains '/' or a NUL byte"
        }
        if bytes.count > maxBytes {
            return "the name is \(bytes.count) bytes long; spool file names may have at most \(maxBytes) bytes"
        }
        guard let name = String(validating: bytes, as: UTF8.self) else {
            return "the name is not UTF-8; name files in UTF-8"
        }
        if name.unicodeScalars.contains(where: isUnprintable) {
            return "the name contains a control character (a line break, tab or direction override); use printable characters only"
        }
        return nil
    }

    /// C0 and C1 controls, DEL, and the bidirectional overrides and isolates.
    static func isUnprintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// The name with bad bytes and unprintable characters as `_`, cut to ``maxBytes``.
    static func printable(_ bytes: [UInt8]) -> String {
        var result = ""
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            let kept: Unicode.Scalar = isUnprintable(scalar) || scalar == "/" || scalar == "\u{FFFD}" ? "_" : scalar
            if result.utf8.count + String(kept).utf8.count > maxBytes { break }
            result.unicodeScalars.append(kept)
        }
        return result.isEmpty || result == "." || result == ".." ? "unnamed" : result
    }
}
