/// The gap between a priority group (a breakdown such as care-experienced children) and `all` in the
/// same area and period.
///
/// ```swift
/// EquityGap.between(group: 41.0, groupInterval: Interval(lower: 35.2, upper: 47.0),
///                   all: 62.0, allInterval: Interval(lower: 61.1, upper: 62.9))
/// // difference −21, intervalsOverlap false, significant true
/// ```
public struct EquityGap: Sendable, Hashable {
    /// group − all, in the value's units.
    public var difference: Double
    /// Whether the two 95% intervals share a point; nil when either is missing.
    public var intervalsOverlap: Bool?
    /// Whether the gap counts as significant: the 95% intervals do not overlap; nil when either is
    /// missing.
    public var significant: Bool?

    public init(difference: Double, intervalsOverlap: Bool?, significant: Bool?) {
        self.difference = difference
        self.intervalsOverlap = intervalsOverlap
        self.significant = significant
    }

    /// The difference and the overlap test of the two 95% intervals. Non-overlap is a conservative
    /// test (two intervals may overlap although the difference is significant; Schenker N,
    /// Gentleman JF (2001), "On judging the significance of differences by examining the overlap
    /// between confidence intervals", The American Statistician 55:182–186), chosen because readers
    /// can check it against the intervals they see.
    public static func between(group: Double, groupInterval: Interval?, all: Double,
                               allInterval: Interval?) -> EquityGap {
        let overlap: Bool? = if let groupInterval, let allInterval {
            groupInterval.overlaps(allInterval)
        } else {
            nil
        }
        return EquityGap(difference: group - all, intervalsOverlap: overlap, significant: overlap.map { !$0 })
    }
}
