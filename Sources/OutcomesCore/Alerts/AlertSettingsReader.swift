internal import Yams

/// Reads `alerts.yaml` (``AlertSettings``), every problem at its `file:line:column`.
struct AlertSettingsReader {
    let reader: YAMLReader
    /// Declared partner keys, or nil when partners.yaml failed.
    let partners: Set<String>?

    func read(_ root: Node) -> AlertSettings? {
        let r = reader
        guard let f = r.fields(root, "alerts.yaml") else { return nil }
        f.rejectUnknown(["late_feeds", "repeat_interval_hours"])
        let before = r.issues.count
        var settings = AlertSettings()
        if let n = f["repeat_interval_hours"].flatMap({ r.int($0, "repeat_interval_hours", in: 1...8760) }) {
            settings.repeatIntervalHours = n
        }
        if let node = f["late_feeds"], let late = r.fields(node, "'late_feeds'") {
            late.rejectUnknown(["grace_days", "severity", "partners"])
            var rule = AlertSettings.LateFeeds()
            if let n = late["grace_days"].flatMap({ r.int($0, "late_feeds.grace_days", in: 0...730) }) { rule.graceDays = n }
            if let s = late["severity"].flatMap({ r.choice($0, "late_feeds.severity", AlertRule.Severity.self) }) { rule.severity = s }
            if let node = late["partners"], let items = r.items(node, "late_feeds.partners") {
                var keys: Set<String> = []
                for item in items {
                    guard let key = r.string(item, "late_feeds.partners") else { continue }
                    if let partners, !partners.contains(key) {
                        r.report(item, "partner '\(key)' is not declared in partners.yaml; declared: \(partners.sorted().joined(separator: ", "))")
                        continue
                    }
                    keys.insert(key)
                }
                rule.partners = keys
            }
            settings.lateFeeds = rule
        }
        return r.issues.count == before ? settings : nil
    }
}
