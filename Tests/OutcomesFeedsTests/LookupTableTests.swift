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
}
