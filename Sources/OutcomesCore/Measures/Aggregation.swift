/// Derives health-board and Wales points from the local authorities' numerators and denominators
/// (or counts) when no partner supplied them — the additive indicators only: proportions and
/// rates with numerator and denominator, and counts.
///
/// A derived point needs every local authority that belonged to the parent during the period
/// (by the period's first day; Bridgend counts towards Abertawe Bro Morgannwg before 1 April 2019
/// and Cwm Taf Morgannwg after) to have reported: a partial sum would understate the area.
/// Supplied values always win; derived points are marked `derived`.
///
/// Sums run over the authorities in code order. Derived points come ordered by breakdown, then
/// period, then Wales before the boards (boards in the order their first authority takes in code
/// order). Where a slot holds more than one point for an area, the last one given is read.
public enum Aggregation {
    public static func derive(_ points: [ObservationPoint], indicator: Indicator, context: ComputeContext) -> [ObservationPoint] {
        guard indicator.kind == .proportion || indicator.kind == .rate || indicator.kind == .count else { return [] }
        // Points sorted by slot (breakdown, period), then area, then position: a slot is a run.
        let order = points.indices.map { SlotKey(points[$0], position: $0) }.sorted()
        var membersByPeriod: [Period: [Members]] = [:]
        var derived: [ObservationPoint] = []
        for run in order.runs({ $0.sameSlot(as: $1) }) {
            let slot = order[run]
            let (period, breakdown) = (order[run.lowerBound].period, order[run.lowerBound].breakdown)
            let members: [Members]
            if let known = membersByPeriod[period] {
                members = known
            } else {
                members = Self.members(in: period, context: context)
                membersByPeriod[period] = members
            }
            // The last point given for `area` in this slot.
            func present(_ area: Int32) -> ObservationPoint? {
                let after = slot.partitionPoint { $0.area > area }
                guard after > slot.startIndex, slot[after - 1].area == area else { return nil }
                return points[slot[after - 1].position]
            }
            for (target, constituents) in members where present(target) == nil && !constituents.isEmpty {
                var numerator = 0.0, denominator = 0.0, value = 0.0
                var complete = true
                for la in constituents {
                    guard let p = present(la) else { complete = false; break }
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
                                                    breakdown: breakdown, period: period, numerator: nil, denominator: nil,
                                                    value: value, lower: nil, upper: nil, notes: "", derived: true))
                } else if denominator > 0 {
                    derived.append(ObservationPoint(indicator: points[0].indicator, area: target, breakdown: breakdown,
                                                    period: period, numerator: numerator, denominator: denominator,
                                                    value: numerator / denominator * indicator.multiplier,
                                                    lower: nil, upper: nil, notes: "", derived: true))
                }
            }
        }
        return derived
    }

    /// One parent (a health board, or Wales) and its constituent authorities, in code order.
    typealias Members = (target: Int32, constituents: [Int32])

    /// Wales and the health boards with the authorities that belonged to each during `period`:
    /// Wales first (always listed, possibly with none), then the boards as their first authority
    /// comes in code order.
    static func members(in period: Period, context: ComputeContext) -> [Members] {
        var members: [Members] = [(context.wales, [])]
        func add(_ la: Int32, to target: Int32) {
            if let i = members.firstIndex(where: { $0.target == target }) {
                members[i].constituents.append(la)
            } else {
                members.append((target, [la]))
            }
        }
        let firstDay = period.firstDay
        for la in context.localAuthorityFacts where la.isValid(in: period) {
            add(la.id, to: context.wales)
            if let board = la.parent(on: firstDay) { add(la.id, to: board) }
        }
        return members
    }

    /// A point's place: slot (breakdown, period), then area, then input position.
    private struct SlotKey: Comparable {
        var breakdown: Int16
        var period: Period
        var area: Int32
        var position: Int

        init(_ point: ObservationPoint, position: Int) {
            breakdown = point.breakdown
            period = point.period
            area = point.area
            self.position = position
        }

        func sameSlot(as other: SlotKey) -> Bool { breakdown == other.breakdown && period == other.period }

        static func < (a: SlotKey, b: SlotKey) -> Bool {
            if a.breakdown != b.breakdown { return a.breakdown < b.breakdown }
            if a.period != b.period { return a.period < b.period }
            if a.area != b.area { return a.area < b.area }
            return a.position < b.position
        }
    }
}
