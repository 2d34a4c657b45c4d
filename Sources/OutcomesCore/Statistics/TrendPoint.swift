/// One period of a series, as the recent-trend test reads it.
///
/// `ordinal` is `Period.ordinal` (consecutive periods differ by one); the interval is the 95% one;
/// numerator and denominator, when known, let the test refuse a series at 100%.
public struct TrendPoint: Sendable, Hashable {
    public var ordinal: Int
    public var value: Double
    public var lower95: Double?
    public var upper95: Double?
    public var numerator: Double?
    public var denominator: Double?

    public init(ordinal: Int, value: Double, lower95: Double?, upper95: Double?,
                numerator: Double? = nil, denominator: Double? = nil) {
        self.ordinal = ordinal
        self.value = value
        self.lower95 = lower95
        self.upper95 = upper95
        self.numerator = numerator
        self.denominator = denominator
    }
}
