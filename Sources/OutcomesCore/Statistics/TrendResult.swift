/// The outcome of the recent-trend test: the label, the test statistic and slope when they could be
/// computed, and the reason when the trend cannot be calculated.
public struct TrendResult: Sendable, Hashable {
    public var label: TrendLabel
    /// χ² = slope² / Var(slope), 1 degree of freedom; nil when not calculated.
    public var chiSquared: Double?
    /// The weighted least-squares slope, in value units per period; nil when not calculated.
    public var slope: Double?
    /// Why the trend cannot be calculated (one of `TrendUnavailableReason`'s messages); nil otherwise.
    public var reason: String?

    public init(label: TrendLabel, chiSquared: Double? = nil, slope: Double? = nil, reason: String? = nil) {
        self.label = label
        self.chiSquared = chiSquared
        self.slope = slope
        self.reason = reason
    }

    static func cannotBeCalculated(_ reason: TrendUnavailableReason) -> TrendResult {
        TrendResult(label: .cannotBeCalculated, reason: reason.rawValue)
    }
}

/// Why a recent trend cannot be calculated; the raw value is the message stored in
/// `TrendResult.reason`.
public enum TrendUnavailableReason: String, Sendable, Hashable, CaseIterable {
    case fewerThanFivePoints = "fewer than five points"
    case gap = "a gap in the last five periods"
    case intervalMissing = "an interval is missing"
    case countEqualsDenominator = "count equals denominator"
    case zeroWidthInterval = "an interval has zero width"
    case reversedInterval = "an interval's upper limit is below its lower limit"
}
