import Foundation
import Glibc
import Testing
@testable import OutcomesServer

/// One scan of a spool folder, without the daemon: what is read, what is refused and why.
@Suite("Spool scan")
struct SpoolScanTests {
    /// `mkdirat` + `openat` one component at a time, so paths past PATH_MAX can be made.
    static func deepFolder(under root: String, length: Int) throws -> (fd: Int32, path: String) {
        var fd = open(root, O_RDONLY | O_DIRECTORY)
        var path = root
        while path.utf8.count < length {
            let component = String(repeating: "d", count: min(250, max(1, length - path.utf8.count - 1)))
            #expect(mkdirat(fd, component, 0o755) == 0)
            let next = openat(fd, component, O_RDONLY | O_DIRECTORY)
            close(fd)
            fd = next
            path += "/" + component
        }
        return (fd, path)
    }

    @Test("regular files are read; links, folders and pipes refused; a writer's dot name left alone")
    func kinds() throws {
        let root = NSTemporaryDirectory() + "spool-scan-\(getpid())-\(Int.random(in: 0..<1_000_000))"
        defer { try? FileManager.default.removeItem(atPath: root) }
        let partner = root + "/incoming/local_authority"
        try FileManager.default.createDirectory(atPath: partner + "/folder", withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: partner + "/feed.csv"))
        try Data("x".utf8).write(to: URL(fileURLWithPath: partner + "/.feed.csv.tmp"))
        try FileManager.default.createSymbolicLink(atPath: partner + "/link.csv", withDestinationPath: "/etc/passwd")
        #expect(mkfifo(partner + "/pipe.csv", 0o644) == 0)
        let scan = SpoolScan(root + "/incoming")
        #expect(scan.files.map(\.name) == ["feed.csv"])
        #expect(scan.refused.map(\.name).sorted() == ["folder", "link.csv", "pipe.csv"])
        #expect(scan.refused.allSatisfy { $0.partner == "local_authority" && $0.reason.contains("not a regular file") })
    }

    @Test("a file whose path is near or past PATH_MAX is refused with the reason, not skipped in silence or crashed on",
          arguments: [Int(PATH_MAX) - 250, Int(PATH_MAX) - 150])
    func pathPastPathMax(folderLength: Int) throws {
        let root = NSTemporaryDirectory() + "spool-deep-\(getpid())-\(Int.random(in: 0..<1_000_000))"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (fd, folder) = try Self.deepFolder(under: root, length: folderLength)
        defer { close(fd) }
        #expect(mkdirat(fd, "incoming", 0o755) == 0)
        #expect(mkdirat(fd, "incoming/local_authority", 0o755) == 0)
        let name = String(repeating: "f", count: 190) + ".csv"
        let file = openat(fd, "incoming/local_authority/" + name, O_CREAT | O_WRONLY, 0o644)
        #expect(file >= 0)
        close(file)
        let scan = SpoolScan(folder + "/incoming")
        #expect(scan.files.isEmpty)
        let refusal = try #require(scan.refused.first)
        #expect(refusal.name == name && refusal.reason.contains("PATH_MAX"))
        #expect(unlinkat(fd, "incoming/local_authority/" + name, 0) == 0)
    }
}
