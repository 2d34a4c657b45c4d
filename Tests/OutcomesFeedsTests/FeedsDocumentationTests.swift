import Foundation
import Testing
import OutcomesFeeds

/// Keeps `Indicators/FEEDS.md` honest: its examples must be accepted as they stand.
@Suite("FEEDS.md examples")
struct FeedsDocumentationTests {
    /// The first fenced block of the given language in FEEDS.md.
    private func example(_ language: String) throws -> String {
        let text = try String(contentsOfFile: Fixture.repositoryRoot + "/Indicators/FEEDS.md", encoding: .utf8)
        let start = try #require(text.range(of: "```\(language)\n"))
        let end = try #require(text.range(of: "```", range: start.upperBound..<text.endIndex))
        return String(text[start.upperBound..<end.lowerBound])
    }

    @Test("the CSV example is accepted row for row")
    func csvExampleIsAccepted() throws {
        let outcome = try readCSV(try example("csv"))
        #expect(outcome.fileError == nil)
        #expect(outcome.errors == [])
        #expect(outcome.rows.count == 6)
    }

    @Test("the JSON example is accepted row for row")
    func jsonExampleIsAccepted() throws {
        let outcome = try readJSON(try example("json"))
        #expect(outcome.fileError == nil)
        #expect(outcome.errors == [])
        #expect(outcome.rows.count == 3)
    }
}
