import Testing
@testable import OutcomesServer

/// What the spool makes of a directory entry's name, as the raw bytes `readdir` gives (issue 14).
@Suite("Spool file names")
struct SpoolNameTests {
    static func refusedAs(_ bytes: [UInt8]) -> String? {
        if case .refused(_, let filedAs) = SpoolName.verdict(bytes) { return filedAs }
        return nil
    }

    @Test("ordinary names are read; a writer's names (leading dot, .tmp, .part) are left alone")
    func ordinary() {
        #expect(SpoolName.verdict(Array("feed 2024-25.csv".utf8)) == .readable("feed 2024-25.csv"))
        #expect(SpoolName.verdict(Array("Ynys Môn – Q3.csv".utf8)) == .readable("Ynys Môn – Q3.csv"))
        #expect(SpoolName.verdict(Array(String(repeating: "a", count: 200).utf8)) == .readable(String(repeating: "a", count: 200)))
        for name in [".feed.csv", "..hidden", "feed.csv.tmp", "feed.csv.part"] {
            #expect(SpoolName.verdict(Array(name.utf8)) == .inProgress, "\(name)")
        }
    }

    @Test("odd names are refused, with a reason and a printable name of at most 200 bytes to file them under")
    func refused() throws {
        let cases: [([UInt8], String)] = [
            (Array("../escape.csv".utf8), "'/'"),
            (Array("/etc/passwd".utf8), "'/'"),
            (Array("nul\0.csv".utf8), "NUL"),
            (Array("line\nbreak.csv".utf8), "control character"),
            (Array("tab\there.csv".utf8), "control character"),
            (Array("evil\u{202E}vsc.exe".utf8), "direction override"),
            ([0x66, 0xFF, 0xFE, 0x2E, 0x63, 0x73, 0x76], "not UTF-8"),
            (Array(String(repeating: "b", count: 255).utf8), "255 bytes"),
            (Array(String(repeating: "é", count: 120).utf8), "240 bytes"),
            ([], "not a file name"), (Array(".".utf8), "not a file name"), (Array("..".utf8), "not a file name"),
        ]
        for (bytes, words) in cases {
            let verdict = SpoolName.verdict(bytes)
            guard case .refused(let reason, let filedAs) = verdict else {
                Issue.record("\(bytes) was not refused: \(verdict)")
                continue
            }
            #expect(reason.contains(words), "\(bytes): \(reason)")
            #expect(SpoolName.problem(Array(filedAs.utf8)) == nil, "\(bytes) is filed as the unusable '\(filedAs)'")
            #expect(filedAs.utf8.count <= SpoolName.maxBytes)
        }
        #expect(Self.refusedAs(Array("line\nbreak.csv".utf8)) == "line_break.csv")
        #expect(Self.refusedAs([0x66, 0xFF, 0x2E, 0x63, 0x73, 0x76]) == "f_.csv")
        #expect(Self.refusedAs(Array("..".utf8)) == "unnamed")
        #expect(Self.refusedAs(Array(String(repeating: "é", count: 120).utf8)) == String(repeating: "é", count: 100))
    }
}
