#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds a catalogue key (indicator id, area code, breakdown key) from raw cell bytes without
/// making a String, so the per-row lookups of a million-row feed allocate nothing.
///
/// Open addressing over FNV-1a hashes, with the key's bytes compared on a hash match; the keys
/// live back to back in one buffer (no per-key array to retain). Built once per
/// ``RowValidator`` from the catalogue and never grows.
struct ByteKeyTable: Sendable {
    /// Key position per slot, -1 when empty.
    private var slots: [Int]
    private var hashes: [UInt64] = []
    private var bytes: [UInt8] = []
    /// Start of each key in ``bytes``, plus the end of the last.
    private var starts: [Int] = [0]
    private let mask: Int

    /// Indexes `keys`; ``index(of:)`` returns a key's position in this array (the first, for a
    /// key given twice).
    init(_ keys: [String]) {
        var size = 8
        while size < keys.count * 4 { size *= 2 }
        mask = size - 1
        slots = Array(repeating: -1, count: size)
        for key in keys { insert(Array(key.utf8)) }
    }

    private mutating func insert(_ key: [UInt8]) {
        let position = hashes.count
        let hash = key.withUnsafeBufferPointer { Self.hash($0) }
        let found = key.withUnsafeBufferPointer { index(of: $0) }
        hashes.append(hash)
        bytes += key
        starts.append(bytes.count)
        guard found == nil else { return }
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = position
    }

    /// The position of the key spelled by `cell`, or nil.
    @inline(__always)
    func index(of cell: UnsafeBufferPointer<UInt8>) -> Int? {
        let hash = Self.hash(cell)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let candidate = slots[slot]
            if candidate < 0 { return nil }
            if hashes[candidate] == hash, equals(candidate, cell) { return candidate }
            slot = (slot + 1) & mask
        }
    }

    @inline(__always)
    private func equals(_ position: Int, _ cell: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[position]
        let count = starts[position + 1] - start
        guard count == cell.count else { return false }
        guard count > 0, let other = cell.baseAddress else { return true }
        return bytes.withUnsafeBufferPointer { stored in
            guard let base = stored.baseAddress else { return false }
            return memcmp(base + start, other, count) == 0
        }
    }

    /// FNV-1a 64 (the same function as ``FNV1a``), inlined here for bytes in memory.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h &*= 0x100_0000_01b3
        }
        return h
    }
}
