import Foundation
import Testing
import OutcomesCore
import OutcomesFeeds

/// A partnership's own indicators in a second folder layered over the national catalogue, and the
/// national catalogue's state under the strict lint.
@Suite("Local catalogue over the national one")
struct LocalCatalogueTests {
    static var national: String { CatalogueFolderTests.repositoryRoot + "/Indicators" }

    /// A fresh temporary folder (never inside the real catalogue) with `files` (relative path → text).
    static func withFolder(_ files: [String: String], _ body: (String) throws -> Void) throws {
        let dir = NSTemporaryDirectory() + "/outcomesd-local-\(UInt64.random(in: 0...UInt64.max))"
        try FileManager.default.createDirectory(atPath: dir + "/indicators", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (path, text) in files { try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/" + path)) }
        try body(dir)
    }

    /// A national indicator's file under a new id.
    static func copy(of id: String, as newID: String) throws -> String {
        let text = try String(contentsOfFile: national + "/indicators/\(id).yaml", encoding: .utf8)
        return text.replacingOccurrences(of: "id: \(id)\n", with: "id: \(newID)\n")
    }

    @Test("a local folder's indicators are added to the national ones")
    func adds() throws {
        let nationalCount = try CatalogueFolder.load(Self.national).indicators.count
        let text = try Self.copy(of: "low_birth_weight", as: "cardiff_low_birth_weight")
        try Self.withFolder(["indicators/cardiff_low_birth_weight.yaml": text]) { local in
            let catalogue = try CatalogueFolder.load(Self.national, local: local)
            #expect(catalogue.indicators.count == nationalCount + 1)
            #expect(catalogue.indicator("cardiff_low_birth_weight")?.partner == "local_health_board")
            #expect(catalogue.indicator("low_birth_weight") != nil)
        }
    }

    @Test("a local indicator with a national id is an error naming both files")
    func duplicate() throws {
        let text = try String(contentsOfFile: Self.national + "/indicators/low_birth_weight.yaml", encoding: .utf8)
        try Self.withFolder(["indicators/low_birth_weight.yaml": text]) { local in
            #expect {
                try CatalogueFolder.load(Self.national, local: local)
            } throws: { error in
                let issues = (error as? CatalogueError)?.issues ?? []
                return issues.count == 1 && issues[0].location.file == local + "/indicators/low_birth_weight.yaml"
                    && issues[0].message.contains("duplicate indicator id 'low_birth_weight' (first declared at \(Self.national)/indicators/low_birth_weight.yaml")
            }
        }
    }

    @Test("a reference file in the local folder is refused, not ignored")
    func referenceFileRefused() throws {
        try Self.withFolder(["areas.yaml": "areas: []\n"]) { local in
            let (_, issues) = CatalogueFolder.read(Self.national, local: local)
            #expect(issues.map(\.location) == [SourceLocation(file: local + "/areas.yaml", line: 1, column: 1)])
            #expect(issues.first?.message.contains("adds indicators only") == true)
        }
    }

    @Test("a local folder without indicators/ is reported")
    func noIndicatorFolder() {
        let (_, issues) = CatalogueFolder.read(Self.national, local: "/nonexistent/local")
        #expect(issues.count == 1 && issues.first?.message.contains("has no indicators/ folder") == true)
    }

    @Test("the national catalogue's only strict findings are Welsh texts awaiting their check")
    func nationalLint() throws {
        let (sources, issues) = CatalogueFolder.read(Self.national)
        #expect(issues.isEmpty)
        let findings = CatalogueLint.findings(sources)
        #expect(findings.filter { !$0.message.hasPrefix("Welsh text not yet checked") } == [])
    }
}
