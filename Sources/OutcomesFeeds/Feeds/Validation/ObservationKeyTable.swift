/// The observations a feed has accepted so far, each with the line that first gave it — to refuse
/// the same observation twice (`duplicate_key`, naming the first line).
///
/// A million-row feed makes a million lookups and inserts, so keys are packed into a `UInt64`
/// and kept in an open-addressing table with Fibonacci hashing (no SipHash per row; key and line
/// side by side, so a probe touches one cache line); a catalogue too large to pack falls back to
/// a dictionary.
struct ObservationKeyTable: Sendable {
    private struct Slot: Sendable {
        var key: UInt64
        var line: Int
    }

    private static let empty = UInt64.max
    private var slots: [Slot]
    private var shift: UInt64
    private(set) var count = 0
    private var unpacked: [ObservationKey: Int] = [:]

    init() {
        slots = Array(repeating: Slot(key: Self.empty, line: 0), count: 1024)
        shift = 64 - 10
    }

    /// The line of `key`'s first occurrence; otherwise records it at `line` and returns nil.
    mutating func firstLine(of key: ObservationKey, orInsertAt line: Int) -> Int? {
        guard let packed = key.packed else {
            if let first = unpacked[key] { return first }
            unpacked[key] = line
            return nil
        }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: (packed &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let stored = slots[slot].key
            if stored == packed { return slots[slot].line }
            if stored == Self.empty { break }
            slot = (slot + 1) & mask
        }
        slots[slot] = Slot(key: packed, line: line)
        count += 1
        if count * 2 > slots.count { grow() }
        return nil
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(key: Self.empty, line: 0), count: old.count * 2)
        shift -= 1
        let mask = slots.count - 1
        for entry in old where entry.key != Self.empty {
            var slot = Int(truncatingIfNeeded: (entry.key &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while slots[slot].key != Self.empty { slot = (slot + 1) & mask }
            slots[slot] = entry
        }
    }
}
