internal import OutcomesCore

/// What makes an observation the same observation: indicator, area, breakdown and period (by
/// catalogue position). Exact — unlike a hash it cannot mistake two rows for one.
struct ObservationKey: Sendable, Hashable {
    var indicator: Int
    var area: Int
    var breakdown: Int
    var period: Period

    /// The key packed into 62 bits, when the catalogue is small enough for it to be exact
    /// (indicators < 2^20, areas < 2^16, breakdowns < 2^8 — far beyond any real catalogue).
    var packed: UInt64? {
        guard indicator < 1 << 20, area < 1 << 16, breakdown < 1 << 8 else { return nil }
        let type: UInt64 = switch period.type {
        case .calendar: 0
        case .financial: 1
        case .academic: 2
        case .quarter: 3
        case .month: 4
        }
        // Ordinals stay below 2200 × 12 < 2^15.
        return UInt64(indicator) << 42 | UInt64(area) << 26 | UInt64(breakdown) << 18
            | type << 15 | UInt64(truncatingIfNeeded: period.ordinal) & 0x7FFF
    }
}
