/// An area's value compared with a benchmark, at the 95% level and at both levels.
///
/// ```swift
/// let c = BenchmarkComparison.compare(interval95: Interval(lower: 10, upper: 12),
///                                     interval998: Interval(lower: 9.4, upper: 12.7),
///                                     benchmark: 13, polarity: .highIsGood)
/// c.at95     // .worse
/// c.levels   // .worst (13 is outside the 99.8% interval too)
/// ```
public struct BenchmarkComparison: Sendable, Hashable {
    /// Three categories from the 95% interval: better / similar / worse (higher / lower for
    /// no-judgement indicators), or not compared.
    public var at95: Comparison
    /// Five categories from both intervals: best / better / similar / worse / worst (for
    /// no-judgement indicators higher_99_8 / higher / similar / lower / lower_99_8), or not compared.
    /// Needs both intervals: with the 95% interval alone (e.g. a supplied interval) it is not compared.
    public var levels: ComparisonLevels

    public init(at95: Comparison, levels: ComparisonLevels) {
        self.at95 = at95
        self.levels = levels
    }

    /// Fingertips' benchmarking rule with both confidence levels (OHID Fingertips public health
    /// profiles, "compared with benchmark" at 95% and 99.8%): the benchmark inside the area's 95%
    /// interval → similar; outside it, better/worse by polarity (higher/lower for no judgement);
    /// and outside the 99.8% interval as well → best/worst. Missing intervals or benchmark → not
    /// compared.
    public static func compare(interval95: Interval?, interval998: Interval?, benchmark: Double?,
                               polarity: Indicator.Polarity) -> BenchmarkComparison {
        let at95 = Comparison.compare(interval: interval95, benchmark: benchmark, polarity: polarity)
        guard interval998 != nil else { return BenchmarkComparison(at95: at95, levels: .notCompared) }
        let at998 = Comparison.compare(interval: interval998, benchmark: benchmark, polarity: polarity)
        let levels: ComparisonLevels = switch (at95, at998) {
        case (.notCompared, _), (_, .notCompared): .notCompared
        case (.similar, _): .similar
        case (.better, .better): .best
        case (.worse, .worse): .worst
        case (.higher, .higher): .higherAt99_8
        case (.lower, .lower): .lowerAt99_8
        case (.better, _): .better
        case (.worse, _): .worse
        case (.higher, _): .higher
        case (.lower, _): .lower
        }
        return BenchmarkComparison(at95: at95, levels: levels)
    }
}
