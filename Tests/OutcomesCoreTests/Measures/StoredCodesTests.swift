import Testing
import OutcomesCore

@Suite("Stored category codes")
struct StoredCodesTests {
    @Test("every comparison category keeps its stored code")
    func comparisonCodes() {
        let pinned: [ComparisonLevels: Int16] = [
            .notCompared: 0, .best: 1, .better: 2, .similar: 3, .worse: 4, .worst: 5,
            .higher: 6, .lower: 7, .higherAt99_8: 8, .lowerAt99_8: 9,
        ]
        #expect(pinned.count == ComparisonLevels.allCases.count)
        for category in ComparisonLevels.allCases {
            #expect(category.code == pinned[category], "\(category)")
            #expect(ComparisonLevels(code: category.code) == category)
        }
    }

    @Test("every trend label keeps its stored code")
    func trendCodes() {
        let pinned: [TrendLabel: Int16] = [
            .cannotBeCalculated: 0, .increasingAndGettingBetter: 1, .increasingAndGettingWorse: 2,
            .decreasingAndGettingBetter: 3, .decreasingAndGettingWorse: 4, .increasing: 5, .decreasing: 6,
            .noSignificantChange: 7,
        ]
        #expect(pinned.count == TrendLabel.allCases.count)
        for label in TrendLabel.allCases {
            #expect(label.code == pinned[label], "\(label)")
            #expect(TrendLabel(code: label.code) == label)
        }
    }

    @Test("a number no category stands for decodes to nil")
    func unknownCodes() {
        for code: Int16 in [-1, 10, 99, .max, .min] { #expect(ComparisonLevels(code: code) == nil) }
        for code: Int16 in [-1, 8, 99, .max, .min] { #expect(TrendLabel(code: code) == nil) }
    }

    @Test("the stored comparison is the five-level category, else the 95% one")
    func storedCategory() {
        #expect(BenchmarkComparison(at95: .worse, levels: .worst).category == .worst)
        #expect(BenchmarkComparison(at95: .better, levels: .notCompared).category == .better)
        #expect(BenchmarkComparison(at95: .higher, levels: .notCompared).category == .higher)
        #expect(BenchmarkComparison.notCompared.category == .notCompared)
        for at95 in Comparison.allCases { #expect(ComparisonLevels(at95).rawValue == at95.rawValue) }
    }
}
