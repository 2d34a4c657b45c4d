/// One outcome indicator, declared in `Indicators/indicators/<id>.yaml`.
///
/// ```yaml
/// id: low_birth_weight
/// type: proportion
/// multiplier: 100
/// polarity: low_is_good
/// aims: [1]
/// dimensions: [a, i]
/// ```
public struct Indicator: Hashable, Sendable {
    /// How an indicator's value is formed, which decides the fields a feed row needs and the
    /// confidence-interval method (Wilson for proportions, Byar/exact Poisson for rates and counts,
    /// Student t for means; supplied intervals are kept as given).
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case proportion
        case rate
        case count
        case mean
        case valueWithCI = "value_with_ci"
    }

    /// Which direction is better, for benchmarking, trends and alerts.
    public enum Polarity: String, Hashable, Sendable, CaseIterable {
        case highIsGood = "high_is_good"
        case lowIsGood = "low_is_good"
        case noJudgement = "no_judgement"
    }

    /// The accepted range of the published value (after the multiplier).
    public struct ValueRange: Hashable, Sendable {
        public var min: Double
        public var max: Double

        public init(min: Double, max: Double) {
            self.min = min
            self.max = max
        }

        public func contains(_ value: Double) -> Bool { value >= min && value <= max }
    }

    /// Identifier: lower-case snake case, also the file's name.
    public var id: String
    public var title: LocalizedText
    public var definition: String
    public var kind: Kind
    /// Proportions: 100 (a percentage); rates: N in "per N"; others: 1.
    public var multiplier: Double
    public var unit: String
    public var polarity: Polarity
    public var aims: [Int]
    public var dimensions: [String]
    /// Key of the partner that supplies (and alone may send) this indicator.
    public var partner: String
    public var periodType: PeriodType
    /// Breakdown keys this indicator is reported for; always includes `all`.
    public var breakdowns: [String]
    public var validRange: ValueRange
    /// Numerators (or counts) below this are suppressed in what readers see.
    public var smallNumberThreshold: Int?
    public var source: String
    /// A value the partnership aims for; met when the value is at least as good (by polarity).
    public var target: Double?
    /// The last period published, when the measure has ended (`discontinued:` in the file, e.g. a
    /// 2016 social-services performance measure replaced in 2020). No later period is expected, so
    /// its series is never stale for want of one (``Staleness/latestExpectedPeriod(for:today:)``).
    public var discontinuedAfter: Period? = nil
    /// Months after a period ends before its figures are normally published; sets when a series
    /// counts as stale. Defaults by period type (``PeriodType/defaultPublicationLagMonths``).
    public var publicationLagMonths: Int
    /// Alert rules declared under `alerts:` (``AlertRule``).
    public var alerts: [AlertRule] = []

    public init(id: String, title: LocalizedText, definition: String, kind: Kind, multiplier: Double,
                unit: String, polarity: Polarity, aims: [Int], dimensions: [String], partner: String,
                periodType: PeriodType, breakdowns: [String], validRange: ValueRange,
                smallNumberThreshold: Int? = nil, source: String, target: Double? = nil,
                publicationLagMonths: Int? = nil) {
        self.id = id
        self.title = title
        self.definition = definition
        self.kind = kind
        self.multiplier = multiplier
        self.unit = unit
        self.polarity = polarity
        self.aims = aims
        self.dimensions = dimensions
        self.partner = partner
        self.periodType = periodType
        self.breakdowns = breakdowns
        self.validRange = validRange
        self.smallNumberThreshold = smallNumberThreshold
        self.source = source
        self.target = target
        self.publicationLagMonths = publicationLagMonths ?? periodType.defaultPublicationLagMonths
    }

    /// Identifiers are lower-case snake case, 3–64 characters, starting with a letter.
    public static func isWellFormedID(_ id: String) -> Bool {
        let b = Array(id.utf8)
        guard (3...64).contains(b.count), (0x61...0x7A).contains(b[0]) else { return false }
        return b.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5F }
    }
}
