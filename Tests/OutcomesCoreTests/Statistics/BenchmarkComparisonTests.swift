import Testing
import OutcomesCore

@Suite("Benchmark comparison")
struct BenchmarkComparisonTests {
    // An area with value 50: 95% interval [45, 55], 99.8% interval [42, 58].
    static let ci95 = Interval(lower: 45, upper: 55)
    static let ci998 = Interval(lower: 42, upper: 58)

    /// Where the benchmark sits relative to the area's intervals.
    enum Position: CaseIterable {
        case belowBoth      // 40: area significantly higher at 99.8%
        case between998And95Below  // 43: higher at 95% only
        case inside         // 50
        case between95And998Above  // 57: lower at 95% only
        case aboveBoth      // 60: area significantly lower at 99.8%

        var benchmark: Double {
            switch self {
            case .belowBoth: 40
            case .between998And95Below: 43
            case .inside: 50
            case .between95And998Above: 57
            case .aboveBoth: 60
            }
        }
    }

    @Test("every category under each polarity", arguments: [
        (Indicator.Polarity.highIsGood, Position.belowBoth, Comparison.better, ComparisonLevels.best),
        (.highIsGood, .between998And95Below, .better, .better),
        (.highIsGood, .inside, .similar, .similar),
        (.highIsGood, .between95And998Above, .worse, .worse),
        (.highIsGood, .aboveBoth, .worse, .worst),
        (.lowIsGood, .belowBoth, .worse, .worst),
        (.lowIsGood, .between998And95Below, .worse, .worse),
        (.lowIsGood, .inside, .similar, .similar),
        (.lowIsGood, .between95And998Above, .better, .better),
        (.lowIsGood, .aboveBoth, .better, .best),
        (.noJudgement, .belowBoth, .higher, .higherAt99_8),
        (.noJudgement, .between998And95Below, .higher, .higher),
        (.noJudgement, .inside, .similar, .similar),
        (.noJudgement, .between95And998Above, .lower, .lower),
        (.noJudgement, .aboveBoth, .lower, .lowerAt99_8),
    ])
    func categories(polarity: Indicator.Polarity, position: Position, at95: Comparison, levels: ComparisonLevels) {
        let result = BenchmarkComparison.compare(interval95: Self.ci95, interval998: Self.ci998,
                                                 benchmark: position.benchmark, polarity: polarity)
        #expect(result == BenchmarkComparison(at95: at95, levels: levels))
        #expect(Comparison.compare(interval: Self.ci95, benchmark: position.benchmark, polarity: polarity) == at95)
    }

    @Test("a benchmark on the end of the 95% interval is similar", arguments: [45.0, 55.0])
    func boundaryIsSimilar(benchmark: Double) {
        let result = BenchmarkComparison.compare(interval95: Self.ci95, interval998: Self.ci998,
                                                 benchmark: benchmark, polarity: .highIsGood)
        #expect(result == BenchmarkComparison(at95: .similar, levels: .similar))
    }

    @Test("missing data is not compared", arguments: Indicator.Polarity.allCases)
    func missing(polarity: Indicator.Polarity) {
        let noBenchmark = BenchmarkComparison.compare(interval95: Self.ci95, interval998: Self.ci998,
                                                      benchmark: nil, polarity: polarity)
        #expect(noBenchmark == BenchmarkComparison(at95: .notCompared, levels: .notCompared))
        let noInterval = BenchmarkComparison.compare(interval95: nil, interval998: Self.ci998,
                                                     benchmark: 40, polarity: polarity)
        #expect(noInterval == BenchmarkComparison(at95: .notCompared, levels: .notCompared))
        let nanBenchmark = BenchmarkComparison.compare(interval95: Self.ci95, interval998: Self.ci998,
                                                       benchmark: .nan, polarity: polarity)
        #expect(nanBenchmark.at95 == .notCompared)
    }

    @Test("with only a 95% interval (a supplied one) the three-level result stands and the five-level is not compared")
    func onlyNinetyFive() {
        let result = BenchmarkComparison.compare(interval95: Self.ci95, interval998: nil, benchmark: 40, polarity: .highIsGood)
        #expect(result == BenchmarkComparison(at95: .better, levels: .notCompared))
    }

    @Test("raw values are the snake_case names stored and shown")
    func rawValues() {
        #expect(Comparison.notCompared.rawValue == "not_compared")
        #expect(ComparisonLevels.higherAt99_8.rawValue == "higher_99_8")
        #expect(ComparisonLevels.allCases.map(\.rawValue) == [
            "best", "better", "similar", "worse", "worst", "higher", "lower", "higher_99_8", "lower_99_8", "not_compared",
        ])
    }
}
