#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// One pass over `incoming/` or `processing/`: the feeds to read, and the entries to refuse.
///
/// Names are read as raw bytes (`readdir`), so any name the file system allows is seen as it is,
/// and every entry is looked at without following links (`lstat`): a symbolic link is never followed (a link to a file
/// outside the spool is moved to `rejected/` as a link; its target is never opened), and only
/// regular files are read. Entries moved are moved by `rename(2)` of their exact bytes, inside
/// the spool; nothing outside it is touched.
struct SpoolScan: Sendable {
    /// An entry the spool will not read: where it is (raw bytes) and why.
    struct Refusal: Sendable, Equatable {
        /// The partner folder it is filed under in `rejected/` (printable), or nil for an entry
        /// directly in `incoming/`, filed at the top of `rejected/`.
        var partner: String?
        /// The printable name it is filed under.
        var name: String
        /// Its exact path, NUL-terminated.
        var path: [UInt8]
        var reason: String
    }

    var files: [SpoolFolder.Claimed] = []
    var refused: [Refusal] = []

    /// Scans `folder/<partner>/<file>`; files oldest first. A name is judged before its entry
    /// is looked at, so only printable UTF-8 names are ever used as `String` paths.
    init(_ folder: String) {
        var dated: [(SpoolFolder.Claimed, Date)] = []
        let base = Array(folder.utf8)
        for partner in Self.entries(base) where partner.first != UInt8(ascii: ".") {
            let dir = base + [UInt8(ascii: "/")] + partner
            if let problem = SpoolName.problem(partner) {
                refused.append(Refusal(partner: nil, name: SpoolName.printable(partner), path: dir + [0],
                                       reason: "\(problem); incoming/ holds one folder per partner"))
                continue
            }
            let partnerName = String(decoding: partner, as: UTF8.self)
            guard let kind = Self.kind(folder + "/" + partnerName) else { continue }  // vanished
            if let problem = Self.notAFolder(kind) {
                refused.append(Refusal(partner: nil, name: partnerName, path: dir + [0],
                                       reason: "\(problem); incoming/ holds one folder per partner"))
                continue
            }
            for entry in Self.entries(dir) {
                let path = dir + [UInt8(ascii: "/")] + entry
                switch SpoolName.verdict(entry) {
                case .inProgress:
                    continue
                case .refused(let reason, let filedAs):
                    refused.append(Refusal(partner: partnerName, name: filedAs, path: path + [0], reason: reason))
                case .readable(let name):
                    let text = folder + "/" + partnerName + "/" + name
                    if path.count > Self.longestPath {
                        refused.append(Refusal(partner: partnerName, name: name, path: path + [0],
                                               reason: "the file's path is \(path.count) bytes long; with the spool's prefixes and suffixes it would pass the system's limit of \(PATH_MAX) bytes (PATH_MAX); give the spool folder a shorter path"))
                        continue
                    }
                    guard let kind = Self.kind(text) else { continue }
                    if let problem = Self.notAFile(kind) {
                        refused.append(Refusal(partner: partnerName, name: name, path: path + [0], reason: problem))
                    } else {
                        dated.append((SpoolFolder.Claimed(partner: partnerName, name: name, path: text), kind.modified))
                    }
                }
            }
        }
        files = dated.sorted { ($0.1, $0.0.path) < ($1.1, $1.0.path) }.map(\.0)
    }

    /// The longest path of a file the spool will read: room left under PATH_MAX (which counts
    /// the terminating NUL) for `processing/` over `incoming/`, the `<feed id>-` prefix, a `.N`
    /// suffix and `.errors.txt`.
    static let longestPath = Int(PATH_MAX) - 1 - 64

    /// What the entry is (not following a symbolic link) and when it was last modified.
    struct Kind {
        var type: FileAttributeType
        var modified: Date
    }

    /// The entry at a (UTF-8) path, as `lstat` sees it; nil when it is gone.
    static func kind(_ path: String) -> Kind? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let type = attributes[.type] as? FileAttributeType else { return nil }
        return Kind(type: type, modified: attributes[.modificationDate] as? Date ?? .distantPast)
    }

    static func describe(_ kind: Kind) -> String {
        switch kind.type {
        case .typeSymbolicLink: "a symbolic link"
        case .typeDirectory: "a folder"
        case .typeSocket: "a socket"
        case .typeCharacterSpecial, .typeBlockSpecial: "a device"
        case .typeRegular: "a regular file"
        default: "a named pipe or other special file"
        }
    }

    static func notAFolder(_ kind: Kind) -> String? {
        kind.type == .typeDirectory ? nil : "this is \(describe(kind)), not a folder"
    }

    static func notAFile(_ kind: Kind) -> String? {
        kind.type == .typeRegular ? nil
            : "this is \(describe(kind)), not a regular file; put the feed file itself here (links are not followed, folders not entered)"
    }

    /// The names in a folder as raw bytes, without `.` and `..`; empty when it cannot be read.
    static func entries(_ folder: [UInt8]) -> [[UInt8]] {
        let opened = (folder + [0]).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { opendir($0.baseAddress!) }
        }
        guard let dir = opened else { return [] }
        defer { closedir(dir) }
        var names: [[UInt8]] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                Array(raw.prefix { $0 != 0 })
            }
            if name == [UInt8(ascii: ".")] || name == Array("..".utf8) { continue }
            names.append(name)
        }
        return names.sorted { $0.lexicographicallyPrecedes($1) }
    }
}

extension SpoolFolder {
    /// Moves a refused entry to `rejected/[<partner>/]<name>` (a unique name) with
    /// `<name>.errors.txt` saying why; returns where it went.
    func refuse(_ refusal: SpoolScan.Refusal) throws -> String {
        let target: String
        if let partner = refusal.partner {
            target = try destination(rejected, partner, refusal.name)
        } else {
            try FileManager.default.createDirectory(atPath: rejected, withIntermediateDirectories: true)
            target = try destination(root, "rejected", refusal.name)
        }
        // The errors file first, whole or not at all: on a full file system the entry stays put.
        try writeFile(Data("\(refusal.name): rejected whole: \(refusal.reason)\n".utf8), target + ".errors.txt")
        let status = refusal.path.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { rename($0.baseAddress!, target) }
        }
        guard status == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: target + ".errors.txt")
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target, NSLocalizedDescriptionKey: reason])
        }
        return target
    }
}
