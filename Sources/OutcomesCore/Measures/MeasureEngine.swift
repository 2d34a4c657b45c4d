/// Computes every measure of every series of one indicator, from its observations (pure and
/// deterministic: the same points give the same rows).
///
/// Steps, in order: derive missing health-board and Wales points (``Aggregation``); value and
/// 95% / 99.8% intervals by the indicator's type (``IntervalMethod``); per series, change and the
/// recent trend of the last five points; comparison with Wales and the health board; quintiles
/// among local authorities; target; the latest point's staleness; equity gaps of priority groups.
///
/// ```swift
/// let rows = MeasureEngine.compute(indicator: indicator, points: points, context: context)
/// ```
public enum MeasureEngine {
    public static func compute(indicator: Indicator, points supplied: [ObservationPoint], context: ComputeContext) -> [MeasureRow] {
        guard !supplied.isEmpty else { return [] }
        let points = supplied + Aggregation.derive(supplied, indicator: indicator, context: context)

        // 1. Values and intervals.
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

        // 2. Per series: change, trend, staleness.
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
                rows[i].trend = RecentTrend.assess(trendPoints.filter { $0.ordinal <= row.period.ordinal }.suffix(5).map { $0 },
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

        // 3. Benchmarks: Wales and the health board, same breakdown and period.
        for i in rows.indices {
            let row = rows[i]
            if row.area != context.wales, let w = index[PointKey(area: context.wales, breakdown: row.breakdown, period: row.period)] {
                rows[i].vsWales = BenchmarkComparison.compare(interval95: row.interval95, interval998: row.interval998,
                                                              benchmark: rows[w].value, polarity: indicator.polarity)
            }
            if context.areas[row.area]?.kind == .localAuthority, let board = context.parent(of: row.area, in: row.period),
               let b = index[PointKey(area: board, breakdown: row.breakdown, period: row.period)] {
                rows[i].vsBoard = BenchmarkComparison.compare(interval95: row.interval95, interval998: row.interval998,
                                                              benchmark: rows[b].value, polarity: indicator.polarity)
            }
            // 4. Equity gap of a priority group against all children.
            if row.breakdown != context.allBreakdown, context.breakdowns[row.breakdown]?.isPriorityGroup == true,
               let a = index[PointKey(area: row.area, breakdown: context.allBreakdown, period: row.period)],
               let groupValue = row.value, let allValue = rows[a].value {
                rows[i].gap = EquityGap.between(group: groupValue, groupInterval: row.interval95,
                                                all: allValue, allInterval: rows[a].interval95)
            }
        }

        // 5. Quintiles among local authorities, per breakdown and period.
        struct Slot: Hashable { var breakdown: Int16; var period: Period }
        var slots: [Slot: [String: Int]] = [:]
        var values: [Slot: [String: Double]] = [:]
        for (i, row) in rows.enumerated() where context.areas[row.area]?.kind == .localAuthority {
            guard let value = row.value, let code = context.areas[row.area]?.code else { continue }
            values[Slot(breakdown: row.breakdown, period: row.period), default: [:]][code] = value
            slots[Slot(breakdown: row.breakdown, period: row.period), default: [:]][code] = i
        }
        for (slot, byCode) in values {
            for (code, quintile) in Quintiles.assign(byCode, polarity: indicator.polarity) {
                if let i = slots[slot]?[code] { rows[i].quintile = quintile }
            }
        }
        return rows
    }
}
