/// Fingertips' recent-trend test on the last five points of a series.
///
/// ```swift
/// let result = RecentTrend.assess(points, polarity: .lowIsGood)
/// result.label        // e.g. .decreasingAndGettingBetter
/// result.chiSquared   // e.g. 14.2 (> 9.5495)
/// ```
public enum RecentTrend {
    /// The critical value of χ² with 1 degree of freedom at p = 0.002 (two-sided 99.8%):
    /// `qchisq(0.998, 1)` = qnorm(0.999)² = 9.54953570608…, rounded to 9.5495 as Fingertips publishes it.
    public static let threshold = 9.5495

    /// The number of most recent points the test uses.
    public static let pointCount = 5

    /// The z that turns a 95% interval back into a standard error: se = (upper − lower)/(2·z), with
    /// z = qnorm(0.975) = 1.959963984540054.
    public static let z95 = 1.959963984540054

    /// Fingertips' recent-trend method (OHID Fingertips technical guidance on recent trends: a
    /// chi-squared test for trend over the last five points, as in Armitage P, Berry G, Matthews JNS
    /// (2002), *Statistical Methods in Medical Research*, 4th edn, with a leave-one-out stability
    /// check), in the weighted-regression form:
    ///
    /// 1. the last five points must be five consecutive periods, each with a 95% interval of
    ///    positive width, and none with count equal to denominator;
    /// 2. weighted least squares of value on period with weights w = 1/se²,
    ///    se = (upper95 − lower95)/(2·1.959963984540054):
    ///    slope = Σw(x − x̄)(y − ȳ) / Σw(x − x̄)², Var(slope) = 1 / Σw(x − x̄)² (weighted means);
    /// 3. χ² = slope² / Var(slope) = (Σw(x − x̄)(y − ȳ))² / Σw(x − x̄)²;
    /// 4. the change is significant when χ² > 9.5495 (p < 0.002, 1 df) and each of the five fits that
    ///    leaves one point out has a slope of the same sign as the full slope;
    /// 5. the label follows the slope's sign and the polarity.
    ///
    /// Points may come in any order; they are sorted by ordinal first.
    public static func assess(_ points: [TrendPoint], polarity: Indicator.Polarity) -> TrendResult {
        assess(ordered: points.sorted { $0.ordinal < $1.ordinal }[...], polarity: polarity)
    }

    /// ``assess(_:polarity:)`` for points already in ascending ordinal order (as it sorts them),
    /// without sorting or allocating: only the last ``pointCount`` points are read. Gives the same
    /// result, bit for bit, as `assess(_:polarity:)` on the same points.
    static func assess(ordered points: ArraySlice<TrendPoint>, polarity: Indicator.Polarity) -> TrendResult {
        let recent = points.suffix(pointCount)
        guard recent.count == pointCount else { return .cannotBeCalculated(.fewerThanFivePoints) }
        for i in recent.indices.dropFirst() where recent[i].ordinal != recent[i - 1].ordinal + 1 {
            return .cannotBeCalculated(.gap)
        }
        var sample = WeightedSample()
        let last = recent[recent.endIndex - 1].ordinal
        for point in recent {
            guard let lower = point.lower95, let upper = point.upper95,
                  lower.isFinite, upper.isFinite, point.value.isFinite else {
                return .cannotBeCalculated(.intervalMissing)
            }
            if let numerator = point.numerator, let denominator = point.denominator, numerator == denominator {
                return .cannotBeCalculated(.countEqualsDenominator)
            }
            if upper < lower { return .cannotBeCalculated(.reversedInterval) }
            let se = (upper - lower) / (2 * z95)
            guard se > 0 else { return .cannotBeCalculated(.zeroWidthInterval) }
            sample.append(x: Double(point.ordinal - last), y: point.value, w: 1 / (se * se))
        }
        let full = WeightedLine(sample)
        let chiSquared = full.sxy * full.sxy / full.sxx
        let slope = full.slope
        guard chiSquared > threshold, slope != 0 else {
            return TrendResult(label: .noSignificantChange, chiSquared: chiSquared, slope: slope)
        }
        for left in 0..<pointCount where !(WeightedLine(sample, leavingOut: left).slope * slope > 0) {
            return TrendResult(label: .noSignificantChange, chiSquared: chiSquared, slope: slope)
        }
        return TrendResult(label: .significant(slope: slope, polarity: polarity),
                           chiSquared: chiSquared, slope: slope)
    }
}
