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
        let dir = NSTemporaryDirectory() + "outcomesd-folder-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.copyItem(atPath: Self.repositoryRoot + "/Indicators", toPath: dir)
        let path = dir + "/aims.yaml"
        var bytes = Array("aims:\n  - number: 1\n    title: caf".utf8)
        bytes += [0xE9] + Array("\n".utf8)   // Latin-1 é
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let (_, issues) = CatalogueFolder.read(dir)
        #expect(issues.count == 1)
        #expect(issues.first?.location.line == 3 && issues.first?.location.column == 15)
        #expect(issues.first?.message.contains("byte offset 34") == true)
    }
}
