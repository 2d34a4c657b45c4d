import Foundation
import Testing
import OutcomesCore
import OutcomesFeeds

@Suite("JSON feed reader")
struct JSONFeedReaderTests {
    @Test("observations with numbers as JSON numbers or strings, and null as empty, are read")
    func validObservations() throws {
        let outcome = try readJSON("""
            {"observations": [
              {"indicator": "looked_after_rate", "area": "W06000015", "period": "2024-25", "numerator": 480, "denominator": "72000"},
              {"Indicator": "lac_placed_outside_wales", "AREA": "W06000015", "period": "2024-25", "value": 12.5, "note": null, "breakdown": null},
              {"indicator": "assessments_within_42_days", "area": "W06000001", "period": "2024-25", "note": "x"}
            ]}
            """)
        #expect(outcome.fileError == nil)
        #expect(outcome.errors == [])
        #expect(outcome.rows.map(\.line) == [1, 2, 3])
        #expect(outcome.rows[0].numerator == 480)
        #expect(outcome.rows[1].value == 12.5)
        #expect(outcome.rows[2].value == nil)
    }

    @Test("row errors count observations, read 'observation N', and encode as index")
    func rowErrorsCountObservations() throws {
        let outcome = try readJSON("""
            {"observations": [
              {"indicator": "lac_placed_outside_wales", "area": "W06000015", "period": "2024-25", "value": 1},
              {"indicator": "lac_placed_outside_wales", "area": "W06000015", "period": "2024", "value": true},
              {"indicator": "lac_placed_outside_wales", "area": "W06000015", "period": "2024-25", "value": 2}
            ]}
            """)
        #expect(outcome.rejections == ["2 period wrong_period_type", "2 value not_a_number"])
        let error = try #require(outcome.errors.first)
        #expect(error.place == .observation)
        #expect(error.description.hasPrefix("observation 2: period: wrong_period_type:"))
        let encoded = try JSONEncoder().encode(error)
        let object = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any])
        #expect(object["index"] as? Int == 2)
        #expect(object["line"] == nil)
        #expect(try JSONDecoder().decode(RowError.self, from: encoded) == error)
    }

    @Test("CSV row errors encode as line and decode back")
    func csvRowErrorsEncodeLine() throws {
        let error = RowError(line: 4, field: "value", code: .malformedCSV, message: "m", value: "v", column: 9)
        let encoded = try JSONEncoder().encode(error)
        let object = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any])
        #expect(object["line"] as? Int == 4)
        #expect(object["column"] as? Int == 9)
        #expect(try JSONDecoder().decode(RowError.self, from: encoded) == error)
    }

    @Test("file-level problems refuse the JSON feed",
          arguments: [
            (#"{"observations": [ {"indicator": } ]}"#, "malformed_json"),
            (#"[{"indicator": "x"}]"#, "malformed_json"),
            (#"{"rows": []}"#, "malformed_json"),
            (#"{"observations": [1]}"#, "malformed_json"),
            (#"{"observations": [{"area": ["W06000015"]}]}"#, "malformed_json"),
            (#"{"observations": []}"#, "empty_feed"),
            ("   ", "empty_feed"),
            (#"{"observations": [{"indicator": "x", "valu": 1}]}"#, "unknown_column"),
            (#"{"observations": [{"area": "x", "AREA": "y"}]}"#, "duplicate_column"),
            ("indicator,area,period\n", "wrong_format"),
          ])
    func fileLevelProblems(text: String, code: String) throws {
        #expect(try readJSON(text).fileError?.code == code)
    }

    @Test("a JSON syntax error is located by line and column")
    func syntaxErrorIsLocated() throws {
        let error = try #require(try readJSON("{\"observations\": [\n  {\"indicator\": }\n]}").fileError)
        #expect(error.code == "malformed_json")
        #expect(error.line == 2)
    }

    @Test("invalid UTF-8 in JSON is refused with its byte offset")
    func invalidUTF8() throws {
        let bytes = Array(#"{"observations": [{"area": ""#.utf8) + [0xC3, 0x28] + Array(#""}]}"#.utf8)
        let error = try #require(try readJSON(bytes).fileError)
        #expect(error.code == "not_utf8")
        #expect(error.byteOffset == 28)
    }

    @Test("a byte-order mark before the JSON is accepted")
    func byteOrderMark() throws {
        let outcome = try readJSON("\u{FEFF}" + #"{"observations": [{"indicator": "lac_placed_outside_wales", "area": "W06000015", "period": "2024-25", "value": "3"}]}"#)
        #expect(outcome.rows.count == 1)
    }
}
