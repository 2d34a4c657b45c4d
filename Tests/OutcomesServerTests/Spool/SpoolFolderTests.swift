import Foundation
import Testing
@testable import OutcomesServer

/// The spool's moves when the errors file cannot be written (a full file system: found by
/// Benchmarks/faults, issue 14). Before, a rejected feed was moved to rejected/ first and its
/// errors written after: on ENOSPC it sat there with an empty errors file and was never looked
/// at again.
@Suite("Spool folder on a full file system")
struct SpoolFolderTests {
    struct NoSpace: Error {}

    static func folder() throws -> (SpoolFolder, String) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("spool-\(UUID().uuidString)").path
        let folder = SpoolFolder(root: root)
        try folder.prepare(partners: ["local_authority"])
        return (folder, root)
    }

    static func claim(_ folder: SpoolFolder, _ name: String) throws -> SpoolFolder.Claimed {
        try Data("indicator,area\n".utf8).write(to: URL(fileURLWithPath: folder.incoming + "/local_authority/" + name))
        return try #require(try folder.claimNext())
    }

    static func names(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }

    @Test("a rejected feed whose errors cannot be written stays in processing/, and nothing is left in rejected/")
    func rejectWithoutSpace() throws {
        var (folder, root) = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let file = try Self.claim(folder, "bad.csv")
        folder.writeFile = { _, _ in throw NoSpace() }
        #expect(throws: NoSpace.self) { try folder.reject(file, errors: "bad.csv: rejected whole\n") }
        #expect(Self.names(folder.processing + "/local_authority") == ["bad.csv"])
        #expect(Self.names(folder.rejected + "/local_authority").isEmpty)
        // Space again: the next attempt files it with its errors.
        folder.writeFile = { try SpoolFolder.writeWhole($0, to: $1) }
        let moved = try folder.reject(file, errors: "bad.csv: rejected whole\n")
        #expect(moved == folder.rejected + "/local_authority/bad.csv")
        #expect(Self.names(folder.rejected + "/local_authority") == ["bad.csv", "bad.csv.errors.txt"])
        #expect(try String(contentsOfFile: moved + ".errors.txt", encoding: .utf8) == "bad.csv: rejected whole\n")
        #expect(Self.names(folder.processing + "/local_authority").isEmpty)
    }

    @Test("an applied feed is archived even when its rows' errors cannot be written, and says so")
    func archiveWithoutSpace() throws {
        var (folder, root) = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let file = try Self.claim(folder, "some.csv")
        folder.writeFile = { _, _ in throw NoSpace() }
        let (path, failure) = try folder.archive(file, feedID: 7, errors: "line 3: bad value\n")
        #expect(path == folder.archive + "/local_authority/7-some.csv")
        #expect(failure is NoSpace)
        #expect(Self.names(folder.archive + "/local_authority") == ["7-some.csv"])
        #expect(Self.names(folder.processing + "/local_authority").isEmpty)
    }

    @Test("writeWhole leaves no partial file when the write fails")
    func writeWholeFails() throws {
        let (_, root) = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        // A path whose folder does not exist: the write fails; nothing is created.
        #expect(throws: (any Error).self) { try SpoolFolder.writeWhole(Data("x".utf8), to: root + "/missing/e.errors.txt") }
        try SpoolFolder.writeWhole(Data("x".utf8), to: root + "/e.errors.txt")
        #expect(Self.names(root).contains("e.errors.txt"))
        #expect(!Self.names(root).contains { $0.hasSuffix(".part") })
    }
}
