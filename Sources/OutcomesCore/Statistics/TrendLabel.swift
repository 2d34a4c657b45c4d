/// Fingertips' recent-trend labels (snake_case raw values for JSON and text; stored as ``code``).
public enum TrendLabel: String, Sendable, Hashable, CaseIterable, Codable {
    case increasingAndGettingBetter = "increasing_and_getting_better"
    case increasingAndGettingWorse = "increasing_and_getting_worse"
    case decreasingAndGettingBetter = "decreasing_and_getting_better"
    case decreasingAndGettingWorse = "decreasing_and_getting_worse"
    /// Significant increase of a no-judgement indicator.
    case increasing
    /// Significant decrease of a no-judgement indicator.
    case decreasing
    case noSignificantChange = "no_significant_change"
    case cannotBeCalculated = "cannot_be_calculated"

    /// The label for a significant change in the direction of `slope`'s sign, read by `polarity`.
    static func significant(slope: Double, polarity: Indicator.Polarity) -> TrendLabel {
        let increasing = slope > 0
        switch polarity {
        case .highIsGood: return increasing ? .increasingAndGettingBetter : .decreasingAndGettingWorse
        case .lowIsGood: return increasing ? .increasingAndGettingWorse : .decreasingAndGettingBetter
        case .noJudgement: return increasing ? .increasing : .decreasing
        }
    }
}
