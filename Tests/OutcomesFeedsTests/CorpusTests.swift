import Foundation
import Testing
import OutcomesCore
import OutcomesFeeds
import OutcomesTestSupport

/// The corpus of malformed feeds in `Corpus/`: each feed must produce exactly its `.expected`
/// outcome through the real readers and the real catalogue (less the row errors only the store
/// finds, ``CorpusExpectation/storeCodes``; the store's corpus test checks the whole outcome).
@Suite("Feed corpus")
struct CorpusTests {
    /// Feed file names (`NAME.csv` / `NAME.json`), sorted.
    static let feeds: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Fixture.corpusFolder)) ?? []
        return names.filter { $0.hasSuffix(".csv") || $0.hasSuffix(".json") }.sorted()
    }()

    @Test("the corpus has at least 25 feeds, each with an expected outcome")
    func corpusIsComplete() {
        #expect(Self.feeds.count >= 25)
        for feed in Self.feeds {
            let expected = Fixture.corpusFolder + "/" + feed.prefix { $0 != "." } + ".expected"
            #expect(FileManager.default.fileExists(atPath: expected), "\(feed) has no .expected file")
        }
    }

    @Test("each corpus feed produces exactly its expected outcome", arguments: feeds)
    func feedProducesExpectedOutcome(feed: String) throws {
        let base = Fixture.corpusFolder + "/" + feed.prefix { $0 != "." }
        let expectedText = try String(contentsOfFile: base + ".expected", encoding: .utf8)
        // The readers' part of it: repeated keys are the store's to find (CorpusIngestTests).
        let expected = try CorpusExpectation(parsing: expectedText, file: base + ".expected").readersPart
        let bytes = try #require(FileManager.default.contents(atPath: Fixture.corpusFolder + "/" + feed)).map { $0 }

        let format = FeedFormat.detect(fileName: feed, contentType: nil, firstBytes: Array(bytes.prefix(64)))
        let outcome: FeedOutcome
        switch format {
        case .csv:
            outcome = try readCSV(bytes, chunks: [4096], partner: expected.partner)
            // Streaming must not change the outcome: also read it in 3-byte chunks.
            #expect(try readCSV(bytes, chunks: [3], partner: expected.partner) == outcome)
        case .json:
            outcome = try readJSON(bytes, partner: expected.partner)
        }
        let actual = CorpusExpectation(outcome: outcome, partner: expected.partner)
        #expect(actual == expected, """
            \(feed): \(outcome.fileError.map { "file error: \($0)" } ?? "")
            \(outcome.errors.map(\.description).joined(separator: "\n"))
            """)
    }
}
