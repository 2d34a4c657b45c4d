import Foundation
import Glibc
import Testing
import OutcomesTestSupport

/// Hostile names in the spool (issue 14): names with line breaks, bidi overrides, invalid UTF-8
/// or 255 bytes, a link to a file outside the spool, a sub-folder, a named pipe, a partner
/// "folder" that is a link elsewhere. Each is moved to rejected/ with an errors file saying why
/// (or, for a writer's dot name, left alone); nothing outside the spool is touched; the daemon
/// keeps running and still takes the next ordinary feed.
@Suite("The spool refuses odd names", .serialized)
struct SpoolOddNamesTests {
    let catalogue = TestCluster.repositoryRoot + "/Indicators"
    static let feed = "indicator,area,period,numerator,denominator\nlow_birth_weight,W06000013,2023,48,910\n"

    /// Creates a file at a path given as raw bytes (any byte but NUL), the way a careless or
    /// hostile writer could.
    static func create(_ path: [UInt8], _ text: String) throws {
        let fd = (path + [0]).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY | O_TRUNC, 0o644) }
        }
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        #expect(write(fd, bytes, bytes.count) == bytes.count)
    }

    static func names(_ dir: String) -> [[UInt8]] {
        guard let d = opendir(dir) else { return [] }
        defer { closedir(d) }
        var result: [[UInt8]] = []
        while let entry = readdir(d) {
            let name = withUnsafeBytes(of: &entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            if name != [0x2E] && name != [0x2E, 0x2E] { result.append(name) }
        }
        return result
    }

    @Test("odd names, links, folders and pipes are refused without touching anything outside; the next feed is ingested", .timeLimit(.minutes(3)))
    func oddNames() async throws {
        let root = try DaemonProcess.tempFolder("odd-names")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let state = root + "/state"
        let outside = root + "/outside"
        try FileManager.default.createDirectory(atPath: outside + "/folder", withIntermediateDirectories: true)
        try Data(Self.feed.utf8).write(to: URL(fileURLWithPath: outside + "/secret.csv"))
        try Data("kept".utf8).write(to: URL(fileURLWithPath: outside + "/folder/inside.csv"))
        let before = try FileManager.default.attributesOfItem(atPath: outside + "/secret.csv")

        let port = DaemonProcess.freePort()
        let log = root + "/serve.log"
        let serve = try DaemonProcess.startServe(stateDir: state, catalogue: catalogue, port: port, log: log)
        defer { kill(serve.processIdentifier, SIGKILL) }
        #expect(await DaemonProcess.waitReady(port: port, seconds: 90))
        let spool = state + "/spool"
        let incoming = spool + "/incoming/local_health_board"
        #expect(await eventually(seconds: 30) { FileManager.default.fileExists(atPath: incoming) })

        let dir = Array(incoming.utf8) + [0x2F]
        let longName = String(repeating: "x", count: 251) + ".csv"
        try Self.create(dir + Array("line\nbreak.csv".utf8), Self.feed)
        try Self.create(dir + Array("latin1-".utf8) + [0xE9] + Array(".csv".utf8), Self.feed)
        try Self.create(dir + Array(longName.utf8), Self.feed)
        try Self.create(dir + Array("evil\u{202E}vsc.csv".utf8), Self.feed)
        try Self.create(dir + Array(".writing.csv".utf8), Self.feed)
        try FileManager.default.createSymbolicLink(atPath: incoming + "/link.csv", withDestinationPath: outside + "/secret.csv")
        try FileManager.default.createDirectory(atPath: incoming + "/sub", withIntermediateDirectories: false)
        try Data(Self.feed.utf8).write(to: URL(fileURLWithPath: incoming + "/sub/inner.csv"))
        #expect(mkfifo(incoming + "/pipe.csv", 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: spool + "/incoming/linked_partner", withDestinationPath: outside + "/folder")
        try FileManager.default.createDirectory(atPath: spool + "/incoming/bad\npartner", withIntermediateDirectories: false)
        try Data(Self.feed.utf8).write(to: URL(fileURLWithPath: spool + "/incoming/bad\npartner/feed.csv"))

        // Every refusal lands in rejected/ with its errors file.
        let rejected = spool + "/rejected/local_health_board"
        let expected = ["line_break.csv", "latin1-_.csv", String(repeating: "x", count: 200), "evil_vsc.csv", "link.csv", "sub", "pipe.csv"]
        #expect(await eventually(seconds: 30) { expected.allSatisfy { FileManager.default.fileExists(atPath: rejected + "/" + $0 + ".errors.txt") } },
                "rejected/: \(SpoolTests.files(rejected))")
        #expect(await eventually(seconds: 30) {
            ["linked_partner", "bad_partner"].allSatisfy { FileManager.default.fileExists(atPath: spool + "/rejected/" + $0 + ".errors.txt") }
        }, "rejected/: \(SpoolTests.files(spool + "/rejected"))")
        let reasons = expected.map { (try? String(contentsOfFile: rejected + "/" + $0 + ".errors.txt", encoding: .utf8)) ?? "" }
        #expect(reasons[0].contains("control character") && reasons[1].contains("not UTF-8") && reasons[2].contains("255 bytes"))
        #expect(reasons[4].contains("symbolic link") && reasons[5].contains("folder") && reasons[6].contains("named pipe"))

        // The link moved as a link, still pointing outside; its target and the linked folder untouched.
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: rejected + "/link.csv")) == outside + "/secret.csv")
        #expect(try String(contentsOfFile: outside + "/secret.csv", encoding: .utf8) == Self.feed)
        let after = try FileManager.default.attributesOfItem(atPath: outside + "/secret.csv")
        #expect(after[.modificationDate] as? Date == before[.modificationDate] as? Date)
        #expect(try String(contentsOfFile: outside + "/folder/inside.csv", encoding: .utf8) == "kept")
        #expect(SpoolTests.files(outside).sorted() == ["folder", "secret.csv"])
        #expect(FileManager.default.fileExists(atPath: rejected + "/sub/inner.csv"))
        // The writer's dot name is left where it is; nothing else remains in incoming/.
        #expect(Self.names(incoming) == [Array(".writing.csv".utf8)])
        #expect(try await SpoolTests.sql(state, "SELECT count(*) FROM feed") == "0")

        // Still running, and still ingesting.
        #expect(serve.isRunning)
        try SpoolTests.drop(Self.feed, state: state, partner: "local_health_board", name: "good.csv")
        #expect(await eventually(seconds: 30) { SpoolTests.files(spool + "/archive/local_health_board").contains { $0.hasSuffix("-good.csv") } },
                "archive: \(SpoolTests.files(spool + "/archive/local_health_board"))")
        #expect(try await SpoolTests.sql(state, "SELECT count(*) FROM feed") == "1")
        let logText = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        #expect(logText.contains("spool entry refused"))
        kill(serve.processIdentifier, SIGTERM)
        #expect(await DaemonProcess.waitExit(serve, seconds: 60) == 0)
    }
}
