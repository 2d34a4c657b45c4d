import Foundation
import Testing
@testable import OutcomesFeeds

/// Hostile input (issue 14): cells past 64 KiB are located row errors, not stored, and the parser
/// keeps no more than the limit of them; JSON nested past 64 levels is refused before parsing.
@Suite("Feed limits")
struct FeedLimitsTests {
    static let megabyte = 1 << 20

    @Test("a 1 MB note cell is a located cell_too_long row error; the rows around it are kept")
    func longCSVCell() throws {
        let text = header
            + "looked_after_rate,W06000015,2024-25,,480,72000,,,,\(String(repeating: "p", count: Self.megabyte))\n"
            + "looked_after_rate,W06000001,2024-25,,48,7200,,,,\n"
        for chunks in [[65_536], [7, 4096]] {
            let outcome = try readCSV(text, chunks: chunks)
            #expect(outcome.fileError == nil)
            #expect(outcome.rejections == ["2 note cell_too_long"], "chunks \(chunks)")
            let error = try #require(outcome.errors.first)
            #expect(error.message.contains("\(Self.megabyte) bytes"))
            #expect(error.message.contains("65536"))
            #expect(error.value.count <= 41)
            #expect(outcome.rows.map(\.line) == [3])
        }
    }

    @Test("a long quoted cell with line breaks and doubled quotes is counted to its end; later lines stay right")
    func longQuotedCell() throws {
        let cell = String(repeating: "ab\"\"\n", count: 20_000)  // 100,000 bytes, 80,000 unescaped
        let text = header
            + "looked_after_rate,W06000015,2024-25,,480,72000,,,,\"\(cell)\"\n"
            + "looked_after_rate,W06000001,2024-25,,48,7200,,,,x,y\n"
        let outcome = try readCSV(text, chunks: [3, 1000])
        #expect(outcome.rejections == ["2 note cell_too_long", "20003 record too_many_fields"])
        #expect(outcome.errors.first?.message.contains("80000 bytes") == true)
    }

    @Test("a cell of exactly 64 KiB is not too long")
    func cellAtTheLimit() throws {
        let text = header + "looked_after_rate,W06000015,2024-25,,480,72000,\(String(repeating: "1", count: FeedLimits.cellBytes)),,,\n"
        let outcome = try readCSV(text)
        #expect(!outcome.errors.contains { $0.code == .cellTooLong })
    }

    @Test("a header cell over the limit refuses the feed")
    func longHeaderCell() throws {
        let outcome = try readCSV("indicator,area,period,\(String(repeating: "n", count: 70_000))\nx,y,z,1\n")
        #expect(outcome.fileError?.code == "cell_too_long")
        #expect(outcome.fileError?.line == 1)
    }

    @Test("the parser keeps at most the limit of a cell, whatever its length")
    func boundedBuffer() throws {
        struct Largest: CSVRecordSink {
            var bytes = 0
            var longCell: CSVRecord.LongCell?
            mutating func record(_ record: CSVRecord) throws(FeedFileError) {
                bytes = max(bytes, record.bytes.count)
                longCell = longCell ?? record.longCell
            }
        }
        var parser = CSVParser()
        var sink = Largest()
        let chunk = Array(String(repeating: "z", count: 65_536).utf8)
        try chunk.withUnsafeBufferPointer { (buffer) throws(FeedFileError) in
            try Array("a,".utf8).withUnsafeBufferPointer { (start) throws(FeedFileError) in try parser.consume(start, into: &sink) }
            for _ in 0..<64 { try parser.consume(buffer, into: &sink) }  // a 4 MiB cell
        }
        try parser.finish(into: &sink)
        #expect(sink.bytes == 1 + FeedLimits.cellBytes)
        #expect(sink.longCell == CSVRecord.LongCell(field: 1, length: 64 * 65_536))
    }

    @Test("a 1 MB JSON string is a cell_too_long error for its observation")
    func longJSONCell() throws {
        let outcome = try readJSON("""
            {"observations": [
              {"indicator": "looked_after_rate", "area": "W06000015", "period": "2024-25", "numerator": 480, "denominator": 72000, "note": "\(String(repeating: "p", count: Self.megabyte))"},
              {"indicator": "looked_after_rate", "area": "W06000001", "period": "2024-25", "numerator": 48, "denominator": 7200}
            ]}
            """)
        #expect(outcome.rejections == ["1 note cell_too_long"])
        #expect(outcome.errors.first?.place == .observation)
        #expect(outcome.rows.map(\.line) == [2])
    }

    @Test("100,000 nested brackets are refused as nesting_too_deep at the 65th, without a stack overflow")
    func deepJSON() throws {
        let outcome = try readJSON(String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000))
        let error = try #require(outcome.fileError)
        #expect(error.code == "nesting_too_deep")
        #expect(error.byteOffset == FeedLimits.jsonDepth)
        #expect(error.line == 1 && error.column == FeedLimits.jsonDepth + 1)
        let objects = try readJSON("{\"observations\": [" + String(repeating: "{\"a\": ", count: 100_000))
        #expect(objects.fileError?.code == "nesting_too_deep")
    }

    @Test("brackets inside JSON strings are not nesting")
    func bracketsInStrings() throws {
        let outcome = try readJSON("""
            {"observations": [
              {"indicator": "looked_after_rate", "area": "W06000015", "period": "2024-25", "numerator": 480, "denominator": 72000, "note": "\\"[[\(String(repeating: "[{", count: 100))"}
            ]}
            """)
        #expect(outcome.fileError == nil)
        #expect(outcome.rejections == ["1 note unknown_note_code"])
    }

    @Test("a NUL character in a cell (CSV byte or JSON escape) is a located nul_character row error, shown as ␀")
    func nulCharacter() throws {
        let csv = try readCSV(header + "looked_after_rate,W06000015,2024-25,,480,72000,,,,p\u{0}r\nlooked_after_rate,W06000001,2024-25,,48,7200,,,,\n", chunks: [5])
        #expect(csv.rejections == ["2 note nul_character"])
        #expect(csv.errors.first?.value == "p\u{2400}r")
        #expect(csv.rows.map(\.line) == [3])
        let second = try readJSON(#"{"observations": [{"indicator": "looked_after_rate", "area": "W0600\u00000015", "period": "2024-25", "numerator": 480, "denominator": 72000}]}"#)
        #expect(second.rejections == ["1 area nul_character"])
        #expect(second.errors.first?.value.contains("\u{0}") == false)
    }

    @Test("FEEDS.md documents the limit codes")
    func documented() throws {
        let text = try String(contentsOfFile: Fixture.repositoryRoot + "/Indicators/FEEDS.md", encoding: .utf8)
        for code in ["cell_too_long", "nesting_too_deep", "nul_character"] {
            #expect(text.contains("| `\(code)` |"), "\(code) is not in FEEDS.md's tables")
        }
    }
}
