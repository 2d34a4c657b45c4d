public import OutcomesCore

/// One validated observation, ready to store.
///
/// Produced by ``RowValidator`` (through ``CSVFeedReader`` or ``JSONFeedReader``); every field has
/// already been checked against the catalogue, so the store can write it without further checks.
/// ```swift
/// var buffer: [UInt8] = []
/// for row in batch.rows { CopyText.append(row, to: &buffer) }
/// ```
public struct ObservationRow: Sendable, Hashable {
    /// The CSV physical line where the record starts (the header is line 1), or for JSON the
    /// 1-based index of the observation in its array; kept so a stored value can be traced back.
    public var line: Int
    public var indicator: String
    public var area: String
    public var breakdown: String
    public var period: Period
    public var numerator: Double?
    public var denominator: Double?
    /// Derived (numerator ÷ denominator × multiplier) for proportions and rates, as supplied
    /// otherwise; nil only when the notes contain `x` or `c` and the numbers were left out.
    public var value: Double?
    public var lower: Double?
    public var upper: Double?
    /// Normalised StatsWales note letters, sorted and de-duplicated ("pr"), or "".
    public var notes: String
    /// Why the value was sent again (the feed's optional `reason` column), or "".
    public var reason: String
    /// Where the validator found the indicator, area and breakdown in the catalogue (see
    /// ``CatalogueKeyOrder``): the store turns these into its integer ids by array lookups, so
    /// rows are staged keyed by id. nil for rows not built by a validator.
    public var positions: Positions?

    /// Catalogue positions: indexes into ``CatalogueKeyOrder``'s lists.
    public struct Positions: Sendable, Hashable {
        public var indicator: Int
        public var area: Int
        public var breakdown: Int

        public init(indicator: Int, area: Int, breakdown: Int) {
            self.indicator = indicator
            self.area = area
            self.breakdown = breakdown
        }
    }

    public init(line: Int, indicator: String, area: String, breakdown: String, period: Period,
                numerator: Double? = nil, denominator: Double? = nil, value: Double? = nil,
                lower: Double? = nil, upper: Double? = nil, notes: String = "", reason: String = "",
                positions: Positions? = nil) {
        self.reason = reason
        self.positions = positions
        self.line = line
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
    }
}
