import Foundation
import OutcomesStore

/// The spool folder's file moves: `incoming/<partner>/<file>` → `processing/<partner>/<file>` →
/// `archive/<partner>/<feed id>-<file>` or `rejected/<partner>/<file>` with `<file>.errors.txt`.
///
/// Every move is a `rename(2)` within one filesystem, so a file is in exactly one folder at any
/// moment; nothing is ever deleted or overwritten (a clashing name gets a numeric suffix). A file
/// left in `processing/` by a crash is processed again on the next scan. Only files closed and
/// renamed into `incoming/` are meant to be read: writers should write elsewhere (or to a name
/// starting with `.` or ending in `.tmp` or `.part`, which are skipped) and rename when done.
/// Entries it will not read (odd names, links, folders, pipes: ``SpoolScan``, ``SpoolName``) are
/// moved to `rejected/` with an errors file by ``refuse(_:)``.
///
/// A feed that revises published figures says so with a marker, `<file>.confirm`, put in
/// `incoming/<partner>/` *before* the feed is renamed in; its text, if any, is the reason. The
/// marker travels with its feed (to `processing/`, then beside it in `archive/` or `rejected/`).
struct SpoolFolder: Sendable {
    struct Claimed: Sendable, Equatable {
        var partner: String
        var name: String
        var path: String
    }

    let root: String
    /// Writes an errors file whole or not at all (``writeWhole(_:to:)``; tests swap in a failing one).
    var writeFile: @Sendable (Data, String) throws -> Void = { try SpoolFolder.writeWhole($0, to: $1) }

    var incoming: String { root + "/incoming" }
    var processing: String { root + "/processing" }
    var archive: String { root + "/archive" }
    var rejected: String { root + "/rejected" }

    func prepare(partners: [String]) throws {
        let fm = FileManager.default
        for dir in [incoming, processing, archive, rejected] {
            try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
        }
        for partner in partners {
            try fm.createDirectory(atPath: incoming + "/" + partner, withIntermediateDirectories: true)
        }
    }

    static let confirmSuffix = ".confirm"

    static func isReadable(_ name: String) -> Bool {
        !name.hasPrefix(".") && !name.hasSuffix(".tmp") && !name.hasSuffix(".part") && !name.hasSuffix(confirmSuffix)
    }

    /// The claimed file's confirmation marker: nil when there is none, else its text (the reason;
    /// empty when the marker is empty).
    func confirmation(of file: Claimed) -> String? {
        guard let data = FileManager.default.contents(atPath: file.path + Self.confirmSuffix) else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Moves the marker (if any) to sit beside the file's new place.
    private func carryMarker(from: String, to: String) {
        let marker = from + Self.confirmSuffix
        guard FileManager.default.fileExists(atPath: marker) else { return }
        _ = rename(marker, to + Self.confirmSuffix)
    }

    /// Regular files under `folder/<partner>/` with usable names, oldest first (``SpoolScan``;
    /// what it refuses is moved out by ``SpoolWatcher`` with ``refuse(_:)``).
    func files(in folder: String) -> [Claimed] { SpoolScan(folder).files }

    /// Files a crash left mid-processing.
    func unfinished() -> [Claimed] { files(in: processing) }

    /// Atomically takes the oldest incoming file into `processing/`; nil when there is none.
    func claimNext() throws -> Claimed? {
        for file in files(in: incoming) {
            let target = try destination(processing, file.partner, file.name)
            if rename(file.path, target) == 0 {
                carryMarker(from: file.path, to: target)
                return Claimed(partner: file.partner, name: (target as NSString).lastPathComponent, path: target)
            }
            // Someone else took it (or it vanished): try the next.
        }
        return nil
    }

    /// Moves a processed file to `archive/` (applied or duplicate: `<feed id>-<name>`), with the
    /// rejected rows' errors beside it when there are any. The feed has landed, so it is archived
    /// even when its errors file cannot be written (a full file system): `errorsNotWritten` then
    /// says why (the errors are in the database: `GET /v1/feeds/{id}`).
    func archive(_ file: Claimed, feedID: Int64?, errors: String? = nil) throws -> (path: String, errorsNotWritten: (any Error)?) {
        let target = try destination(archive, file.partner, "\(feedID.map { "\($0)-" } ?? "")\(file.name)")
        var failure: (any Error)?
        if let errors {
            do { try writeFile(Data(errors.utf8), target + ".errors.txt") } catch { failure = error }
        }
        try move(file.path, target)
        carryMarker(from: file.path, to: target)
        return (target, failure)
    }

    /// Moves a refused file to `rejected/` with `<name>.errors.txt` beside it. The errors file is
    /// written first, whole or not at all: when it cannot be (a full file system) this throws and
    /// the file stays where it was, to be processed again, so a rejected feed never sits in
    /// `rejected/` without its errors.
    func reject(_ file: Claimed, errors: String) throws -> String {
        let target = try destination(rejected, file.partner, file.name)
        try writeFile(Data(errors.utf8), target + ".errors.txt")
        do {
            try move(file.path, target)
        } catch {
            try? FileManager.default.removeItem(atPath: target + ".errors.txt")
            throw error
        }
        carryMarker(from: file.path, to: target)
        return target
    }

    /// Writes `data` to `path` through a dot-name beside it and a rename: a failed write (ENOSPC)
    /// leaves no partial or empty file behind.
    static func writeWhole(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent("." + url.lastPathComponent + ".part")
        do {
            try data.write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
        guard rename(temporary.path, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: reason])
        }
    }

    /// `folder/partner/name`, made unique with `.1`, `.2`… so nothing is overwritten.
    func destination(_ folder: String, _ partner: String, _ name: String) throws -> String {
        let dir = folder + "/" + partner
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var candidate = dir + "/" + name
        var n = 1
        while FileManager.default.fileExists(atPath: candidate) || FileManager.default.fileExists(atPath: candidate + ".errors.txt") {
            candidate = dir + "/" + name + ".\(n)"
            n += 1
        }
        return candidate
    }

    /// Who owns the file (the operating-system user that wrote it), for the audit.
    static func owner(of path: String) -> String? { SystemUser.owner(of: path) }

    private func move(_ from: String, _ to: String) throws {
        guard rename(from, to) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: to, NSLocalizedDescriptionKey: String(cString: strerror(errno))])
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
