/// How an area's value compares with a benchmark (Wales, or the parent health board) at the 95%
/// level — Fingertips' three categories, with "higher"/"lower" for indicators without a judgement.
public enum Comparison: String, Sendable, Hashable, CaseIterable {
    case better
    case similar
    case worse
    case higher
    case lower
    case notCompared = "not_compared"

    /// Fingertips' benchmarking rule at one level (OHID Fingertips public health profiles, "compared
    /// with benchmark", as described in its technical guidance and APHO Technical Briefing 3,
    /// Eayres D (2008)): the benchmark inside the area's interval (ends included) → similar;
    /// otherwise the area is significantly higher or lower, which is better or worse according to
    /// the polarity, or plain higher/lower for no-judgement indicators. A missing interval or
    /// benchmark → not compared.
    public static func compare(interval: Interval?, benchmark: Double?,
                               polarity: Indicator.Polarity) -> Comparison {
        guard let interval, let benchmark, benchmark.isFinite,
              interval.lower.isFinite, interval.upper.isFinite else { return .notCompared }
        if interval.contains(benchmark) { return .similar }
        let areaIsHigher = interval.lower > benchmark
        switch polarity {
        case .highIsGood: return areaIsHigher ? .better : .worse
        case .lowIsGood: return areaIsHigher ? .worse : .better
        case .noJudgement: return areaIsHigher ? .higher : .lower
        }
    }
}
