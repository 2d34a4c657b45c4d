/// One alert as stored, listed (`GET /v1/alerts`) and notified: one rule on one series
/// (indicator × area × breakdown), or one indicator's late feed.
public struct AlertRecord: Hashable, Sendable {
    /// FNV-1a 64 (hex) of rule, indicator, area and breakdown: stable across runs and restarts.
    public var fingerprint: String
    public var rule: String
    public var kind: AlertRule.Kind
    public var indicator: String
    public var area: String
    public var breakdown: String
    /// The partner that supplies the indicator (a label, and who may see it).
    public var partner: String
    public var state: AlertStateName
    public var severity: AlertRule.Severity
    /// The reporting period in which the current state began (pending, firing or resolved).
    public var sincePeriod: Period?
    /// The latest period judged (late feeds: the period that is due).
    public var period: Period?
    /// The value in `period`; shown to readers only when not `withheld`.
    public var value: Double?
    /// The value falls under small-number suppression: readers never see it, and the summaries
    /// never contain it.
    public var withheld: Bool
    /// The indicator's feed is late: the state is held, nothing fires, resolves or is notified.
    public var inhibited: Bool
    public var summary: String
    public var summaryCy: String

    public init(fingerprint: String, rule: String, kind: AlertRule.Kind, indicator: String, area: String, breakdown: String,
                partner: String, state: AlertStateName, severity: AlertRule.Severity, sincePeriod: Period?, period: Period?,
                value: Double?, withheld: Bool, inhibited: Bool, summary: String, summaryCy: String) {
        self.fingerprint = fingerprint
        self.rule = rule
        self.kind = kind
        self.indicator = indicator
        self.area = area
        self.breakdown = breakdown
        self.partner = partner
        self.state = state
        self.severity = severity
        self.sincePeriod = sincePeriod
        self.period = period
        self.value = value
        self.withheld = withheld
        self.inhibited = inhibited
        self.summary = summary
        self.summaryCy = summaryCy
    }

    public static func fingerprint(rule: String, indicator: String, area: String, breakdown: String) -> String {
        var hash = FNV1a()
        for part in [rule, indicator, area, breakdown] {
            hash.combine(part.utf8)
            hash.combine([0])
        }
        return hash.hex
    }

    /// Labels as sent to Alertmanager and webhooks.
    public var labels: [String: String] {
        ["alertname": rule, "indicator": indicator, "area": area, "breakdown": breakdown, "severity": severity.rawValue,
         "kind": kind.rawValue, "partner": partner]
            .merging(kind == .lateFeed ? ["period": period?.description ?? ""] : [:]) { a, _ in a }
    }
}

/// What evaluation changed about one alert: its new record, the state it left, and whether the
/// change must be notified.
public struct AlertUpdate: Hashable, Sendable {
    public enum Notice: String, Hashable, Sendable {
        case firing, resolved
    }

    public var record: AlertRecord
    /// nil when the alert is new.
    public var previous: AlertStateName?
    public var notice: Notice?

    public init(record: AlertRecord, previous: AlertStateName?, notice: Notice?) {
        self.record = record
        self.previous = previous
        self.notice = notice
    }

    /// The state changed (an event to record), as opposed to a new value or summary only.
    public var isTransition: Bool { previous != record.state }
}
