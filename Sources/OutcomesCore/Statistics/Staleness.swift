/// Whether a series is up to date, from its period type and the publication lag in the catalogue.
///
/// ```swift
/// // Financial years published 6 months after 31 March; on 2025-09-30 the 2024-25 year is due.
/// Staleness.latestExpectedPeriod(type: .financial, publicationLagMonths: 6,
///                                today: CivilDate(year: 2025, month: 9, day: 30)!)   // 2024-25
/// ```
public enum Staleness {
    /// The latest period that should be published by `today`: the latest period whose last day plus
    /// `publicationLagMonths` calendar months is on or before today. Adding months to a period's last
    /// day (always a month end) gives the end of the month `lag` months later, so the period is due
    /// once that whole month has passed or today is its last day.
    ///
    /// A negative lag counts as 0; lags beyond 1,200 months (a century) are capped there.
    public static func latestExpectedPeriod(type: PeriodType, publicationLagMonths: Int,
                                            today: CivilDate) -> Period {
        let lag = min(max(publicationLagMonths, 0), 1_200)
        let todayMonth = monthIndex(year: today.year, month: today.month)
        let isMonthEnd = today.day == CivilDate.daysIn(month: today.month, year: today.year)
        let lastCompleteMonth = isMonthEnd ? todayMonth : todayMonth - 1
        let target = lastCompleteMonth - lag
        var ordinal = ordinalContaining(monthIndex: target, type: type)
        if lastMonthIndex(ordinal: ordinal, type: type) > target { ordinal -= 1 }
        return Period(type: type, ordinal: ordinal)
    }

    /// The latest period that should be published by `today` for `indicator`, from its period type
    /// and publication lag; for a discontinued indicator never later than its last published period
    /// (``Indicator/discontinuedAfter``), since nothing after it will come: a series holding that
    /// period is current for good, and no stale mark or late-feed alert follows from the ending.
    /// Staleness and the late-feed rule should both ask this, not the period type alone.
    public static func latestExpectedPeriod(for indicator: Indicator, today: CivilDate) -> Period {
        let expected = latestExpectedPeriod(type: indicator.periodType, publicationLagMonths: indicator.publicationLagMonths,
                                            today: today)
        guard let last = indicator.discontinuedAfter, isStale(latest: last, expected: expected) else { return expected }
        return last
    }

    /// Whether the latest period a series has is older than the expected one. Periods of different
    /// types compare by the month each ends in.
    public static func isStale(latest: Period, expected: Period) -> Bool {
        if latest.type == expected.type { return latest.ordinal < expected.ordinal }
        return lastMonthIndex(ordinal: latest.ordinal, type: latest.type)
            < lastMonthIndex(ordinal: expected.ordinal, type: expected.type)
    }

    /// Months since January of year 0 (January 2025 → 2025·12).
    private static func monthIndex(year: Int, month: Int) -> Int { year * 12 + month - 1 }

    /// The ordinal (see `Period.ordinal`) of the period of `type` that contains the month.
    private static func ordinalContaining(monthIndex m: Int, type: PeriodType) -> Int {
        let (year, month0) = m.quotientAndRemainder(dividingBy: 12)
        switch type {
        case .calendar: return year
        case .financial: return month0 >= 3 ? year : year - 1
        case .academic: return month0 >= 8 ? year : year - 1
        case .quarter: return m / 3
        case .month: return m
        }
    }

    /// The month index of the last month of the period with this ordinal.
    private static func lastMonthIndex(ordinal: Int, type: PeriodType) -> Int {
        switch type {
        case .calendar: return ordinal * 12 + 11
        case .financial: return (ordinal + 1) * 12 + 2
        case .academic: return (ordinal + 1) * 12 + 7
        case .quarter: return ordinal * 3 + 2
        case .month: return ordinal
        }
    }
}
