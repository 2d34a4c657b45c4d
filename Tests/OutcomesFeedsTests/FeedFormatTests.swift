import Testing
import OutcomesFeeds

@Suite("Feed format detection")
struct FeedFormatTests {
    @Test("the file name's extension decides first")
    func extensionDecides() {
        #expect(FeedFormat.detect(fileName: "la.CSV", contentType: "application/json", firstBytes: Array("{".utf8)) == .csv)
        #expect(FeedFormat.detect(fileName: "feed.json", contentType: "text/csv", firstBytes: []) == .json)
    }

    @Test("then the media type, ignoring parameters")
    func mediaTypeDecides() {
        #expect(FeedFormat.detect(fileName: nil, contentType: "application/json; charset=utf-8", firstBytes: []) == .json)
        #expect(FeedFormat.detect(fileName: "upload", contentType: "application/vnd.api+json", firstBytes: []) == .json)
        #expect(FeedFormat.detect(fileName: nil, contentType: "Text/CSV; header=present", firstBytes: Array("{".utf8)) == .csv)
    }

    @Test("then the content: a leading { or [ after a BOM and white space is JSON, anything else CSV")
    func contentDecides() {
        #expect(FeedFormat.detect(fileName: nil, contentType: "application/octet-stream", firstBytes: [0xEF, 0xBB, 0xBF] + Array(" \n[".utf8)) == .json)
        #expect(FeedFormat.detect(fileName: nil, contentType: nil, firstBytes: Array("indicator,area".utf8)) == .csv)
        #expect(FeedFormat.detect(fileName: nil, contentType: nil, firstBytes: []) == .csv)
    }
}
