import Foundation
import Testing
@testable import OutcomesFeeds

/// Collects records as cell lists (or the file error).
private struct Cells: CSVRecordSink {
    var records: [[String]] = []
    var lines: [Int] = []
    var issues: [CSVRecord.Issue?] = []

    mutating func record(_ record: CSVRecord) throws(FeedFileError) {
        records.append((0..<record.fieldCount).map(record.text))
        lines.append(record.line)
        issues.append(record.issue)
    }
}

private struct Parsed: Equatable {
    var records: [[String]] = []
    var lines: [Int] = []
    var issues: [CSVRecord.Issue?] = []
    var error: FeedFileError?
}

private func parse(_ bytes: [UInt8], cuts: [Int]) -> Parsed {
    var parser = CSVParser()
    var sink = Cells()
    var parsed = Parsed()
    do throws(FeedFileError) {
        var start = 0
        for cut in cuts + [bytes.count] where cut >= start {
            try bytes[start..<cut].withUnsafeBufferPointer { (chunk) throws(FeedFileError) in
                try parser.consume(chunk, into: &sink)
            }
            start = cut
        }
        try parser.finish(into: &sink)
    } catch {
        parsed.error = error
        return parsed  // records before a file error are discarded, as the reader's users do
    }
    parsed.records = sink.records
    parsed.lines = sink.lines
    parsed.issues = sink.issues
    return parsed
}

/// RFC 4180 encoding of one record, quoting only where needed.
private func encode(_ cells: [String]) -> String {
    cells.map { cell in
        cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
    }.joined(separator: ",")
}

@Suite("CSV parser fuzzing (fixed seeds)")
struct CSVParserFuzzTests {
    @Test("random cells with commas, quotes, line breaks and non-ASCII survive encoding and parsing")
    func roundTrip() {
        var random = SplitMix64(state: 4180)
        let alphabet: [String] = ["a", "b", "1", ",", "\"", "\n", "\r\n", " ", "é", "–", "\u{1F600}", "x"]
        for _ in 0..<400 {
            let records = (0..<Int.random(in: 1...6, using: &random)).map { _ in
                (0..<Int.random(in: 1...5, using: &random)).map { _ in
                    String((0..<Int.random(in: 0...6, using: &random)).map { _ in
                        Character(alphabet[Int.random(in: 0..<alphabet.count, using: &random)])
                    }.reduce("") { $0 + String($1) })
                }
            }
            // A record whose only cell is empty would be a blank line: give it content.
            let usable = records.map { $0 == [""] ? ["z"] : $0 }
            let ending = Bool.random(using: &random) ? "\r\n" : "\n"
            let text = usable.map(encode).joined(separator: ending) + (Bool.random(using: &random) ? ending : "")
            let bytes = Array(text.utf8)
            let cuts = (0..<4).map { _ in Int.random(in: 0...bytes.count, using: &random) }.sorted()
            let parsed = parse(bytes, cuts: cuts)
            #expect(parsed.error == nil)
            #expect(parsed.records == usable, "\(text.debugDescription)")
            #expect(parsed.issues.allSatisfy { $0 == nil })
        }
    }

    @Test("random bytes never crash the parser, and any chunking gives the same outcome")
    func randomBytesAreChunkingInvariant() {
        var random = SplitMix64(state: 1234)
        let alphabet: [UInt8] = [0x2C, 0x22, 0x0D, 0x0A, 0x61, 0x20, 0xC3, 0xA9, 0xE2, 0x80, 0x93, 0xFF, 0xEF, 0xBB, 0xBF, 0xF0]
        for _ in 0..<2_000 {
            let bytes = (0..<Int.random(in: 0...40, using: &random)).map { _ in
                alphabet[Int.random(in: 0..<alphabet.count, using: &random)]
            }
            let whole = parse(bytes, cuts: [])
            let byteByByte = parse(bytes, cuts: Array(0...bytes.count))
            let cuts = (0..<3).map { _ in Int.random(in: 0...bytes.count, using: &random) }.sorted()
            #expect(byteByByte == whole, "\(bytes)")
            #expect(parse(bytes, cuts: cuts) == whole, "\(bytes) cut at \(cuts)")
        }
    }
}
