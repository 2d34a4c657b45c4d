import Foundation
import Testing
import OutcomesCore
import OutcomesFeeds

@Suite("Reading the catalogue folder")
struct CatalogueFolderTests {
    static var repositoryRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    @Test("the real catalogue folder loads")
    func realFolderLoads() throws {
        let catalogue = try CatalogueFolder.load(Self.repositoryRoot + "/Indicators")
        #expect(catalogue.indicators.count >= 45)
    }

    @Test("a missing folder is reported with what it should contain")
    func missingFolder() {
        #expect {
            try CatalogueFolder.load("/nonexistent/Indicators")
        } throws: { error in
            (error as? CatalogueError)?.issues.first?.message.contains("aims.yaml") == true
        }
    }

    @Test("a file that is not UTF-8 is reported with its line, column and byte offset")
    func notUTF8() throws {
        // A fresh folder holding only the broken file (never a copy of the real catalogue, which a
        // mistaken path could overwrite).
        let dir = NSTemporaryDirectory() + "/outcomesd-folder-\(UInt64.random(in: 0...UInt64.max))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/aims.yaml"
        var bytes = Array("aims:\n  - number: 1\n    title: caf".utf8)
        bytes += [0xE9] + Array("\n".utf8)   // Latin-1 é
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let (_, issues) = CatalogueFolder.read(dir)
        #expect(path.hasPrefix(NSTemporaryDirectory()))
        #expect(issues.count == 1)
        #expect(issues.first?.location.line == 3 && issues.first?.location.column == 15)
        #expect(issues.first?.message.contains("byte offset 34") == true)
    }
}
