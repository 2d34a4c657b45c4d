/// Judges one point of a series under one rule: does the fire condition hold, the clear
/// condition, or (threshold rules only) neither? `nil` means the period has no data for this rule
/// (no value, no comparison, trend not calculable…): a gap, which ``AlertMachine`` skips.
///
/// ```swift
/// let rule = AlertRule(name: "high", kind: .threshold, side: .above, level: 12, clearLevel: 10)
/// AlertCondition.judge(row, rule: rule, polarity: .lowIsGood)   // 11 → .between
/// ```
public enum AlertCondition {
    public static func judge(_ row: MeasureRow, rule: AlertRule, polarity: Indicator.Polarity) -> AlertMachine.Judgement? {
        switch rule.kind {
        case .threshold:
            guard let value = row.value, let side = rule.side, let level = rule.level else { return nil }
            return threshold(value, side: side, level: level, clear: rule.clearLevel ?? level)
        case .change:
            guard let change = row.change, let size = rule.changeSize else { return nil }
            let worseUp: Bool
            switch polarity {
            case .lowIsGood: worseUp = true
            case .highIsGood: worseUp = false
            case .noJudgement:
                guard let direction = rule.direction else { return nil }
                worseUp = direction == .above
            }
            // The change in the worse direction, in the rule's terms (positive = worse).
            switch size {
            case let .absolute(by):
                return judge((worseUp ? change.absolute : -change.absolute) >= by)
            case let .percent(by):
                guard let relative = change.relative else { return nil }
                return judge((worseUp ? relative : -relative) * 100 >= by)
            }
        case .benchmark:
            let comparison = rule.against == .wales ? row.vsWales : row.vsBoard
            return benchmark(comparison, confidence: rule.confidence)
        case .trend:
            return trend(row.trend.label)
        case .redRed:
            guard let worse = benchmark(row.vsWales, confidence: .percent95), let getting = trend(row.trend.label) else { return nil }
            return judge(worse == .holds && getting == .holds)
        case .target:
            guard let met = row.targetMet else { return nil }
            return judge(!met)
        case .gap:
            guard let gap = row.gap, let significant = gap.significant else { return nil }
            let behind: Bool
            switch polarity {
            case .highIsGood: behind = gap.difference < 0
            case .lowIsGood: behind = gap.difference > 0
            case .noJudgement: return nil
            }
            return judge(significant && behind)
        case .lateFeed:
            return nil
        }
    }

    /// Hysteresis: fire past `level`, clear only past `clear` (on the other side).
    public static func threshold(_ value: Double, side: AlertRule.Side, level: Double, clear: Double) -> AlertMachine.Judgement {
        switch side {
        case .above: value > level ? .holds : (value < clear || (clear == level && value <= level) ? .clears : .between)
        case .below: value < level ? .holds : (value > clear || (clear == level && value >= level) ? .clears : .between)
        }
    }

    static func judge(_ holds: Bool) -> AlertMachine.Judgement { holds ? .holds : .clears }

    static func benchmark(_ comparison: BenchmarkComparison, confidence: ConfidenceLevel) -> AlertMachine.Judgement? {
        switch confidence {
        case .percent95:
            guard comparison.at95 != .notCompared else { return nil }
            return judge(comparison.at95 == .worse)
        case .percent99_8:
            guard comparison.levels != .notCompared else { return nil }
            return judge(comparison.levels == .worst)
        }
    }

    static func trend(_ label: TrendLabel) -> AlertMachine.Judgement? {
        switch label {
        case .cannotBeCalculated: nil
        case .increasingAndGettingWorse, .decreasingAndGettingWorse: .holds
        default: .clears
        }
    }
}
