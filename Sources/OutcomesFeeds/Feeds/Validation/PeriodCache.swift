internal import OutcomesCore

/// Remembers parsed periods by spelling and type: a feed repeats a handful of periods, and
/// parsing one builds a String. Direct-mapped (a spelling evicts another with the same slot),
/// so it never grows and a lookup is one comparison.
struct PeriodCache: Sendable {
    private var keys = [UInt64](repeating: 0, count: 256)
    private var periods: [Period?] = Array(repeating: nil, count: 256)

    /// The cache key of a spelling of at most 7 bytes (every accepted spelling fits), or nil.
    static func key(_ cell: UnsafeBufferPointer<UInt8>, _ type: PeriodType) -> UInt64? {
        guard cell.count <= 7 else { return nil }
        var key: UInt64 = 0
        for byte in cell { key = key << 8 | UInt64(byte) }
        let typeCode: UInt64 = switch type {
        case .calendar: 1
        case .financial: 2
        case .academic: 3
        case .quarter: 4
        case .month: 5
        }
        return key | UInt64(cell.count) << 56 | typeCode << 59
    }

    @inline(__always)
    private static func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 56)
    }

    func period(for key: UInt64) -> Period? {
        let slot = Self.slot(key)
        return keys[slot] == key ? periods[slot] : nil
    }

    mutating func store(_ period: Period, for key: UInt64) {
        let slot = Self.slot(key)
        keys[slot] = key
        periods[slot] = period
    }
}
