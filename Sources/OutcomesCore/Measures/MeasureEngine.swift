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
    /// The rows come by series (area, then breakdown), each in period order: the supplied points
    /// and the derived ones (``Aggregation/derive``) together. Where several points share an
    /// area, breakdown and period, each gets its own row, in the order given; benchmarks and gaps
    /// read the last of them given, quintiles the last with a value.
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
        // Row positions (rows follow `points`) sorted by series (area, breakdown), then period, then
        // position: each series is a run in period order, and the rows a row is compared with are
        // read by cursors walking their own series alongside, with no hashing.
        let order = points.indices.map { RowKey(points[$0], position: $0) }.sorted()

        let expected = Staleness.latestExpectedPeriod(for: indicator, today: context.today)
        var trendPoints: [TrendPoint] = []
        var ranked: [QuintileEntry] = []
        for run in order.runs({ $0.area == $1.area && $0.breakdown == $1.breakdown }) {
            let area = order[run.lowerBound].area, breakdown = order[run.lowerBound].breakdown
            let facts = context.areaFacts[area]
            let isLocalAuthority = facts?.isLocalAuthority == true
            let isPriorityGroup = breakdown != context.allBreakdown && context.breakdowns[breakdown]?.isPriorityGroup == true
            var wales = SeriesCursor(order, area: context.wales, breakdown: breakdown)
            var all = SeriesCursor(order, area: area, breakdown: context.allBreakdown)
            var board: (id: Int32, cursor: SeriesCursor)?
            // Within one period type the run ascends, so every trend point so far is at or before
            // the row; mixed types (never within one indicator) keep the filter by ordinal.
            let oneType = order[run.lowerBound].period.type == order[run.upperBound - 1].period.type
            trendPoints.removeAll(keepingCapacity: true)
            for n in run {
                let key = order[n], i = key.position
                let period = rows[i].period
                // 2. Per series: change, trend, target.
                if n > run.lowerBound {
                    let p = order[n - 1].position
                    if let previous = rows[p].value, let current = rows[i].value, rows[p].period.next == period {
                        rows[i].change = Change.between(previous: previous, current: current)
                    }
                }
                if let value = rows[i].value {
                    trendPoints.append(TrendPoint(ordinal: period.ordinal, value: value, lower95: rows[i].interval95?.lower,
                                                  upper95: rows[i].interval95?.upper, numerator: rows[i].numerator,
                                                  denominator: rows[i].denominator))
                }
                rows[i].trend = oneType
                    ? RecentTrend.assess(ordered: trendPoints[...], polarity: indicator.polarity)
                    : RecentTrend.assess(trendPoints.filter { $0.ordinal <= period.ordinal }.suffix(RecentTrend.pointCount).map { $0 },
                                         polarity: indicator.polarity)
                if let target = indicator.target, let value = rows[i].value {
                    switch indicator.polarity {
                    case .highIsGood: rows[i].targetMet = value >= target
                    case .lowIsGood: rows[i].targetMet = value <= target
                    case .noJudgement: rows[i].targetMet = nil
                    }
                }
                // 3. Benchmarks: Wales and the health board, same breakdown and period.
                if area != context.wales, let w = wales.position(at: key) {
                    rows[i].vsWales = BenchmarkComparison.compare(interval95: rows[i].interval95, interval998: rows[i].interval998,
                                                                  benchmark: rows[w].value, polarity: indicator.polarity)
                }
                if isLocalAuthority, let id = facts?.parent(on: period.firstDay) {
                    if board?.id != id { board = (id, SeriesCursor(order, area: id, breakdown: breakdown)) }
                    if let b = board?.cursor.position(at: key) {
                        rows[i].vsBoard = BenchmarkComparison.compare(interval95: rows[i].interval95, interval998: rows[i].interval998,
                                                                      benchmark: rows[b].value, polarity: indicator.polarity)
                    }
                }
                // 4. Equity gap of a priority group against all children.
                if isPriorityGroup, let groupValue = rows[i].value, let a = all.position(at: key), let allValue = rows[a].value {
                    rows[i].gap = EquityGap.between(group: groupValue, groupInterval: rows[i].interval95,
                                                    all: allValue, allInterval: rows[a].interval95)
                }
                // A local authority's last valued row of each period takes part in the quintiles.
                if isLocalAuthority, let value = rows[i].value {
                    if let last = ranked.last, last.key.area == area, last.key.sameSlot(as: key) { ranked.removeLast() }
                    ranked.append(QuintileEntry(key: key, value: value))
                }
            }
            let last = order[run.upperBound - 1].position
            rows[last].stale = Staleness.isStale(latest: rows[last].period, expected: expected)
        }

        // 5. Quintiles among local authorities, per breakdown and period.
        ranked.sort { $0.key.sameSlot(as: $1.key) ? $0.key.area < $1.key.area : $0.key.slotPrecedes($1.key) }
        for run in ranked.runs({ $0.key.sameSlot(as: $1.key) }) {
            let quintiles = Quintiles.assign(ranked[run].map(\.value), polarity: indicator.polarity)
            for (entry, quintile) in zip(ranked[run], quintiles) where quintile != nil { rows[entry.key.position].quintile = quintile }
        }
        // In the order already sorted for the walk: the writer stores a series per row.
        return order.map { rows[$0.position] }
    }

    /// A row's place: series (area, breakdown), period (in ``Period``'s order), then position.
    private struct RowKey: Comparable {
        var area: Int32
        var breakdown: Int16
        var period: Period
        var position: Int

        init(_ point: ObservationPoint, position: Int) {
            area = point.area
            breakdown = point.breakdown
            period = point.period
            self.position = position
        }

        func sameSlot(as other: RowKey) -> Bool { breakdown == other.breakdown && period == other.period }

        /// Whether the breakdown and period come before `other`'s.
        func slotPrecedes(_ other: RowKey) -> Bool {
            breakdown != other.breakdown ? breakdown < other.breakdown : period < other.period
        }

        static func < (a: RowKey, b: RowKey) -> Bool {
            if a.area != b.area { return a.area < b.area }
            return a.sameSlot(as: b) ? a.position < b.position : a.slotPrecedes(b)
        }
    }

    /// Reads one series (area, breakdown) of the sorted keys alongside another series walked in
    /// period order.
    private struct SeriesCursor {
        private let order: [RowKey]
        private let start: Int
        private let end: Int
        private var next: Int

        init(_ order: [RowKey], area: Int32, breakdown: Int16) {
            self.order = order
            start = order.partitionPoint { $0.area > area || $0.area == area && $0.breakdown >= breakdown }
            end = order.partitionPoint { $0.area > area || $0.area == area && $0.breakdown > breakdown }
            next = start
        }

        /// The position of the series' last row in `key`'s period, if any. Contract: successive
        /// calls ask for periods in non-decreasing order.
        mutating func position(at key: RowKey) -> Int? {
            while next < end, !(key.period < order[next].period) { next += 1 }
            guard next > start, order[next - 1].period == key.period else { return nil }
            return order[next - 1].position
        }
    }

    /// A local authority's value in one slot (breakdown and period), for the quintiles.
    private struct QuintileEntry {
        var key: RowKey
        var value: Double
    }
}
