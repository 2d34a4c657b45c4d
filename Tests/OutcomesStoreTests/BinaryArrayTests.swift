import Testing
@testable import OutcomesStore
import OutcomesTestSupport
import PostgresNIO

/// ``BinaryArray`` on arrays as PostgreSQL sends them: elements and NULLs in order, the empty
/// array, and arrays that are not what the reader expects refused with their column named.
@Suite("Binary arrays read from PostgreSQL")
struct BinaryArrayTests {
    /// The cells of `query`'s one row, as bytes.
    static func cells(_ query: String, count: Int) async throws -> [ByteBuffer?] {
        try await TestCluster.withMigratedDatabase { client, _ in
            var out: [ByteBuffer?] = []
            for try await row in try await client.query(PostgresQuery(unsafeSQL: query), logger: TestCluster.logger) {
                var cells = RowCells(row)
                for _ in 0..<count { out.append(try cells.nextBytes()) }
            }
            return out
        }
    }

    @Test("float8 and text elements in order, NULL elements as nil, the empty array and a NULL cell as no elements")
    func elements() async throws {
        let cells = try await Self.cells("""
            SELECT '{1.5,NULL,-2e300}'::float8[], '{a,NULL,"",Ŵ ŷ}'::text[], '{}'::float8[], NULL::text[]
            """, count: 4)
        var numbers = try BinaryArray(cells[0], of: .float8, column: "n")
        #expect(numbers.count == 3)
        #expect(try numbers.nextFloat8() == 1.5)
        #expect(try numbers.nextFloat8() == nil)
        #expect(try numbers.nextFloat8() == -2e300)
        #expect(throws: BinaryArray.Malformed.self) { try numbers.nextFloat8() }
        var texts = try BinaryArray(cells[1], of: .text, column: "t")
        #expect(texts.count == 4)
        #expect(try [texts.nextText(), texts.nextText(), texts.nextText(), texts.nextText()] == ["a", nil, "", "Ŵ ŷ"])
        #expect(try BinaryArray(cells[2], of: .float8, column: "e").count == 0)
        #expect(try BinaryArray(cells[3], of: .text, column: "x").count == 0)
    }

    @Test("an array of another element type or of two dimensions is refused, naming the column")
    func refused() async throws {
        let cells = try await Self.cells("SELECT '{1,2}'::int4[], '{{1,2},{3,4}}'::float8[]", count: 2)
        let wrongType = #expect(throws: BinaryArray.Malformed.self) { try BinaryArray(cells[0], of: .float8, column: "value") }
        #expect(wrongType?.description.contains("column value") == true)
        #expect(wrongType?.description.contains("type 23") == true)
        let twoDimensions = #expect(throws: BinaryArray.Malformed.self) { try BinaryArray(cells[1], of: .float8, column: "lower") }
        #expect(twoDimensions?.description.contains("2 dimensions") == true)
    }
}
