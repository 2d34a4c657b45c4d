/// The catalogue's global alert settings, from `Indicators/alerts.yaml`.
///
/// ```yaml
/// late_feeds:
///   grace_days: 30            # days after a period's expected publication before it is late
///   severity: warning
///   partners: [police, local_health_board]   # whose indicators are watched (default: every partner)
/// repeat_interval_hours: 168  # a still-firing alert is notified again this often
/// ```
public struct AlertSettings: Hashable, Sendable {
    public struct LateFeeds: Hashable, Sendable {
        public var graceDays: Int
        public var severity: AlertRule.Severity
        /// Partner keys watched; nil = every partner.
        public var partners: Set<String>?

        public init(graceDays: Int = 30, severity: AlertRule.Severity = .warning, partners: Set<String>? = nil) {
            self.graceDays = graceDays
            self.severity = severity
            self.partners = partners
        }

        public func watches(_ indicator: Indicator) -> Bool {
            indicator.discontinuedAfter == nil && (partners.map { $0.contains(indicator.partner) } ?? true)
        }
    }

    /// nil: no late-feed alerts (no `late_feeds:` in `alerts.yaml`, or no file).
    public var lateFeeds: LateFeeds?
    public var repeatIntervalHours: Int

    public static let fileName = "alerts.yaml"
    public static let lateFeedRuleName = "late_feed"

    public init(lateFeeds: LateFeeds? = nil, repeatIntervalHours: Int = 168) {
        self.lateFeeds = lateFeeds
        self.repeatIntervalHours = repeatIntervalHours
    }
}
