import OutcomesCore

/// The columns of `alert` read back into an ``AlertRecord``.
enum AlertRow {
    static let columns = """
        fingerprint, rule, kind, indicator, area, breakdown, partner, state, severity, since_period, period, value, withheld,
        inhibited, summary, summary_cy
        """
    typealias Tuple = (String, String, String, String, String, String, String, String, String, String?, String?, Double?, Bool,
                       Bool, String, String)

    /// nil for a row this version cannot read (an unknown kind, state or severity).
    static func record(_ t: Tuple) -> AlertRecord? {
        guard let kind = AlertRule.Kind(rawValue: t.2), let state = AlertStateName(rawValue: t.7),
              let severity = AlertRule.Severity(rawValue: t.8) else { return nil }
        return AlertRecord(fingerprint: t.0, rule: t.1, kind: kind, indicator: t.3, area: t.4, breakdown: t.5, partner: t.6,
                           state: state, severity: severity, sincePeriod: t.9.flatMap(Period.detect), period: t.10.flatMap(Period.detect),
                           value: t.11, withheld: t.12, inhibited: t.13, summary: t.14, summaryCy: t.15)
    }
}
