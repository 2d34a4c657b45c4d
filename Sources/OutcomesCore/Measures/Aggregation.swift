/// Derives health-board and Wales points from the local authorities' numerators and denominators
/// (or counts) when no partner supplied them — the additive indicators only: proportions and
/// rates with numerator and denominator, and counts.
///
/// A derived point needs every local authority that belonged to the parent during the period
/// (by the period's first day; Bridgend counts towards Abertawe Bro Morgannwg before 1 April 2019
/// and Cwm Taf Morgannwg after) to have reported: a partial sum would understate the area.
/// Supplied values always win; derived points are marked `derived`.
public enum Aggregation {
    public static func derive(_ points: [ObservationPoint], indicator: Indicator, context: ComputeContext) -> [ObservationPoint] {
        guard indicator.kind == .proportion || indicator.kind == .rate || indicator.kind == .count else { return [] }
        struct Slot: Hashable { var breakdown: Int16; var period: Period }
        var byArea: [Slot: [Int32: ObservationPoint]] = [:]
        for point in points { byArea[Slot(breakdown: point.breakdown, period: point.period), default: [:]][point.area] = point }
        let localAuthorities = context.localAuthorities
        var derived: [ObservationPoint] = []
        for (slot, present) in byArea {
            // Parents (health boards) and Wales, with their constituent authorities in this period.
            var members: [Int32: [Int32]] = [context.wales: []]
            for la in localAuthorities where context.isValid(la, in: slot.period) {
                members[context.wales, default: []].append(la)
                if let board = context.parent(of: la, in: slot.period) { members[board, default: []].append(la) }
            }
            for (target, constituents) in members where present[target] == nil && !constituents.isEmpty {
                var numerator = 0.0, denominator = 0.0, value = 0.0
                var complete = true
                for la in constituents {
                    guard let p = present[la] else { complete = false; break }
                    if indicator.kind == .count {
                        guard let v = p.value else { complete = false; break }
                        value += v
                    } else {
                        guard let n = p.numerator, let d = p.denominator else { complete = false; break }
                        numerator += n
                        denominator += d
                    }
                }
                guard complete else { continue }
                if indicator.kind == .count {
                    derived.append(ObservationPoint(indicator: points[0].indicator, area: target,
                                                    breakdown: slot.breakdown, period: slot.period, numerator: nil, denominator: nil,
                                                    value: value, lower: nil, upper: nil, notes: "", derived: true))
                } else if denominator > 0 {
                    derived.append(ObservationPoint(indicator: points[0].indicator, area: target, breakdown: slot.breakdown,
                                                    period: slot.period, numerator: numerator, denominator: denominator,
                                                    value: numerator / denominator * indicator.multiplier,
                                                    lower: nil, upper: nil, notes: "", derived: true))
                }
            }
        }
        return derived
    }
}
