import Testing
import OutcomesCore
@testable import OutcomesFeeds

@Suite("Lookup tables")
struct LookupTableTests {
    @Test("the byte-keyed table finds every key by its bytes, and nothing else")
    func byteKeyTableFindsKeys() {
        let keys = (0..<300).map { "key_\($0)" } + ["", "all", "W06000015"]
        let table = ByteKeyTable(keys)
        for (position, key) in keys.enumerated() {
            #expect(Array(key.utf8).withUnsafeBufferPointer { table.index(of: $0) } == position)
        }
        for missing in ["key_300", "ke", "W06000015 ", "ALL"] {
            #expect(Array(missing.utf8).withUnsafeBufferPointer { table.index(of: $0) } == nil)
        }
    }

    @Test("a key given twice is found at its first position")
    func byteKeyTableDuplicates() {
        let table = ByteKeyTable(["a", "b", "a", "c"])
        #expect(Array("a".utf8).withUnsafeBufferPointer { table.index(of: $0) } == 0)
        #expect(Array("c".utf8).withUnsafeBufferPointer { table.index(of: $0) } == 3)
    }

    @Test("the observation table remembers the first line of every key as it grows")
    func observationTableRemembersFirstLines() throws {
        var table = ObservationKeyTable()
        let period = try Period.parse("2024-Q1", as: .quarter)
        func key(_ i: Int) -> ObservationKey {
            ObservationKey(indicator: i % 61, area: (i / 61) % 33, breakdown: (i / 2013) % 8,
                           period: period.advanced(by: -(i / 16104)))
        }
        let count = 50_000
        for i in 0..<count {
            #expect(table.firstLine(of: key(i), orInsertAt: i + 2) == nil)
        }
        #expect(table.count == count)
        for i in stride(from: 0, to: count, by: 7) {
            #expect(table.firstLine(of: key(i), orInsertAt: 999_999) == i + 2)
        }
    }

    @Test("keys too large to pack fall back to exact comparison")
    func observationTableFallsBack() throws {
        var table = ObservationKeyTable()
        let period = try Period.parse("2024", as: .calendar)
        let big = ObservationKey(indicator: 1 << 21, area: 1, breakdown: 0, period: period)
        #expect(big.packed == nil)
        #expect(table.firstLine(of: big, orInsertAt: 5) == nil)
        #expect(table.firstLine(of: big, orInsertAt: 6) == 5)
        var other = big
        other.area = 2
        #expect(table.firstLine(of: other, orInsertAt: 7) == nil)
    }

    @Test("packed keys differ whenever any part differs")
    func packedKeysAreExact() throws {
        let periods = try [Period.parse("2024", as: .calendar), Period.parse("2024-25", as: .financial),
                           Period.parse("2024/25", as: .academic), Period.parse("2024-Q1", as: .quarter),
                           Period.parse("2024-01", as: .month), Period.parse("2199-12", as: .month),
                           Period.parse("1900-Q1", as: .quarter)]
        var seen = Set<UInt64>()
        for indicator in [0, 1, (1 << 20) - 1] {
            for area in [0, 1, (1 << 16) - 1] {
                for breakdown in [0, 255] {
                    for period in periods {
                        let packed = try #require(ObservationKey(indicator: indicator, area: area, breakdown: breakdown, period: period).packed)
                        #expect(seen.insert(packed).inserted)
                        #expect(packed != UInt64.max)
                    }
                }
            }
        }
    }
}
