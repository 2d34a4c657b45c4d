/// Every measure of one point of a series (indicator × area × breakdown × period) in a run.
public struct MeasureRow: Sendable, Hashable {
    public var indicator: Int32
    public var area: Int32
    public var breakdown: Int16
    public var period: Period
    public var value: Double?
    public var interval95: Interval?
    public var interval998: Interval?
    public var numerator: Double?
    public var denominator: Double?
    public var derived: Bool
    public var notes: String
    /// Compared with Wales (not compared for Wales itself).
    public var vsWales: BenchmarkComparison
    /// Compared with the area's health board in the period (not compared for boards and Wales).
    public var vsBoard: BenchmarkComparison
    /// The recent trend of the five points ending here.
    public var trend: TrendResult
    /// From the previous consecutive period.
    public var change: Change?
    /// 1 (best fifth) to 5 among the local authorities, for local authorities.
    public var quintile: Int?
    /// nil when the indicator has no target.
    public var targetMet: Bool?
    /// For the latest point of a series: whether a newer period should exist by now; nil on
    /// every other point, so a series's latest point is the one row where it is set.
    public var stale: Bool?
    /// For a priority group: its difference from `all` in the same area and period.
    public var gap: EquityGap?

    public init(indicator: Int32, area: Int32, breakdown: Int16, period: Period, value: Double?, interval95: Interval?,
                interval998: Interval?, numerator: Double?, denominator: Double?, derived: Bool, notes: String,
                vsWales: BenchmarkComparison, vsBoard: BenchmarkComparison, trend: TrendResult, change: Change?,
                quintile: Int?, targetMet: Bool?, stale: Bool?, gap: EquityGap?) {
        self.indicator = indicator
        self.area = area
        self.breakdown = breakdown
        self.period = period
        self.value = value
        self.interval95 = interval95
        self.interval998 = interval998
        self.numerator = numerator
        self.denominator = denominator
        self.derived = derived
        self.notes = notes
        self.vsWales = vsWales
        self.vsBoard = vsBoard
        self.trend = trend
        self.change = change
        self.quintile = quintile
        self.targetMet = targetMet
        self.stale = stale
        self.gap = gap
    }
}

extension BenchmarkComparison {
    /// Neither level compared.
    public static let notCompared = BenchmarkComparison(at95: .notCompared, levels: .notCompared)

    /// The category stored and shown: the five-level one when both intervals exist (best,
    /// better, similar, worse, worst), else the 95% one (better, similar, worse).
    public var category: ComparisonLevels { levels == .notCompared ? ComparisonLevels(at95) : levels }
}

extension ComparisonLevels {
    /// The same category at the 95% level alone (better, similar, worse, higher, lower, not compared).
    public init(_ at95: Comparison) {
        switch at95 {
        case .better: self = .better
        case .similar: self = .similar
        case .worse: self = .worse
        case .higher: self = .higher
        case .lower: self = .lower
        case .notCompared: self = .notCompared
        }
    }
}
