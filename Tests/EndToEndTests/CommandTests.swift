import Foundation
import Testing
import OutcomesTestSupport

@Suite("outcomesd commands, end to end")
struct CommandTests {
    let catalogue = TestCluster.repositoryRoot + "/Indicators"

    @Test("check passes on the real catalogue with a one-line summary")
    func checkPasses() async throws {
        let result = try await DaemonProcess.run(["check", "--catalogue", catalogue])
        #expect(result.status == 0)
        #expect(result.out.hasPrefix("ok: ") && result.out.contains("indicators, 7 aims, 9 dimensions"))
    }

    @Test("check on a broken copy exits 1 with file:line:column errors")
    func checkFailsWithLocations() async throws {
        let dir = try DaemonProcess.tempFolder("broken")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.copyItem(atPath: catalogue, toPath: dir + "/Indicators")
        let file = dir + "/Indicators/indicators/low_birth_weight.yaml"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try text.replacingOccurrences(of: "aims: [1]", with: "aims: [1, 8]").write(toFile: file, atomically: true, encoding: .utf8)
        let result = try await DaemonProcess.run(["check", "--catalogue", dir + "/Indicators"])
        #expect(result.status == 1)
        let line = (text.components(separatedBy: "\n").firstIndex { $0.hasPrefix("aims:") } ?? -1) + 1
        #expect(result.err.contains("\(dir)/Indicators/indicators/low_birth_weight.yaml:\(line):11: unknown core aim '8'"), "\(result.err)")
    }

    @Test("catalogue --format json lists at least 45 indicators covering every aim and dimension at least 3 times")
    func catalogueJSON() async throws {
        let result = try await DaemonProcess.run(["catalogue", "--catalogue", catalogue, "--format", "json"])
        #expect(result.status == 0)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [[String: Any]])
        #expect(rows.count >= 45)
        let keys: Set<String> = ["id", "title", "title_en", "title_cy", "type", "unit", "polarity", "aims", "dimensions", "partner",
                                 "period_type", "breakdowns"]
        #expect(rows.allSatisfy { Set($0.keys) == keys })
        for aim in 1...7 {
            #expect(rows.filter { ($0["aims"] as? [Int])?.contains(aim) == true }.count >= 3, "aim \(aim)")
        }
        for letter in ["a", "b", "c", "d", "e", "f", "g", "h", "i"] {
            #expect(rows.filter { ($0["dimensions"] as? [String])?.contains(letter) == true }.count >= 3, "dimension \(letter)")
        }
    }

    @Test("migrate on a fresh state folder applies the schema, then reports it up to date")
    func migrateTwice() async throws {
        let dir = try DaemonProcess.tempFolder("migrate")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let first = try await DaemonProcess.run(["migrate", "--state-dir", dir + "/state", "--catalogue", catalogue])
        #expect(first.status == 0, "\(first.err)")
        #expect(first.out.contains("applied migrations: 1, 2, 3"))
        let second = try await DaemonProcess.run(["migrate", "--state-dir", dir + "/state", "--catalogue", catalogue])
        #expect(second.out.contains("schema up to date"))
        #expect(second.out.contains("0 inserted, 0 updated, 0 retired, 0 links changed"))
    }
}
