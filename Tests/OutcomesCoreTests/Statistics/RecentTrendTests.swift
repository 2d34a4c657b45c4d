import Testing
import OutcomesCore

@Suite("Recent trend")
struct RecentTrendTests {
    /// A point whose 95% interval is value ∓ 1.959963984540054·se, so the test recovers se.
    static func point(_ ordinal: Int, _ value: Double, se: Double = 1,
                      numerator: Double? = nil, denominator: Double? = nil) -> TrendPoint {
        let half = RecentTrend.z95 * se
        return TrendPoint(ordinal: ordinal, value: value, lower95: value - half, upper95: value + half,
                          numerator: numerator, denominator: denominator)
    }

    static func series(_ values: [Double], se: [Double]? = nil, from first: Int = 2020) -> [TrendPoint] {
        values.enumerated().map { i, v in point(first + i, v, se: se?[i] ?? 1) }
    }

    // Hand computation, x = 1…5, y = 10, 11, 12, 13, 14, every se = 1 so every w = 1:
    //   x̄ = 3, ȳ = 12; Σw(x − x̄)² = 4 + 1 + 0 + 1 + 4 = 10;
    //   Σw(x − x̄)(y − ȳ) = (−2)(−2) + (−1)(−1) + 0 + 1·1 + 2·2 = 10;
    //   slope = 10/10 = 1; χ² = 10²/10 = 10 > 9.5495. Every leave-one-out slope is 1 (the points
    //   are collinear), so the rise is significant.
    @Test("a rise of one per period with standard errors of 1 gives χ² = 10, labelled by polarity", arguments: [
        (Indicator.Polarity.highIsGood, TrendLabel.increasingAndGettingBetter),
        (.lowIsGood, .increasingAndGettingWorse),
        (.noJudgement, .increasing),
    ])
    func significantRise(polarity: Indicator.Polarity, label: TrendLabel) throws {
        let result = RecentTrend.assess(Self.series([10, 11, 12, 13, 14]), polarity: polarity)
        #expect(result.label == label)
        #expect(Close.relative(try #require(result.chiSquared), 10, 1e-12))
        #expect(Close.relative(try #require(result.slope), 1, 1e-12))
        #expect(result.reason == nil)
    }

    // Mirror image: y = 14 … 10, slope −1, χ² = 10.
    @Test("a fall of one per period is labelled by polarity", arguments: [
        (Indicator.Polarity.highIsGood, TrendLabel.decreasingAndGettingWorse),
        (.lowIsGood, .decreasingAndGettingBetter),
        (.noJudgement, .decreasing),
    ])
    func significantFall(polarity: Indicator.Polarity, label: TrendLabel) throws {
        let result = RecentTrend.assess(Self.series([14, 13, 12, 11, 10]), polarity: polarity)
        #expect(result.label == label)
        #expect(Close.relative(try #require(result.slope), -1, 1e-12))
    }

    // Same design, slope 0.9: Σw(x − x̄)(y − ȳ) = 9, χ² = 81/10 = 8.1 < 9.5495.
    @Test("a rise of 0.9 per period gives χ² = 8.1: no significant change")
    func belowThreshold() throws {
        let result = RecentTrend.assess(Self.series([10, 10.9, 11.8, 12.7, 13.6]), polarity: .highIsGood)
        #expect(result.label == .noSignificantChange)
        #expect(Close.relative(try #require(result.chiSquared), 8.1, 1e-12))
    }

    // Unequal weights, se = 1, 1, 1, 1, ½ so w = 1, 1, 1, 1, 4; y = x + 9:
    //   x̄w = (1 + 2 + 3 + 4 + 4·5)/8 = 30/8 = 3.75;
    //   Σw(x − x̄w)² = 2.75² + 1.75² + 0.75² + 0.25² + 4·1.25² = 7.5625 + 3.0625 + 0.5625 + 0.0625 + 6.25 = 17.5;
    //   y − ȳw = x − x̄w, so Σw(x − x̄w)(y − ȳw) = 17.5, slope = 1, χ² = 17.5²/17.5 = 17.5.
    @Test("weights are 1/se²: a precise last point gives χ² = 17.5")
    func weighted() throws {
        let result = RecentTrend.assess(Self.series([10, 11, 12, 13, 14], se: [1, 1, 1, 1, 0.5]), polarity: .lowIsGood)
        #expect(Close.relative(try #require(result.chiSquared), 17.5, 1e-12))
        #expect(result.label == .increasingAndGettingWorse)
    }

    // y = 4, 3, 2, 1, 20 (se 1): ȳ = 6, Σ(x − x̄)(y − ȳ) = 4 + 3 + 0 − 5 + 28 = 30, slope 3, χ² = 90;
    // leaving out the last point leaves 4, 3, 2, 1 with slope −1: the signs differ.
    @Test("a large χ² driven by one point, whose removal reverses the slope, is no significant change")
    func leaveOneOutReverses() throws {
        let result = RecentTrend.assess(Self.series([4, 3, 2, 1, 20]), polarity: .highIsGood)
        #expect(result.label == .noSignificantChange)
        #expect(Close.relative(try #require(result.chiSquared), 90, 1e-12))
        #expect(Close.relative(try #require(result.slope), 3, 1e-12))
    }

    // y = 0, 0, 0, 0, 10: slope 2, χ² = 20²/10 = 40; without the last point the slope is 0.
    @Test("a leave-one-out slope of zero does not share the sign")
    func leaveOneOutFlat() {
        let result = RecentTrend.assess(Self.series([0, 0, 0, 0, 10]), polarity: .highIsGood)
        #expect(result.label == .noSignificantChange)
    }

    @Test("only the last five points count, whatever their order and earlier gaps")
    func lastFive() {
        var points = Self.series([10, 11, 12, 13, 14], from: 2020)
        points.append(Self.point(2010, 500))          // long before, after a gap
        points.append(Self.point(2019, 50))           // just before: would break the trend
        points.reverse()
        #expect(RecentTrend.assess(points, polarity: .highIsGood).label == .increasingAndGettingBetter)
    }

    @Test("fewer than five points cannot be calculated")
    func tooFew() {
        let result = RecentTrend.assess(Self.series([1, 2, 3, 4]), polarity: .highIsGood)
        #expect(result == TrendResult(label: .cannotBeCalculated, reason: "fewer than five points"))
        #expect(RecentTrend.assess([], polarity: .lowIsGood).reason == "fewer than five points")
    }

    @Test("a gap among the last five periods cannot be calculated")
    func gap() {
        let points = [2019, 2020, 2021, 2023, 2024].map { Self.point($0, 5) }
        #expect(RecentTrend.assess(points, polarity: .highIsGood).reason == "a gap in the last five periods")
        let duplicate = [2020, 2021, 2022, 2023, 2023].map { Self.point($0, 5) }
        #expect(RecentTrend.assess(duplicate, polarity: .highIsGood).reason == "a gap in the last five periods")
    }

    @Test("a point without a 95% interval cannot be calculated")
    func intervalMissing() {
        var points = Self.series([10, 11, 12, 13, 14])
        points[2].upper95 = nil
        let result = RecentTrend.assess(points, polarity: .highIsGood)
        #expect(result.label == .cannotBeCalculated)
        #expect(result.reason == "an interval is missing")
        #expect(result.chiSquared == nil && result.slope == nil)
    }

    @Test("a point with count equal to denominator cannot be calculated")
    func countEqualsDenominator() {
        var points = Self.series([90, 92, 94, 96, 98])
        points[4].numerator = 40
        points[4].denominator = 40
        #expect(RecentTrend.assess(points, polarity: .highIsGood).reason == "count equals denominator")
    }

    @Test("a zero-width interval cannot be calculated")
    func zeroWidth() {
        var points = Self.series([10, 11, 12, 13, 14])
        points[1].lower95 = 11
        points[1].upper95 = 11
        #expect(RecentTrend.assess(points, polarity: .highIsGood).reason == "an interval has zero width")
    }

    @Test("a reversed interval cannot be calculated")
    func reversed() {
        var points = Self.series([10, 11, 12, 13, 14])
        points[3].lower95 = 14
        points[3].upper95 = 12
        #expect(RecentTrend.assess(points, polarity: .highIsGood).reason
                == TrendUnavailableReason.reversedInterval.rawValue)
    }

    // qchisq(0.998, 1) = 9.54953570608…, published by Fingertips as 9.5495.
    @Test("the threshold is qchisq(0.998, 1) to four decimals")
    func threshold() {
        #expect(RecentTrend.threshold == 9.5495)
        #expect(Close.rounds(Distributions.chiSquaredQuantile(0.998, degreesOfFreedom: 1), to: RecentTrend.threshold, places: 4))
        #expect(Close.relative(RecentTrend.z95, Distributions.normalQuantile(0.975), 1e-15))
    }

    @Test("labels are stored as snake_case")
    func rawValues() {
        #expect(TrendLabel.allCases.map(\.rawValue) == [
            "increasing_and_getting_better", "increasing_and_getting_worse", "decreasing_and_getting_better",
            "decreasing_and_getting_worse", "increasing", "decreasing", "no_significant_change", "cannot_be_calculated",
        ])
    }
}
