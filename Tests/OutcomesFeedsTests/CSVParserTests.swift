import Testing
@testable import OutcomesFeeds

/// Collects what the parser hands over, as plain values.
private struct Collector: CSVRecordSink {
    struct Record: Equatable {
        var line: Int
        var cells: [String]
        var issue: CSVRecord.Issue?
    }

    var records: [Record] = []

    mutating func record(_ record: CSVRecord) throws(FeedFileError) {
        records.append(Record(line: record.line, cells: (0..<record.fieldCount).map(record.text), issue: record.issue))
    }
}

/// Parses `bytes` split at the given chunk sizes (the last size repeats).
private func parse(_ bytes: [UInt8], chunks sizes: [Int] = [1 << 20]) -> Result<[Collector.Record], FeedFileError> {
    var parser = CSVParser()
    var sink = Collector()
    var start = 0
    var k = 0
    do throws(FeedFileError) {
        while start < bytes.count {
            let end = min(bytes.count, start + max(1, sizes[min(k, sizes.count - 1)]))
            try bytes[start..<end].withUnsafeBufferPointer { (chunk) throws(FeedFileError) in
                try parser.consume(chunk, into: &sink)
            }
            start = end
            k += 1
        }
        try parser.finish(into: &sink)
        return .success(sink.records)
    } catch {
        return .failure(error)
    }
}

private func parse(_ text: String, chunks: [Int] = [1 << 20]) -> Result<[Collector.Record], FeedFileError> {
    parse(Array(text.utf8), chunks: chunks)
}

private func cells(_ result: Result<[Collector.Record], FeedFileError>) -> [[String]] {
    (try? result.get())?.map(\.cells) ?? [["failed"]]
}

/// A feed exercising every parser feature: BOM, CRLF, lone CR, quotes with commas, doubled
/// quotes and line breaks, blank lines, multi-byte UTF-8, a quoting error, no final newline.
private let tricky: [UInt8] = [0xEF, 0xBB, 0xBF] + Array((
    "a,b,c\r\n" +
    "\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\n" +
    "\r\n" +
    "Ynys Môn,\"Caerdydd – Cardiff\",\u{1F600}\n" +
    "lone,cr\r" +
    "bad\"quote,2,3\n" +
    "\"closed\"x,5,6\n" +
    ",,\n" +
    "last,\"\",end"
).utf8)

@Suite("CSV parser")
struct CSVParserTests {
    @Test("splits fields on commas and records on LF")
    func splitsFieldsAndRecords() {
        #expect(cells(parse("a,b,c\n1,2,3\n")) == [["a", "b", "c"], ["1", "2", "3"]])
    }

    @Test("quoted fields keep commas, doubled quotes and line breaks")
    func quotedFieldsKeepSpecialCharacters() {
        let result = parse("\"a,b\",\"say \"\"hi\"\"\",\"one\ntwo\",\"cr\r\nlf\"\nnext\n")
        #expect(cells(result) == [["a,b", "say \"hi\"", "one\ntwo", "cr\r\nlf"], ["next"]])
        // Line breaks inside quotes still count as physical lines.
        #expect((try? result.get())?.map(\.line) == [1, 4])
    }

    @Test("CRLF and lone CR end records like LF")
    func crlfAndLoneCREndRecords() {
        let result = parse("a,b\r\nc,d\re,f\n")
        #expect(cells(result) == [["a", "b"], ["c", "d"], ["e", "f"]])
        #expect((try? result.get())?.map(\.line) == [1, 2, 3])
    }

    @Test("a UTF-8 byte-order mark is skipped, also when split over chunks")
    func byteOrderMarkIsSkipped() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a,b\n".utf8)
        for size in 1...4 {
            #expect(cells(parse(bytes, chunks: [size])) == [["a", "b"]])
        }
    }

    @Test("text that merely starts like a byte-order mark is kept")
    func partialByteOrderMarkIsText() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0x80] + Array(",b\n".utf8)  // U+FEC0
        #expect(cells(parse(bytes, chunks: [1])) == [["\u{FEC0}", "b"]])
    }

    @Test("blank lines are skipped but counted for line numbers")
    func blankLinesAreSkippedButCounted() {
        let result = parse("a\n\n\r\nb\n\n\n")
        #expect(cells(result) == [["a"], ["b"]])
        #expect((try? result.get())?.map(\.line) == [1, 4])
    }

    @Test("the last record needs no final line break, and empty cells are kept")
    func lastRecordAndEmptyCells() {
        #expect(cells(parse("a,,\n,b,\"\"")) == [["a", "", ""], ["", "b", ""]])
    }

    @Test("a quote inside an unquoted field is located by line and byte column")
    func quoteInsideUnquotedFieldIsLocated() throws {
        let records = try parse("a,b\nxy,ab\"c,d\n").get()
        #expect(records[1].issue == CSVRecord.Issue(kind: .quoteInUnquotedField, line: 2, column: 6, field: 1))
        #expect(records[1].cells == ["xy", "ab\"c", "d"])
    }

    @Test("text after a closing quote is located and does not swallow the next record")
    func textAfterClosingQuoteIsLocated() throws {
        let records = try parse("\"ab\"c,d\ne,f\n").get()
        #expect(records[0].issue == CSVRecord.Issue(kind: .textAfterClosingQuote, line: 1, column: 5, field: 0))
        #expect(records[1].cells == ["e", "f"])
        #expect(records[1].issue == nil)
    }

    @Test("an unterminated quote at the end is a file-level malformed_csv at the opening quote")
    func unterminatedQuoteIsFileError() {
        let result = parse("a,b\nc,\"open\nmore\n")
        guard case .failure(let error) = result else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.code == "malformed_csv")
        #expect(error.line == 2)
        #expect(error.column == 3)
    }

    @Test("invalid UTF-8 is reported with its absolute byte offset, line and column")
    func invalidUTF8IsLocated() {
        let bytes = Array("a,b\nc,d".utf8) + [0xE9] + Array("t\n".utf8)  // Latin-1 é
        for size in [1, 2, 3, 100] {
            guard case .failure(let error) = parse(bytes, chunks: [size]) else {
                Issue.record("expected a failure with chunks of \(size)")
                continue
            }
            #expect(error.code == "not_utf8")
            #expect(error.byteOffset == 7)
            #expect(error.line == 2)
            #expect(error.column == 4)
        }
    }

    @Test("a byte-order mark counts in the byte offset but not in the column")
    func byteOrderMarkCountsInOffset() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF, 0x61, 0xFF]
        guard case .failure(let error) = parse(bytes) else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.byteOffset == 4)
        #expect(error.column == 2)
    }

    @Test("overlong forms, surrogates and truncated sequences are not UTF-8",
          arguments: [
            ([0x61, 0xC0, 0x80], 1),          // overlong NUL
            ([0x61, 0xED, 0xA0, 0x80], 1),    // UTF-16 surrogate
            ([0x61, 0x62, 0xF4, 0x90, 0x80, 0x80], 2),  // above U+10FFFF
            ([0x61, 0xE2, 0x82], 1),          // truncated at the end of the file
            ([0x61, 0xE2, 0x2C, 0x62], 1),    // a delimiter inside a sequence
          ] as [([UInt8], Int)])
    func invalidSequencesAreRefused(bytes: [UInt8], offset: Int) {
        for size in [1, bytes.count] {
            guard case .failure(let error) = parse(bytes, chunks: [size]) else {
                Issue.record("expected a failure")
                continue
            }
            #expect(error.code == "not_utf8")
            #expect(error.byteOffset == offset)
        }
    }

    @Test("splitting the input at every byte position gives the same records")
    func everySplitPositionGivesSameRecords() throws {
        let whole = try parse(tricky).get()
        #expect(whole.count == 8)
        for k in 0...tricky.count {
            #expect(try parse(tricky, chunks: [k, tricky.count]).get() == whole, "split at \(k)")
        }
        #expect(try parse(tricky, chunks: [1]).get() == whole)
    }

    @Test("random splits give the same records (fixed seed)")
    func randomSplitsGiveSameRecords() throws {
        let whole = try parse(tricky).get()
        var random = SplitMix64(state: 2026)
        for _ in 0..<300 {
            let sizes = (0..<40).map { _ in Int.random(in: 1...9, using: &random) }
            #expect(try parse(tricky, chunks: sizes).get() == whole)
        }
    }

    @Test("the tricky feed parses to the expected cells, lines and issues")
    func trickyFeedParsesAsExpected() throws {
        let records = try parse(tricky).get()
        #expect(records.map(\.cells) == [
            ["a", "b", "c"],
            ["x, y", "say \"hi\"", "two\r\nlines"],
            ["Ynys Môn", "Caerdydd – Cardiff", "\u{1F600}"],
            ["lone", "cr"],
            ["bad\"quote", "2", "3"],
            ["closedx", "5", "6"],
            ["", "", ""],
            ["last", "", "end"],
        ])
        #expect(records.map(\.line) == [1, 2, 5, 6, 7, 8, 9, 10])
        #expect(records[4].issue?.kind == .quoteInUnquotedField)
        #expect(records[5].issue?.kind == .textAfterClosingQuote)
    }
}
