/// The latest point of one series in a run, as the roll-ups read it.
public struct LatestMeasure: Sendable, Hashable {
    public var indicator: String
    public var area: String
    public var breakdown: String
    public var period: String
    public var value: Double?
    public var vsWales: ComparisonLevels
    /// The comparison with the area's Local Health Board (local authorities only).
    public var vsBoard: ComparisonLevels
    public var trend: TrendLabel
    public var targetMet: Bool?
    public var stale: Bool?
    public var gap: Double?
    public var gapSignificant: Bool?
    /// The point's numerator and denominator, for small-number suppression of the roll-ups.
    public var numerator: Double?
    public var denominator: Double?

    public init(indicator: String, area: String, breakdown: String, period: String, value: Double?, vsWales: ComparisonLevels,
                vsBoard: ComparisonLevels = .notCompared, trend: TrendLabel, targetMet: Bool?, stale: Bool?, gap: Double?, gapSignificant: Bool?,
                numerator: Double? = nil, denominator: Double? = nil) {
        self.indicator = indicator
        self.area = area
        self.breakdown = breakdown
        self.period = period
        self.value = value
        self.vsWales = vsWales
        self.vsBoard = vsBoard
        self.trend = trend
        self.targetMet = targetMet
        self.stale = stale
        self.gap = gap
        self.gapSignificant = gapSignificant
        self.numerator = numerator
        self.denominator = denominator
    }
}
