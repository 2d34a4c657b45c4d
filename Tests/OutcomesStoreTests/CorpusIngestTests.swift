import Foundation
import Testing
import OutcomesCore
import OutcomesFeeds
import OutcomesStore
import OutcomesTestSupport
import PostgresNIO

/// The malformed-feed corpus again, this time through ``FeedIngest`` into a real PostgreSQL: the
/// database side must agree with the readers, and a refused feed must leave nothing stored.
@Suite("Feed corpus against a real PostgreSQL")
struct CorpusIngestTests {
    /// The parameterised test below runs once per corpus file: a corpus folder that is not found
    /// would make it run zero cases and pass, so its presence is a test of its own.
    @Test("the corpus is found: every feed file with its expected outcome")
    func corpusIsThere() throws {
        let feeds = CorpusExpectation.feeds
        #expect(feeds.count >= 40, "found \(feeds.count) corpus feeds in \(CorpusExpectation.folder)")
        for feed in feeds {
            let base = CorpusExpectation.folder + "/" + feed.prefix { $0 != "." }
            #expect(FileManager.default.fileExists(atPath: base + ".expected"), "\(feed) has no .expected file")
        }
    }

    @Test("each corpus feed, ingested, gives its expected outcome and stores only the accepted rows", arguments: CorpusExpectation.feeds)
    func corpusFeed(feed: String) async throws {
        let base = CorpusExpectation.folder + "/" + feed.prefix { $0 != "." }
        let expected = try CorpusExpectation(parsing: try String(contentsOfFile: base + ".expected", encoding: .utf8), file: base + ".expected")
        let path = CorpusExpectation.folder + "/" + feed
        let head = Array((FileManager.default.contents(atPath: path) ?? Data()).prefix(64))
        let format = FeedFormat.detect(fileName: feed, contentType: nil, firstBytes: head)
        let partner = try #require(expected.partner, "corpus cases for the database need a partner")
        try await TestCluster.withMigratedDatabase { client, catalogue in
            let report = try await FeedIngest(client: client, catalogue: catalogue, logger: TestCluster.logger)
                .ingest(FileChunks(path: path, chunkSize: 5), FeedSubmission(partner: partner, in: catalogue, source: .cli, fileName: feed, format: format,
                    today: CivilDate(year: 2026, month: 11, day: 23)!))
            let actual = CorpusExpectation(
                partner: partner, rejected: report.status == .rejected ? report.fileError?.code : nil,
                rejections: report.errors.map { "\($0.line) \($0.field) \($0.code)" },
                accepted: report.rows - report.rejected)
            #expect(actual == expected, "\(report.text)")
            let stored = try await TestCluster.scalar(client, "SELECT count(*)::int FROM observation")
            #expect(stored == (expected.accepted ?? 0))
        }
    }
}
