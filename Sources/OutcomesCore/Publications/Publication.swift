/// An admin's statement that figures are published: one indicator's period, or every period
/// through one (for one indicator, or for every indicator). A feed that would change a published
/// value is refused for those rows (code `period_published`) unless it confirms the revision.
///
/// "Through P" covers each period that ends on or before the last day of P, whatever its type:
/// through `2023-24` covers `2023-24`, its quarters and months, and calendar `2023`, but not
/// calendar `2024` (which ends after 31 March 2024).
/// ```swift
/// let p = Publication(id: 1, indicator: nil, scope: .through(try Period.parse("2023-24", as: .financial)))
/// p.covers(indicator: "looked_after_rate", period: try Period.parse("2023-24", as: .financial))   // true
/// p.covers(indicator: "looked_after_rate", period: try Period.parse("2024", as: .calendar))      // false
/// ```
public struct Publication: Sendable, Hashable {
    public enum Scope: Sendable, Hashable {
        /// Exactly this period (of the indicator's period type).
        case period(Period)
        /// Every period ending on or before this one's last day.
        case through(Period)
    }

    public var id: Int64
    /// The indicator key, or nil for every indicator.
    public var indicator: String?
    public var scope: Scope

    public init(id: Int64, indicator: String?, scope: Scope) {
        self.id = id
        self.indicator = indicator
        self.scope = scope
    }

    public func covers(indicator key: String, period: Period) -> Bool {
        if let indicator, indicator != key { return false }
        switch scope {
        case .period(let published): return published == period
        case .through(let last): return period.lastDay <= last.lastDay
        }
    }

    /// "looked_after_rate 2023-24", "every indicator through 2023-24".
    public var described: String {
        let what = indicator ?? "every indicator"
        switch scope {
        case .period(let p): return "\(what) \(p)"
        case .through(let p): return "\(what) through \(p)"
        }
    }
}

extension Array where Element == Publication {
    /// The first publication covering this indicator's period, if any.
    public func covering(indicator: String, period: Period) -> Publication? {
        first { $0.covers(indicator: indicator, period: period) }
    }
}
