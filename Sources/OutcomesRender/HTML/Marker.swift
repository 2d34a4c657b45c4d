import OutcomesCore

/// How an area compares with Wales, as the charts draw it: a colour and a shape each (colour is
/// never the only cue), and words for the table and the text equivalents. `higher`/`lower` are
/// the no-judgement palette (an indicator whose direction is neither good nor bad).
package enum Marker: String, Sendable, CaseIterable {
    case better, similar, worse, higher, lower, none

    package init(_ level: ComparisonLevels?) {
        switch level {
        case .best, .better: self = .better
        case .similar: self = .similar
        case .worst, .worse: self = .worse
        case .higher, .higherAt99_8: self = .higher
        case .lower, .lowerAt99_8: self = .lower
        case .notCompared, nil: self = .none
        }
    }

    package func words(_ welsh: Bool) -> String {
        switch self {
        case .better: Words.t("better than Wales", "gwell na Chymru", welsh)
        case .similar: Words.t("similar to Wales", "tebyg i Gymru", welsh)
        case .worse: Words.t("worse than Wales", "gwaeth na Chymru", welsh)
        case .higher: Words.t("higher than Wales", "uwch na Chymru", welsh)
        case .lower: Words.t("lower than Wales", "is na Chymru", welsh)
        case .none: Words.t("not compared", "heb ei gymharu", welsh)
        }
    }

    /// The shape's name, for the key.
    package func shapeWords(_ welsh: Bool) -> String {
        switch self {
        case .better: Words.t("circle", "cylch", welsh)
        case .similar: Words.t("diamond", "diemwnt", welsh)
        case .worse: Words.t("square", "sgwâr", welsh)
        case .higher: Words.t("triangle up", "triongl i fyny", welsh)
        case .lower: Words.t("triangle down", "triongl i lawr", welsh)
        case .none: Words.t("open circle", "cylch gwag", welsh)
        }
    }

    /// The marker centred on (x, y), about 12 px across.
    package func svg(x: Double, y: Double) -> String {
        let cx = HTMLText.coordinate(x), cy = HTMLText.coordinate(y)
        func p(_ dx: Double, _ dy: Double) -> String { HTMLText.coordinate(x + dx) + "," + HTMLText.coordinate(y + dy) }
        switch self {
        case .better: return "<circle class=\"m better\" cx=\"\(cx)\" cy=\"\(cy)\" r=\"6\"/>"
        case .none: return "<circle class=\"m none\" cx=\"\(cx)\" cy=\"\(cy)\" r=\"5.5\"/>"
        case .similar: return "<polygon class=\"m similar\" points=\"\(p(0, -7)) \(p(7, 0)) \(p(0, 7)) \(p(-7, 0))\"/>"
        case .worse: return "<rect class=\"m worse\" x=\"\(HTMLText.coordinate(x - 5.5))\" y=\"\(HTMLText.coordinate(y - 5.5))\" width=\"11\" height=\"11\"/>"
        case .higher: return "<polygon class=\"m higher\" points=\"\(p(0, -7)) \(p(7, 6)) \(p(-7, 6))\"/>"
        case .lower: return "<polygon class=\"m lower\" points=\"\(p(0, 7)) \(p(7, -6)) \(p(-7, -6))\"/>"
        }
    }
}

/// The trend of the recent periods as an arrow and words (the arrow is hidden from screen
/// readers, the words are not).
package enum TrendMark {
    package static func arrow(_ t: TrendLabel?) -> String {
        switch t {
        case .increasingAndGettingBetter, .increasingAndGettingWorse, .increasing: "↑"
        case .decreasingAndGettingBetter, .decreasingAndGettingWorse, .decreasing: "↓"
        case .noSignificantChange: "→"
        case .cannotBeCalculated, nil: "·"
        }
    }

    package static func words(_ t: TrendLabel?, _ welsh: Bool) -> String {
        switch t {
        case .increasingAndGettingBetter: Words.t("increasing and getting better", "cynyddu ac yn gwella", welsh)
        case .increasingAndGettingWorse: Words.t("increasing and getting worse", "cynyddu ac yn gwaethygu", welsh)
        case .decreasingAndGettingBetter: Words.t("decreasing and getting better", "gostwng ac yn gwella", welsh)
        case .decreasingAndGettingWorse: Words.t("decreasing and getting worse", "gostwng ac yn gwaethygu", welsh)
        case .increasing: Words.t("increasing", "cynyddu", welsh)
        case .decreasing: Words.t("decreasing", "gostwng", welsh)
        case .noSignificantChange: Words.t("no significant change", "dim newid arwyddocaol", welsh)
        case .cannotBeCalculated, nil: Words.t("trend not assessed", "tuedd heb ei hasesu", welsh)
        }
    }

    /// `<span>` with the arrow (aria-hidden) and the words (visually hidden), in the trend's class.
    package static func html(_ t: TrendLabel?, _ welsh: Bool) -> String {
        let words = HTMLText.escape(words(t, welsh))
        return "<span class=\"trend\" title=\"\(words)\"><span aria-hidden=\"true\">\(arrow(t))</span><span class=\"vh\">\(words)</span></span>"
    }
}
