/// One stored observation as the measures engine reads it: integer keys from the store, the
/// numbers as supplied. `derived` points are made by ``Aggregation`` from the areas below.
public struct ObservationPoint: Sendable, Hashable {
    public var indicator: Int32
    public var area: Int32
    public var breakdown: Int16
    public var period: Period
    public var numerator: Double?
    public var denominator: Double?
    public var value: Double?
    public var lower: Double?
    public var upper: Double?
    public var notes: String
    public var derived: Bool

    public init(indicator: Int32, area: Int32, breakdown: Int16, period: Period, numerator: Double?, denominator: Double?,
                value: Double?, lower: Double?, upper: Double?, notes: String, derived: Bool = false) {
        self.indicator = indicator
        self.area = area
        self.breakdown = breakdown
        self.period = period
        self.numerator = numerator
        self.denominator = denominator
        self.value = value
        self.lower = lower
        self.upper = upper
        self.notes = notes
        self.derived = derived
    }
}
