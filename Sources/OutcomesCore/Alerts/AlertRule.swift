/// One alert rule declared under `alerts:` in an indicator's YAML file.
///
/// ```yaml
/// alerts:
///   - name: obesity_high
///     kind: threshold
///     above: 12.0        # fire above this level…
///     clear: 10.0        # …and resolve only below this one (hysteresis)
///     for: 2             # reporting periods the condition must hold before firing
/// ```
/// Rules are read and checked by ``CatalogueLoader`` (every problem as `file:line:column`), and
/// judged period by period by ``AlertCondition``; ``AlertMachine`` turns those judgements into
/// states.
public struct AlertRule: Hashable, Sendable {
    /// What the rule watches.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// The value above (or below) a level, with a separate clear level.
        case threshold
        /// The change from the previous consecutive period, in the worse direction.
        case change
        /// Significantly worse than Wales (or the health board).
        case benchmark
        /// The recent trend says "getting worse".
        case trend
        /// Worse than Wales at 95% and a trend getting worse, both at once.
        case redRed = "red_red"
        /// The indicator's target missed.
        case target
        /// A priority group significantly behind all children.
        case gap
        /// Not written in indicator files: the catalogue's late-feed rule (`alerts.yaml`).
        case lateFeed = "late_feed"

        /// Kinds that judge a value as better or worse, and so need a polarity.
        public var needsJudgement: Bool {
            switch self {
            case .benchmark, .trend, .redRed, .target, .gap: true
            case .threshold, .change, .lateFeed: false
            }
        }
    }

    public enum Severity: String, Hashable, Sendable, CaseIterable, Comparable {
        case info, warning, critical

        var rank: Int { switch self { case .info: 0; case .warning: 1; case .critical: 2 } }
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    /// Which side of a threshold is the alarm.
    public enum Side: String, Hashable, Sendable {
        case above, below
    }

    /// How big a change must be, in the worse direction.
    public enum ChangeSize: Hashable, Sendable {
        /// In the indicator's unit.
        case absolute(Double)
        /// As a percentage of the previous value (25 = 25%).
        case percent(Double)
    }

    /// The benchmark a `benchmark` rule compares with.
    public enum Benchmark: String, Hashable, Sendable, CaseIterable {
        case wales
        case healthBoard = "health_board"
    }

    /// The areas a rule applies to: named area codes and/or whole kinds.
    public struct Areas: Hashable, Sendable {
        public var codes: Set<String>
        public var kinds: Set<Area.Kind>

        public static let every = Areas(codes: [], kinds: Set(Area.Kind.allCases))

        public init(codes: Set<String>, kinds: Set<Area.Kind>) {
            self.codes = codes
            self.kinds = kinds
        }

        public func contains(_ area: Area) -> Bool { codes.contains(area.code) || kinds.contains(area.kind) }

        /// The selector words accepted besides area codes.
        public static let words: [String: Area.Kind] = ["wales": .country, "health_boards": .healthBoard,
                                                        "local_authorities": .localAuthority]
    }

    public var name: String
    public var kind: Kind
    /// threshold: the side and the fire level.
    public var side: Side?
    public var level: Double?
    /// threshold: the level the value must pass back over to resolve (defaults to `level`).
    public var clearLevel: Double?
    /// change: the size of a worsening change.
    public var changeSize: ChangeSize?
    /// change on a no-judgement indicator: the direction that alerts.
    public var direction: Side?
    /// benchmark: against which benchmark, and at 95 or 99.8%.
    public var against: Benchmark
    public var confidence: ConfidenceLevel
    /// Consecutive reporting periods (with data) the condition must hold before firing (≥ 1).
    public var forPeriods: Int
    /// Periods it keeps firing after the condition stops holding.
    public var keepFiringFor: Int
    public var severity: Severity
    public var areas: Areas
    public var breakdowns: [String]
    /// Templates with `{placeholder}`s (``AlertTemplate``).
    public var summary: String?
    public var summaryCy: String?
    /// Where a level comes from (a published target or figure).
    public var source: String?

    public init(name: String, kind: Kind, side: Side? = nil, level: Double? = nil, clearLevel: Double? = nil,
                changeSize: ChangeSize? = nil, direction: Side? = nil, against: Benchmark = .wales,
                confidence: ConfidenceLevel = .percent95, forPeriods: Int = 1, keepFiringFor: Int = 0,
                severity: Severity = .warning, areas: Areas = .every, breakdowns: [String] = [Breakdown.allKey],
                summary: String? = nil, summaryCy: String? = nil, source: String? = nil) {
        self.name = name
        self.kind = kind
        self.side = side
        self.level = level
        self.clearLevel = clearLevel
        self.changeSize = changeSize
        self.direction = direction
        self.against = against
        self.confidence = confidence
        self.forPeriods = forPeriods
        self.keepFiringFor = keepFiringFor
        self.severity = severity
        self.areas = areas
        self.breakdowns = breakdowns
        self.summary = summary
        self.summaryCy = summaryCy
        self.source = source
    }
}
