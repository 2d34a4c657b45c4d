import Testing
import OutcomesCore
import OutcomesFeeds

@Suite("CSV feed reader")
struct CSVFeedReaderTests {
    @Test("a valid feed yields rows with derived values and line numbers")
    func validFeedYieldsRows() throws {
        let outcome = try readCSV(header
            + "looked_after_rate,W06000015,2024-25,,480,72000,,,,\n"
            + "assessments_within_42_days,W06000001,2023-24,all,90,120,75,,,p\n"
            + "lac_placed_outside_wales,W92000004,2023-24,,,,312,,,\"r, p\"\n")
        #expect(outcome.fileError == nil)
        #expect(outcome.errors == [])
        #expect(outcome.rows.count == 3)
        let first = try #require(outcome.rows.first)
        #expect(first.line == 2)
        #expect(first.breakdown == "all")
        #expect(first.period.description == "2024-25")
        #expect(abs((first.value ?? 0) - 480.0 / 72000 * 10000) < 1e-9)
        #expect(outcome.rows[1].value == 75)
        #expect(outcome.rows[1].notes == "p")
        #expect(outcome.rows[2].value == 312)
        #expect(outcome.rows[2].notes == "pr")
        #expect(outcome.rowsSeen == 3)
    }

    @Test("header names are case-insensitive, trimmed and in any order; absent columns are empty")
    func headerIsFlexible() throws {
        let outcome = try readCSV(" Period ,INDICATOR,Area,Value\n2024-25,lac_placed_outside_wales,W06000015,12\n")
        #expect(outcome.errors == [])
        #expect(outcome.rows.first?.value == 12)
        #expect(outcome.rows.first?.breakdown == "all")
    }

    @Test("a record with fewer cells than the header is fine")
    func fewerCellsAreEmpty() throws {
        let outcome = try readCSV(header + "lac_placed_outside_wales,W06000015,2024-25,,,,12\n")
        #expect(outcome.errors == [])
        #expect(outcome.rows.count == 1)
    }

    @Test("a record with more cells than the header is too_many_fields")
    func extraCellsAreRejected() throws {
        let outcome = try readCSV("indicator,area,period,value\nlac_placed_outside_wales,W06000015,2024-25,1,234\n")
        #expect(outcome.rejections == ["2 record too_many_fields"])
    }

    @Test("malformed quoting rejects the row with its column, and reading goes on")
    func malformedQuotingIsRowError() throws {
        let outcome = try readCSV("indicator,area,period,value\n"
            + "lac_placed_outside_wales,W06000015,2024\"-25,1\n"
            + "lac_placed_outside_wales,W06000016,2024-25,1\n")
        #expect(outcome.rejections == ["2 period malformed_csv"])
        #expect(outcome.errors.first?.column == 40)
        #expect(outcome.rows.map(\.area) == ["W06000016"])
    }

    @Test("rows of nothing but commas are ignored, like blank lines")
    func commaOnlyRowsAreIgnored() throws {
        let outcome = try readCSV(header + "lac_placed_outside_wales,W06000015,2024-25,,,,12\n,,,,,,,,,\n\n")
        #expect(outcome.errors == [])
        #expect(outcome.rowsSeen == 1)
    }

    @Test("header problems refuse the whole feed with a message saying what is accepted",
          arguments: [
            ("indicator,area,value\n", "missing_column", "period"),
            ("indicator,area,period,Area\n", "duplicate_column", "'area'"),
            ("indicator,area,period,valu\n", "unknown_column", "accepted (any order, any case): indicator, area, period"),
            ("looked_after_rate,W06000015,2024-25\n", "unknown_column", "The first line must be a header"),
            ("indicator,area,period,\n", "unknown_column", "has no name"),
            ("indicator,\"ar\"ea,period\n", "malformed_csv", "closing double quote"),
          ])
    func headerProblemsRefuseTheFeed(text: String, code: String, fragment: String) throws {
        let outcome = try readCSV(text + "lac_placed_outside_wales,W06000015,2024-25,1\n")
        #expect(outcome.fileError?.code == code)
        #expect(outcome.fileError?.message.contains(fragment) == true, "\(outcome.fileError?.message ?? "")")
        #expect(outcome.rows.isEmpty)
    }

    @Test("an empty file, only blank lines, or a header alone is empty_feed",
          arguments: ["", "\n\n\r\n", header, "\u{FEFF}" + header + "\n\n"])
    func emptyFeeds(text: String) throws {
        #expect(try readCSV(text).fileError?.code == "empty_feed")
    }

    @Test("JSON, spreadsheets and UTF-16 sent as CSV are refused with what to send instead")
    func wrongFormatsAreRefused() throws {
        #expect(try readCSV("  {\"observations\": []}").fileError?.code == "wrong_format")
        #expect(try readCSV([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00], chunks: [1]).fileError?.code == "wrong_format")
        #expect(try readCSV([0xFF, 0xFE, 0x69, 0x00]).fileError?.code == "not_utf8")
        // A first chunk shorter than a signature still decides correctly.
        #expect(try readCSV(Array(("\u{FEFF}" + header + "lac_placed_outside_wales,W06000015,2024-25,,,,12\n").utf8),
                            chunks: [1]).rows.count == 1)
    }

    @Test("invalid UTF-8 in a row refuses the feed with the absolute byte offset")
    func invalidUTF8RefusesFeed() throws {
        let bytes = Array((header + "lac_placed_outside_wales,W06000015,2024-25,,,,12,,,").utf8) + [0xE9, 0x0A]
        for size in [1, 7, 4096] {
            let outcome = try readCSV(bytes, chunks: [size])
            #expect(outcome.fileError?.code == "not_utf8")
            #expect(outcome.fileError?.byteOffset == bytes.count - 2)
            #expect(outcome.fileError?.line == 2)
        }
    }

    @Test("after a file-level error the reader keeps refusing")
    func readerStaysFailed() throws {
        var reader = CSVFeedReader(validator: try Fixture.validator())
        #expect(throws: FeedFileError.self) { try reader.consume(Array("indicator,bogus\n".utf8)[...]) }
        #expect(throws: FeedFileError.self) { try reader.consume(Array("x\n".utf8)[...]) }
        #expect(throws: FeedFileError.self) { try reader.finish() }

        var wrong = CSVFeedReader(validator: try Fixture.validator())
        #expect(throws: FeedFileError.self) { try wrong.consume(Array("{\"observations\": [".utf8)[...]) }
        #expect(throws: FeedFileError.self) { try wrong.consume(Array("indicator,area,period\n".utf8)[...]) }
        #expect(throws: FeedFileError.self) { try wrong.finish() }
    }

    @Test("file errors read 'line L, column C: code: message'")
    func fileErrorDescription() throws {
        let error = try #require(try readCSV("indicator,area,period\nx,\"open\n").fileError)
        #expect(error.description.hasPrefix("line 2, column 3: malformed_csv: the quoted field opened at line 2, column 3"))
        #expect(FeedFileError(code: "not_utf8", message: "m", byteOffset: 4).description == "byte offset 4: not_utf8: m")
        #expect(FeedFileError(code: "empty_feed", message: "m").description == "empty_feed: m")
    }

    @Test("reading 1 byte at a time, or in random chunks, gives exactly the whole-file outcome")
    func chunkingDoesNotChangeTheOutcome() throws {
        let text = "\u{FEFF}Indicator,Area,Period,Breakdown,Numerator,Denominator,Value,Note\r\n"
            + "looked_after_rate,W06000015,2024-25,,480,72000,,\r\n"
            + "persistent_absence_secondary,W06000015,2023/24,free_school_meals,\"1200\",\"4000\",,\"p, r\"\r\n"
            + "\r\n"
            + "looked_after_rate,W06000015,2024-25,,1,2,,\r\n"
            + "lac_placed_outside_wales,W06000099,2024-25,,,,1\"2,\r\n"
            + "cpr_average_days,W06000001,2030-31,,,,-4,q\r\n"
            + "temporary_accommodation_families,W06000001,2024m07,,,,17,e"
        let bytes = Array(text.utf8)
        let whole = try readCSV(bytes)
        // Line 5 repeats line 2's key: the readers pass it (the store refuses it, FeedIngestTests).
        #expect(whole.rows.count == 4)
        #expect(whole.rejections == ["6 value malformed_csv",
                                     "7 period future_period", "7 value negative_number", "7 note unknown_note_code"])
        #expect(try readCSV(bytes, chunks: [1]) == whole)
        var random = SplitMix64(state: 7)
        for _ in 0..<100 {
            let sizes = (0..<60).map { _ in Int.random(in: 1...13, using: &random) }
            #expect(try readCSV(bytes, chunks: sizes) == whole)
        }
    }

    @Test("row errors read 'line N: field: code: message (value …)'")
    func rowErrorDescription() throws {
        let outcome = try readCSV(header + "looked_after_rate,W06000015,2024,,1,2,,,,\n")
        let error = try #require(outcome.errors.first)
        #expect(error.description.hasPrefix("line 2: period: wrong_period_type: '2024' is a calendar period;"))
        #expect(error.description.hasSuffix("(value '2024')"))
    }
}
