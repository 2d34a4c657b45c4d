import Testing
import OutcomesCore

/// The engine walks sorted series instead of hashing per point; these tests hold it to the rows of
/// the algorithm it replaced (``MeasureEngineReference``), compared through their full reflection
/// (every Double printed in its shortest round-tripping form, so equal text means equal bits).
@Suite("Measures engine against its pre-rewrite reference")
struct MeasureEngineEquivalenceTests {
    typealias F = MeasureEngineFixture

    /// Rows by series (area, breakdown), each in period order, rows of one key in the order given:
    /// the order ``MeasureEngine`` gives them in.
    static func inSeriesOrder(_ rows: [MeasureRow]) -> [MeasureRow] {
        rows.enumerated().sorted { a, b in
            (a.element.area, a.element.breakdown) != (b.element.area, b.element.breakdown)
                ? (a.element.area, a.element.breakdown) < (b.element.area, b.element.breakdown)
                : a.element.period != b.element.period ? a.element.period < b.element.period : a.offset < b.offset
        }.map(\.element)
    }

    /// The reference's rows (the supplied points' rows in order, then the derived ones in
    /// dictionary order, which varies from process to process) in the engine's order, as text.
    static func comparableReference(_ rows: [MeasureRow], supplied: Int) -> [String] {
        let tail = rows.dropFirst(supplied).sorted { ($0.area, $0.breakdown, $0.period.ordinal) < ($1.area, $1.breakdown, $1.period.ordinal) }
        return inSeriesOrder(Array(rows.prefix(supplied) + tail)).map { String(reflecting: $0) }
    }

    static func expectSameRows(indicator: Indicator, points: [ObservationPoint], context: ComputeContext,
                               sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let rows = MeasureEngine.compute(indicator: indicator, points: points, context: context)
        let expected = MeasureEngineReference.compute(indicator: indicator, points: points, context: context)
        // The engine's own order, as it says: by series, each in period order.
        #expect(rows == inSeriesOrder(rows), "the engine's rows are not by series in period order", sourceLocation: sourceLocation)
        let actual = rows.map { String(reflecting: $0) }, wanted = comparableReference(expected, supplied: points.count)
        #expect(actual.count == wanted.count, sourceLocation: sourceLocation)
        let differing = zip(actual, wanted).enumerated().filter { $0.element.0 != $0.element.1 }
        #expect(differing.isEmpty, "\(differing.count) rows differ; first at \(differing.first?.offset ?? -1):\n\(differing.first?.element.0 ?? "")\nexpected\n\(differing.first?.element.1 ?? "")",
                sourceLocation: sourceLocation)
    }

    @Test("every row matches the reference bit for bit, in order, for each indicator type", arguments: Array(1...5))
    func sameRowsAsReference(indicatorID: Int) throws {
        let context = F.context()
        let id = Int32(indicatorID)
        let indicator = try #require(context.indicators[id])
        let points = F.points(indicator: id, context: context, seed: 0xE9_0000 + UInt64(indicatorID))
        #expect(points.count > 1_500)
        Self.expectSameRows(indicator: indicator, points: points, context: context)
    }

    @Test("the synthetic input reaches every step: trends of each kind, quintiles, benchmarks, gaps, aggregation")
    func fixtureCoversEveryStep() throws {
        let context = F.context()
        var rows: [MeasureRow] = []
        for id in Int32(1)...5 {
            let indicator = try #require(context.indicators[id])
            rows += MeasureEngine.compute(indicator: indicator, points: F.points(indicator: id, context: context, seed: 0xE9_0000 + UInt64(id)),
                                          context: context)
        }
        let labels = Set(rows.map(\.trend.label))
        #expect(labels.isSuperset(of: [.noSignificantChange, .cannotBeCalculated, .increasingAndGettingWorse, .increasing, .decreasing]))
        let reasons = Set(rows.compactMap(\.trend.reason))
        // Every reason but a reversed interval, which the interval methods never produce.
        #expect(reasons.isSuperset(of: TrendUnavailableReason.allCases.filter { $0 != .reversedInterval }.map(\.rawValue)))
        #expect(Set(rows.compactMap(\.quintile)) == [1, 2, 3, 4, 5])
        #expect(rows.contains { $0.derived } && rows.contains { $0.vsBoard != .notCompared } && rows.contains { $0.vsWales != .notCompared })
        #expect(rows.contains { $0.gap != nil } && rows.contains { $0.change != nil } && rows.contains { $0.targetMet == true })
        #expect(rows.contains { $0.stale == true } && rows.contains { $0.stale == false })
    }

    @Test("duplicate points, a stray period type and an unknown area give the reference's rows")
    func hostileInputMatchesReference() throws {
        let context = F.context()
        for id in Int32(1)...5 {
            let indicator = try #require(context.indicators[id])
            var points = F.points(indicator: id, context: context, periods: 12, seed: 0xD0_0000 + UInt64(id))
            var random = SeededGenerator(seed: 0xD1_0000 + UInt64(id))
            for _ in 0..<40 {
                guard var copy = points.randomElement(using: &random) else { continue }
                copy.value = copy.value.map { $0 + 1 }
                copy.numerator = copy.numerator.map { max(0, $0 - 1) }
                if Bool.random(using: &random) { copy.value = nil; copy.numerator = nil }
                points.insert(copy, at: Int.random(in: 0...points.count, using: &random))
            }
            for i in stride(from: 0, to: points.count, by: 97) {
                let period = points[i].period
                let stray: PeriodType = period.type == .calendar ? .financial : .calendar
                points[i].period = Period(type: stray, year: period.year) ?? period
            }
            Self.expectSameRows(indicator: indicator, points: points, context: context)
        }
    }

    @Test("derived points equal the reference's and come ordered by breakdown and period")
    func derivedPointsInFixedOrder() throws {
        let context = F.context()
        for id in Int32(1)...3 {
            let indicator = try #require(context.indicators[id])
            let points = F.points(indicator: id, context: context, seed: 0xA6_0000 + UInt64(id))
            let derived = Aggregation.derive(points, indicator: indicator, context: context)
            let expected = MeasureEngineReference.derive(points, indicator: indicator, context: context)
            func sorted(_ p: [ObservationPoint]) -> [String] {
                p.sorted { ($0.area, $0.breakdown, $0.period) < ($1.area, $1.breakdown, $1.period) }.map { String(reflecting: $0) }
            }
            #expect(!derived.isEmpty)
            #expect(sorted(derived) == sorted(expected))
            #expect(zip(derived, derived.dropFirst()).allSatisfy { ($0.breakdown, $0.period) <= ($1.breakdown, $1.period) })
        }
    }

    @Test("recent trend: the allocation-free fit gives the pre-rewrite fit's bits on random windows")
    func recentTrendMatchesReference() {
        var random = SeededGenerator(seed: 0x7EED_0001)
        for _ in 0..<3_000 {
            let count = Int.random(in: 3...7, using: &random)
            let slope = F.pick([0, 0.5, -2, 10], &random)
            var points: [TrendPoint] = (0..<count).map { t in
                let value = 50 + slope * Double(t) + Double.random(in: -3...3, using: &random)
                let half = Double.random(in: 0.1...4, using: &random)
                return TrendPoint(ordinal: 2000 + t, value: value, lower95: value - half, upper95: value + half)
            }
            if Int.random(in: 0..<10, using: &random) == 0, let i = points.indices.randomElement(using: &random) {
                points[i].value += 40   // an outlier: the leave-one-out check may refuse
            }
            if Int.random(in: 0..<20, using: &random) == 0, let i = points.indices.randomElement(using: &random) {
                points[i].ordinal += 10   // a gap
            }
            points.shuffle(using: &random)
            for polarity in Indicator.Polarity.allCases {
                #expect(String(reflecting: RecentTrend.assess(points, polarity: polarity))
                        == String(reflecting: MeasureEngineReference.assess(points, polarity: polarity)))
            }
        }
    }

    @Test("quintiles: ranking by position gives the pre-rewrite quintiles, ties included")
    func quintilesMatchReference() {
        var random = SeededGenerator(seed: 0x7EED_0002)
        for _ in 0..<1_000 {
            let n = Int.random(in: 0...25, using: &random)
            var values: [String: Double] = [:]
            for i in 0..<n {
                let roll = Int.random(in: 0..<20, using: &random)
                values["W06\(1_000 + i * 7 % 31)"] = roll == 0 ? .nan : roll == 1 ? -0.0 : Double(Int.random(in: -3...6, using: &random))
            }
            for polarity in Indicator.Polarity.allCases {
                #expect(Quintiles.assign(values, polarity: polarity) == MeasureEngineReference.quintiles(values, polarity: polarity))
            }
        }
    }
}
