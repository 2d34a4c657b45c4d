/// A closed confidence interval [lower, upper], in the units of the value it surrounds.
///
/// ```swift
/// let ci = Interval(lower: 55.3, upper: 73.6)
/// ci.contains(60)   // true
/// ```
public struct Interval: Sendable, Hashable {
    public var lower: Double
    public var upper: Double

    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// Whether `value` lies in the interval, ends included (a benchmark on the boundary counts as
    /// inside, as in Fingertips' comparisons).
    public func contains(_ value: Double) -> Bool {
        value >= lower && value <= upper
    }

    /// Whether `other` lies wholly within this interval.
    public func encloses(_ other: Interval) -> Bool {
        lower <= other.lower && other.upper <= upper
    }

    /// Whether the two intervals share at least one point.
    public func overlaps(_ other: Interval) -> Bool {
        lower <= other.upper && other.lower <= upper
    }

    /// upper − lower.
    public var width: Double { upper - lower }
}
