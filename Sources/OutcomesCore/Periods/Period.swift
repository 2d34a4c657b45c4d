/// A typed reporting period: a calendar, financial or academic year, a quarter or a month.
///
/// Periods order correctly within a type and step to the next or previous period:
/// ```swift
/// let p = try Period.parse("2024-25", as: .financial)
/// p.next.description      // "2025-26"
/// p.firstDay              // 2024-04-01
/// ```
public struct Period: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let type: PeriodType
    /// The year the period starts in (financial `2024-25` and academic `2024/25` start in 2024).
    public let year: Int
    /// Quarter 1–4 or month 1–12; 0 for the year types.
    public let index: Int

    /// The years a period may fall in; outside this a value is a typo, not history.
    public static let years: ClosedRange<Int> = 1900...2199

    public init?(type: PeriodType, year: Int, index: Int = 0) {
        guard Period.years.contains(year) else { return nil }
        switch type {
        case .calendar, .financial, .academic: guard index == 0 else { return nil }
        case .quarter: guard (1...4).contains(index) else { return nil }
        case .month: guard (1...12).contains(index) else { return nil }
        }
        self.type = type
        self.year = year
        self.index = index
    }

    /// A position that increases by one from each period to the next within a type.
    public var ordinal: Int {
        switch type {
        case .calendar, .financial, .academic: year
        case .quarter: year * 4 + index - 1
        case .month: year * 12 + index - 1
        }
    }

    init(type: PeriodType, ordinal: Int) {
        self.type = type
        switch type {
        case .calendar, .financial, .academic:
            year = ordinal; index = 0
        case .quarter:
            year = ordinal / 4; index = ordinal % 4 + 1
        case .month:
            year = ordinal / 12; index = ordinal % 12 + 1
        }
    }

    public var next: Period { Period(type: type, ordinal: ordinal + 1) }
    public var previous: Period { Period(type: type, ordinal: ordinal - 1) }

    /// The period `n` steps away (negative goes back).
    public func advanced(by n: Int) -> Period { Period(type: type, ordinal: ordinal + n) }

    /// The number of periods from `self` to `other` (same type).
    public func distance(to other: Period) -> Int { other.ordinal - ordinal }

    /// Orders by type first, so a mixed collection sorts deterministically; within a type, by time.
    public static func < (lhs: Period, rhs: Period) -> Bool {
        if lhs.type != rhs.type {
            return lhs.type.rank < rhs.type.rank
        }
        return lhs.ordinal < rhs.ordinal
    }

    /// The first day the period covers.
    public var firstDay: CivilDate {
        let (y, m): (Int, Int) = switch type {
        case .calendar: (year, 1)
        case .financial: (year, 4)
        case .academic: (year, 9)
        case .quarter: (year, (index - 1) * 3 + 1)
        case .month: (year, index)
        }
        return CivilDate(year: y, month: m, day: 1)!
    }

    /// The last day the period covers.
    public var lastDay: CivilDate {
        let (y, m): (Int, Int) = switch type {
        case .calendar: (year, 12)
        case .financial: (year + 1, 3)
        case .academic: (year + 1, 8)
        case .quarter: (year, index * 3)
        case .month: (year, index)
        }
        return CivilDate(year: y, month: m, day: CivilDate.daysIn(month: m, year: y))!
    }

    /// The canonical form: `2024`, `2024-25`, `2024/25`, `2024-Q3`, `2024-07`.
    public var description: String {
        let next2 = String((year + 1) % 100)
        let yy = next2.count == 1 ? "0" + next2 : next2
        switch type {
        case .calendar: return String(year)
        case .financial: return "\(year)-\(yy)"
        case .academic: return "\(year)/\(yy)"
        case .quarter: return "\(year)-Q\(index)"
        case .month: return index < 10 ? "\(year)-0\(index)" : "\(year)-\(index)"
        }
    }
}
