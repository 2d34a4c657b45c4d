/// The small-integer codes under which the categories are stored (`result.vs_wales`, `vs_board`,
/// `trend` and `result_latest`'s, as `smallint`). The numbers are explicit and fixed: never
/// renumber one or reuse a retired one (stored runs keep them); a new case takes a new number, and
/// migration 8's carry-over of the old text labels lists the same table.
///
/// ```swift
/// ComparisonLevels.worst.code           // 5
/// ComparisonLevels(code: 5)             // .worst
/// TrendLabel(code: 99)                  // nil: not a stored code
/// ```
extension ComparisonLevels {
    public var code: Int16 {
        switch self {
        case .notCompared: 0
        case .best: 1
        case .better: 2
        case .similar: 3
        case .worse: 4
        case .worst: 5
        case .higher: 6
        case .lower: 7
        case .higherAt99_8: 8
        case .lowerAt99_8: 9
        }
    }

    /// The category stored under `code`; nil for a number no category stands for.
    public init?(code: Int16) {
        switch code {
        case 0: self = .notCompared
        case 1: self = .best
        case 2: self = .better
        case 3: self = .similar
        case 4: self = .worse
        case 5: self = .worst
        case 6: self = .higher
        case 7: self = .lower
        case 8: self = .higherAt99_8
        case 9: self = .lowerAt99_8
        default: return nil
        }
    }
}

extension TrendLabel {
    public var code: Int16 {
        switch self {
        case .cannotBeCalculated: 0
        case .increasingAndGettingBetter: 1
        case .increasingAndGettingWorse: 2
        case .decreasingAndGettingBetter: 3
        case .decreasingAndGettingWorse: 4
        case .increasing: 5
        case .decreasing: 6
        case .noSignificantChange: 7
        }
    }

    /// The label stored under `code`; nil for a number no label stands for.
    public init?(code: Int16) {
        switch code {
        case 0: self = .cannotBeCalculated
        case 1: self = .increasingAndGettingBetter
        case 2: self = .increasingAndGettingWorse
        case 3: self = .decreasingAndGettingBetter
        case 4: self = .decreasingAndGettingWorse
        case 5: self = .increasing
        case 6: self = .decreasing
        case 7: self = .noSignificantChange
        default: return nil
        }
    }
}
