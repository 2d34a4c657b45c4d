/// Whether an indicator's feed is late: its latest due period has no observation for any area.
///
/// A period is due on its last day + the indicator's `publication_lag_months` (per-type default
/// when not given) + `grace_days`. So the latest due period on `today` is the latest period whose
/// publication month has passed by `today − grace_days` (``Staleness/latestExpectedPeriod``).
///
/// ```swift
/// // Financial years, lag 6 months, grace 30 days: on 2025-10-30 the 2024-25 year is due.
/// LateFeed.check(indicator, latestObserved: Period(type: .financial, year: 2023)!, graceDays: 30,
///                today: CivilDate(year: 2025, month: 10, day: 30)!)   // late, period 2024-25
/// ```
public struct LateFeed: Hashable, Sendable {
    /// The latest period due by now.
    public var period: Period
    /// The day it became due (its last day + lag + grace).
    public var due: CivilDate
    /// No observation of `period` (or later) exists.
    public var isLate: Bool

    public static func check(_ indicator: Indicator, latestObserved: Period?, graceDays: Int, today: CivilDate) -> LateFeed {
        let shifted = today.adding(days: -max(0, graceDays))
        // A discontinued indicator expects nothing after its last published period.
        let period = Staleness.latestExpectedPeriod(for: indicator, today: shifted)
        let due = dueDate(period, lagMonths: indicator.publicationLagMonths, graceDays: graceDays)
        let isLate = latestObserved.map { Staleness.isStale(latest: $0, expected: period) } ?? true
        return LateFeed(period: period, due: due, isLate: isLate)
    }

    /// The period's last day, moved to the end of the month `lagMonths` later, plus the grace days.
    public static func dueDate(_ period: Period, lagMonths: Int, graceDays: Int) -> CivilDate {
        let end = period.lastDay
        let months = end.year * 12 + end.month - 1 + max(0, lagMonths)
        let (y, m0) = months.quotientAndRemainder(dividingBy: 12)
        let monthEnd = CivilDate(year: y, month: m0 + 1, day: CivilDate.daysIn(month: m0 + 1, year: y)) ?? end
        return monthEnd.adding(days: max(0, graceDays))
    }
}
