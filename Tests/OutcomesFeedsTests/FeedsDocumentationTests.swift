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

    @Test("every column is in the Columns table, and the published-figure code and confirmation are documented")
    func columnsAndRevisions() throws {
        let text = try String(contentsOfFile: Fixture.repositoryRoot + "/Indicators/FEEDS.md", encoding: .utf8)
        let start = try #require(text.range(of: "### Columns"))
        let end = try #require(text.range(of: "### Note codes", range: start.upperBound..<text.endIndex))
        let firstCells = text[start.upperBound..<end.lowerBound].split(separator: "\n")
            .filter { $0.hasPrefix("| `") }.compactMap { $0.split(separator: "|").first.map(String.init) }
        for column in FeedColumn.allCases {
            #expect(firstCells.contains { $0.contains("`\(column.rawValue)`") }, "column \(column.rawValue) is not in FEEDS.md's Columns table")
        }
        #expect(text.contains("| `period_published` | value |"), "period_published is not in FEEDS.md's row errors")
        for way in ["--confirm-revisions", "confirm_revisions=true", "<file>.confirm"] {
            #expect(text.contains(way), "\(way) is not in FEEDS.md")
        }
    }

    @Test("the row error codes are exactly the documented ones (FEEDS.md, Row errors), in the same order")
    func rowErrorCodesAreDocumented() throws {
        let text = try String(contentsOfFile: Fixture.repositoryRoot + "/Indicators/FEEDS.md", encoding: .utf8)
        let start = try #require(text.range(of: "## Row errors"))
        let end = try #require(text.range(of: "## File errors", range: start.upperBound..<text.endIndex))
        let documented = text[start.upperBound..<end.lowerBound].split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("| `") else { return nil }
            return line.dropFirst(3).prefix { $0 != "`" }.description
        }
        #expect(documented == RowError.Code.allCases.map(\.rawValue))
        // Shown as documented wherever it is interpolated (messages, text reports).
        #expect("\(RowError.Code.duplicateKey)" == "duplicate_key")
    }
}
