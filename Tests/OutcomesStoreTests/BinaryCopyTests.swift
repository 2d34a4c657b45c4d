import Foundation
import Testing
import OutcomesCore
@testable import OutcomesStore
import OutcomesTestSupport
import PostgresNIO

/// Binary COPY (``BinaryCopyRows``) through PostgresNIO's text-only `copyFrom`: every field type
/// the result tables use arrives as written, across the 64 KiB flushes.
@Suite("Binary COPY")
struct BinaryCopyTests {
    struct Sample: Equatable {
        var small: Int16?
        var whole: Int32
        var big: Int64
        var number: Double?
        var flag: Bool?
        var day: String
        var label: String
    }

    static func sample(_ i: Int) -> Sample {
        let labels = ["", "tab\there", "line\nbreak", "back\\slash", "Ysgol Gymraeg — ŵ ŷ", "\\N", "2023/24"]
        return Sample(small: i % 7 == 0 ? nil : Int16(truncatingIfNeeded: i - 3),
                      whole: Int32(i) * (i % 2 == 0 ? -1 : 1),
                      big: Int64(i) << 33,
                      number: i % 11 == 0 ? nil : Double(i) / 3 - 1e6,
                      flag: i % 5 == 0 ? nil : i % 2 == 0,
                      day: ["1999-12-31", "2000-01-01", "1970-01-01", "2024-02-29", "1899-04-01"][i % 5],
                      label: labels[i % labels.count])
    }

    @Test("rows written in binary read back field for field: every type, NULLs, text needing escapes in the text format, dates either side of 2000, over many 64 KiB flushes")
    func roundTrip() async throws {
        try await TestCluster.withMigratedDatabase { client, _ in
            let count = 20_000
            try await client.withConnection { connection in
                try await connection.query("""
                    CREATE TABLE copy_probe (i int PRIMARY KEY, small smallint, whole integer, big bigint, number double precision,
                                             flag boolean, day date, label text)
                    """, logger: TestCluster.logger)
                try await connection.copyBinary(into: "copy_probe", columns: ["i", "small", "whole", "big", "number", "flag", "day", "label"],
                                                logger: TestCluster.logger) { rows in
                    for i in 0..<count {
                        let s = Self.sample(i)
                        let day = try #require(CivilDate(iso: s.day))
                        rows.append(fields: 8, maxBytes: BinaryCopyRow.bound(fields: 8, text: s.label.utf8.count)) { row in
                            row.int32(Int32(i))
                            row.int16(s.small)
                            row.int32(s.whole)
                            row.int64(s.big)
                            row.float8(s.number)
                            row.bool(s.flag)
                            row.date(daysSinceEpoch: day.daysSinceEpoch)
                            row.text(s.label)
                        }
                        try await rows.sendIfFull()
                    }
                }
            }
            var read = 0
            for try await (i, small, whole, big, number, flag, day, label) in try await client.query("""
                SELECT i, small, whole, big, number, flag, day::text, label FROM copy_probe ORDER BY i
                """, logger: TestCluster.logger).decode((Int32, Int16?, Int32, Int64, Double?, Bool?, String, String).self) {
                #expect(Sample(small: small, whole: whole, big: big, number: number, flag: flag, day: day, label: label) == Self.sample(Int(i)))
                read += 1
            }
            #expect(read == count)
        }
    }

    /// Row `i`'s array elements: one to nine samples.
    static func elements(_ i: Int) -> [Sample] { (0..<(1 + i % 9)).map { sample(i * 10 + $0) } }

    @Test("array fields read back element for element: each element type, NULL elements, one to nine elements, over many flushes")
    func arraysRoundTrip() async throws {
        try await TestCluster.withMigratedDatabase { client, _ in
            let count = 5_000
            try await client.withConnection { connection in
                try await connection.query("""
                    CREATE TABLE copy_arrays (i int PRIMARY KEY, smalls smallint[], numbers double precision[], flags boolean[],
                                              days date[], labels text[])
                    """, logger: TestCluster.logger)
                try await connection.copyBinary(into: "copy_arrays", columns: ["i", "smalls", "numbers", "flags", "days", "labels"],
                                                logger: TestCluster.logger) { rows in
                    for i in 0..<count {
                        let items = Self.elements(i)
                        let days = try items.map { try #require(CivilDate(iso: $0.day)).daysSinceEpoch }
                        let text = items.reduce(0) { $0 + $1.label.utf8.count }
                        rows.append(fields: 6, maxBytes: BinaryCopyRow.bound(fields: 1, text: text) + 5 * BinaryCopyRow.arrayBound(elements: items.count)) { row in
                            row.int32(Int32(i))
                            row.array(.int2, items) { a, s in a.int16(s.small) }
                            row.array(.float8, items) { a, s in a.float8(s.number) }
                            row.array(.bool, items) { a, s in a.bool(s.flag) }
                            row.array(.date, days) { a, d in a.date(daysSinceEpoch: d) }
                            row.array(.text, items) { a, s in a.text(s.label) }
                        }
                        try await rows.sendIfFull()
                    }
                }
            }
            var read = 0
            for try await (i, n, small, number, flag, day, label) in try await client.query("""
                SELECT i, n::int, small, number, flag, day::text, label
                FROM copy_arrays, unnest(smalls, numbers, flags, days, labels) WITH ORDINALITY AS u(small, number, flag, day, label, n)
                ORDER BY i, n
                """, logger: TestCluster.logger).decode((Int32, Int, Int16?, Double?, Bool?, String, String).self) {
                let expected = Self.sample(Int(i) * 10 + n - 1)
                #expect(Sample(small: small, whole: expected.whole, big: expected.big, number: number, flag: flag, day: day, label: label) == expected)
                read += 1
            }
            #expect(read == (0..<count).reduce(0) { $0 + Self.elements($1).count })
            #expect(try await TestCluster.scalar(client, "SELECT count(*)::int FROM copy_arrays WHERE array_length(labels, 1) <> 1 + i % 9") == 0)
        }
    }

    @Test("a non-finite double is stored as NULL, as the text writer did")
    func nonFiniteIsNull() async throws {
        try await TestCluster.withMigratedDatabase { client, _ in
            try await client.withConnection { connection in
                try await connection.query("CREATE TABLE copy_nan (i int, number double precision)", logger: TestCluster.logger)
                try await connection.copyBinary(into: "copy_nan", columns: ["i", "number"], logger: TestCluster.logger) { rows in
                    for (i, value) in [Double.nan, .infinity, -.infinity, 2.5].enumerated() {
                        rows.append(fields: 2, maxBytes: BinaryCopyRow.bound(fields: 2, text: 0)) { row in
                            row.int32(Int32(i))
                            row.float8(value)
                        }
                        try await rows.sendIfFull()
                    }
                }
            }
            #expect(try await TestCluster.scalar(client, "SELECT count(*)::int FROM copy_nan WHERE number IS NULL") == 3)
            #expect(try await TestCluster.scalar(client, "SELECT count(*)::int FROM copy_nan WHERE number = 2.5") == 1)
        }
    }

    @Test("a field of the wrong width is refused by PostgreSQL, naming its row and column, and nothing of the COPY is kept")
    func wrongWidthRefused() async throws {
        try await TestCluster.withMigratedDatabase { client, _ in
            try await client.query("CREATE TABLE copy_bad (i bigint)", logger: TestCluster.logger)
            let refused: Bool
            do {
                try await client.withConnection { connection in
                    try await connection.copyBinary(into: "copy_bad", columns: ["i"], logger: TestCluster.logger) { rows in
                        rows.append(fields: 1, maxBytes: BinaryCopyRow.bound(fields: 1, text: 0)) { $0.int64(1) }
                        // An integer where the column is bigint.
                        rows.append(fields: 1, maxBytes: BinaryCopyRow.bound(fields: 1, text: 0)) { $0.int32(2) }
                        try await rows.sendIfFull()
                    }
                }
                refused = false
            } catch let error as PSQLError {
                // PostgreSQL names the row and column it could not read.
                refused = error.serverInfo?[.locationContext] == "COPY copy_bad, line 2, column i"
            }
            #expect(refused)
            #expect(try await TestCluster.scalar(client, "SELECT count(*)::int FROM copy_bad") == 0)
        }
    }
}
