import OutcomesCore

/// The measures engine as it was before it walked sorted series (commit 819a709): hashing by
/// area, breakdown and period, filtering trend points per row, copying areas, and the array forms
/// of the recent-trend fit and quintiles. Kept verbatim, through the public API only, as the oracle
/// the faster engine must match bit for bit. Not for production use: quadratic per series.
enum MeasureEngineReference {
    static func compute(indicator: Indicator, points supplied: [ObservationPoint], context: ComputeContext) -> [MeasureRow] {
        guard !supplied.isEmpty else { return [] }
        let points = supplied + derive(supplied, indicator: indicator, context: context)

        var rows: [MeasureRow] = points.map { point in
            let (value, i95, i998) = IntervalMethod.intervals(point, indicator: indicator)
            return MeasureRow(indicator: point.indicator, area: point.area, breakdown: point.breakdown, period: point.period,
                              value: value, interval95: i95, interval998: i998, numerator: point.numerator,
                              denominator: point.denominator, derived: point.derived, notes: point.notes,
                              vsWales: .notCompared, vsBoard: .notCompared,
                              trend: TrendResult(label: .cannotBeCalculated, chiSquared: nil, slope: nil, reason: "not assessed"),
                              change: nil, quintile: nil, targetMet: nil, stale: nil, gap: nil)
        }
        struct PointKey: Hashable { var area: Int32; var breakdown: Int16; var period: Period }
        var index: [PointKey: Int] = [:]
        for (i, row) in rows.enumerated() { index[PointKey(area: row.area, breakdown: row.breakdown, period: row.period)] = i }

        struct SeriesKey: Hashable { var area: Int32; var breakdown: Int16 }
        var series: [SeriesKey: [Int]] = [:]
        for (i, row) in rows.enumerated() { series[SeriesKey(area: row.area, breakdown: row.breakdown), default: []].append(i) }
        let expected = Staleness.latestExpectedPeriod(for: indicator, today: context.today)
        for (_, members) in series {
            let ordered = members.sorted { rows[$0].period < rows[$1].period }
            var trendPoints: [TrendPoint] = []
            for (n, i) in ordered.enumerated() {
                let row = rows[i]
                if n > 0, let previous = rows[ordered[n - 1]].value, let current = row.value,
                   rows[ordered[n - 1]].period.next == row.period {
                    rows[i].change = Change.between(previous: previous, current: current)
                }
                if let value = row.value {
                    trendPoints.append(TrendPoint(ordinal: row.period.ordinal, value: value, lower95: row.interval95?.lower,
                                                  upper95: row.interval95?.upper, numerator: row.numerator, denominator: row.denominator))
                }
                rows[i].trend = assess(trendPoints.filter { $0.ordinal <= row.period.ordinal }.suffix(5).map { $0 },
                                       polarity: indicator.polarity)
                if let target = indicator.target, let value = row.value {
                    switch indicator.polarity {
                    case .highIsGood: rows[i].targetMet = value >= target
                    case .lowIsGood: rows[i].targetMet = value <= target
                    case .noJudgement: rows[i].targetMet = nil
                    }
                }
            }
            if let last = ordered.last {
                rows[last].stale = Staleness.isStale(latest: rows[last].period, expected: expected)
            }
        }

        for i in rows.indices {
            let row = rows[i]
            if row.area != context.wales, let w = index[PointKey(area: context.wales, breakdown: row.breakdown, period: row.period)] {
                rows[i].vsWales = BenchmarkComparison.compare(interval95: row.interval95, interval998: row.interval998,
                                                              benchmark: rows[w].value, polarity: indicator.polarity)
            }
            if context.areas[row.area]?.kind == .localAuthority, let board = parent(of: row.area, in: row.period, context),
               let b = index[PointKey(area: board, breakdown: row.breakdown, period: row.period)] {
                rows[i].vsBoard = BenchmarkComparison.compare(interval95: row.interval95, interval998: row.interval998,
                                                              benchmark: rows[b].value, polarity: indicator.polarity)
            }
            if row.breakdown != context.allBreakdown, context.breakdowns[row.breakdown]?.isPriorityGroup == true,
               let a = index[PointKey(area: row.area, breakdown: context.allBreakdown, period: row.period)],
               let groupValue = row.value, let allValue = rows[a].value {
                rows[i].gap = EquityGap.between(group: groupValue, groupInterval: row.interval95,
                                                all: allValue, allInterval: rows[a].interval95)
            }
        }

        struct Slot: Hashable { var breakdown: Int16; var period: Period }
        var slots: [Slot: [String: Int]] = [:]
        var values: [Slot: [String: Double]] = [:]
        for (i, row) in rows.enumerated() where context.areas[row.area]?.kind == .localAuthority {
            guard let value = row.value, let code = context.areas[row.area]?.code else { continue }
            values[Slot(breakdown: row.breakdown, period: row.period), default: [:]][code] = value
            slots[Slot(breakdown: row.breakdown, period: row.period), default: [:]][code] = i
        }
        for (slot, byCode) in values {
            for (code, quintile) in quintiles(byCode, polarity: indicator.polarity) {
                if let i = slots[slot]?[code] { rows[i].quintile = quintile }
            }
        }
        return rows
    }

    static func derive(_ points: [ObservationPoint], indicator: Indicator, context: ComputeContext) -> [ObservationPoint] {
        guard indicator.kind == .proportion || indicator.kind == .rate || indicator.kind == .count else { return [] }
        struct Slot: Hashable { var breakdown: Int16; var period: Period }
        var byArea: [Slot: [Int32: ObservationPoint]] = [:]
        for point in points { byArea[Slot(breakdown: point.breakdown, period: point.period), default: [:]][point.area] = point }
        let localAuthorities = localAuthorities(context)
        var derived: [ObservationPoint] = []
        for (slot, present) in byArea {
            var members: [Int32: [Int32]] = [context.wales: []]
            for la in localAuthorities where isValid(la, in: slot.period, context) {
                members[context.wales, default: []].append(la)
                if let board = parent(of: la, in: slot.period, context) { members[board, default: []].append(la) }
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

    // ComputeContext's area queries as they were, straight from `areas` and `areaIDs`.

    static func localAuthorities(_ context: ComputeContext) -> [Int32] {
        context.areas.filter { $0.value.kind == .localAuthority }.sorted { $0.value.code < $1.value.code }.map(\.key)
    }

    static func parent(of area: Int32, in period: Period, _ context: ComputeContext) -> Int32? {
        guard let code = context.areas[area]?.parent(on: period.firstDay) else { return nil }
        return context.areaIDs[code]
    }

    static func isValid(_ area: Int32, in period: Period, _ context: ComputeContext) -> Bool {
        guard let a = context.areas[area] else { return false }
        return (a.validFrom.map { $0 <= period.lastDay } ?? true) && (a.validTo.map { period.firstDay <= $0 } ?? true)
    }

    // RecentTrend.assess with its array-based WeightedLine, as they were.

    static func assess(_ points: [TrendPoint], polarity: Indicator.Polarity) -> TrendResult {
        func unavailable(_ reason: TrendUnavailableReason) -> TrendResult {
            TrendResult(label: .cannotBeCalculated, reason: reason.rawValue)
        }
        let recent = Array(points.sorted { $0.ordinal < $1.ordinal }.suffix(RecentTrend.pointCount))
        guard recent.count == RecentTrend.pointCount else { return unavailable(.fewerThanFivePoints) }
        for (previous, next) in zip(recent, recent.dropFirst()) where next.ordinal != previous.ordinal + 1 {
            return unavailable(.gap)
        }
        var xs: [Double] = [], ys: [Double] = [], weights: [Double] = []
        let last = recent[RecentTrend.pointCount - 1].ordinal
        for point in recent {
            guard let lower = point.lower95, let upper = point.upper95,
                  lower.isFinite, upper.isFinite, point.value.isFinite else {
                return unavailable(.intervalMissing)
            }
            if let numerator = point.numerator, let denominator = point.denominator, numerator == denominator {
                return unavailable(.countEqualsDenominator)
            }
            if upper < lower { return unavailable(.reversedInterval) }
            let se = (upper - lower) / (2 * RecentTrend.z95)
            guard se > 0 else { return unavailable(.zeroWidthInterval) }
            xs.append(Double(point.ordinal - last))
            ys.append(point.value)
            weights.append(1 / (se * se))
        }
        let full = Line(x: xs, y: ys, w: weights)
        let chiSquared = full.sxy * full.sxy / full.sxx
        let slope = full.slope
        guard chiSquared > RecentTrend.threshold, slope != 0 else {
            return TrendResult(label: .noSignificantChange, chiSquared: chiSquared, slope: slope)
        }
        for left in 0..<RecentTrend.pointCount {
            let keep = (0..<RecentTrend.pointCount).filter { $0 != left }
            let partial = Line(x: keep.map { xs[$0] }, y: keep.map { ys[$0] }, w: keep.map { weights[$0] })
            guard partial.slope * slope > 0 else {
                return TrendResult(label: .noSignificantChange, chiSquared: chiSquared, slope: slope)
            }
        }
        let label: TrendLabel = switch polarity {
        case .highIsGood: slope > 0 ? .increasingAndGettingBetter : .decreasingAndGettingWorse
        case .lowIsGood: slope > 0 ? .increasingAndGettingWorse : .decreasingAndGettingBetter
        case .noJudgement: slope > 0 ? .increasing : .decreasing
        }
        return TrendResult(label: label, chiSquared: chiSquared, slope: slope)
    }

    struct Line {
        let sxx: Double
        let sxy: Double

        init(x: [Double], y: [Double], w: [Double]) {
            let totalWeight = w.reduce(0, +)
            var mx = 0.0, my = 0.0
            for i in w.indices {
                mx += w[i] * x[i]
                my += w[i] * y[i]
            }
            mx /= totalWeight
            my /= totalWeight
            var sxx = 0.0, sxy = 0.0
            for i in w.indices {
                sxx += w[i] * (x[i] - mx) * (x[i] - mx)
                sxy += w[i] * (x[i] - mx) * (y[i] - my)
            }
            self.sxx = sxx
            self.sxy = sxy
        }

        var slope: Double { sxy / sxx }
    }

    // Quintiles.assign as it was.

    static func quintiles(_ values: [String: Double], polarity: Indicator.Polarity) -> [String: Int] {
        let count = Quintiles.count
        let adjusted = values.compactMap { key, value -> (key: String, value: Double)? in
            guard value.isFinite else { return nil }
            return (key, polarity == .highIsGood ? -value : value)
        }
        let n = adjusted.count
        guard n >= count else { return [:] }
        let sorted = adjusted.sorted { ($0.value, $0.key) < ($1.value, $1.key) }
        var result: [String: Int] = [:]
        result.reserveCapacity(n)
        var rank = 1
        for (index, item) in sorted.enumerated() {
            if index > 0, item.value != sorted[index - 1].value { rank = index + 1 }
            let numerator = count * (n + 1 - rank)
            let ceiling = (numerator + n - 1) / n
            result[item.key] = count + 1 - ceiling
        }
        return result
    }
}
