internal import Yams

/// Where and how alert notifications are delivered (the `alerts:` section of the configuration).
///
/// ```yaml
/// alerts:
///   alertmanager:
///     url: http://127.0.0.1:9093            # POST /api/v2/alerts
///     resend_interval_seconds: 60           # firing alerts re-sent; endsAt = now + 4 × this
///   webhooks:
///     - url: https://hooks.example.org/outcomes
///       secret_file: /etc/outcomesd/webhook.secret   # X-Outcomesd-Signature: sha256=<hex HMAC>
///       timeout_seconds: 10
///   journal: true                           # one structured log line per notification
///   repeat_interval_hours: 168              # a still-firing alert is notified again this often
///   external_url: https://outcomes.example.org
/// ```
public struct AlertDelivery: Hashable, Sendable {
    public struct Alertmanager: Hashable, Sendable {
        public var url: String
        public var resendIntervalSeconds: Int = 60

        public init(url: String, resendIntervalSeconds: Int = 60) {
            self.url = url
            self.resendIntervalSeconds = resendIntervalSeconds
        }
    }

    public struct Webhook: Hashable, Sendable {
        public var url: String
        public var secretFile: String?
        public var timeoutSeconds: Int = 10

        public init(url: String, secretFile: String? = nil, timeoutSeconds: Int = 10) {
            self.url = url
            self.secretFile = secretFile
            self.timeoutSeconds = timeoutSeconds
        }
    }

    public var alertmanager: Alertmanager?
    public var webhooks: [Webhook] = []
    public var journal: Bool = true
    /// nil: the catalogue's `alerts.yaml` value (default 168 hours).
    public var repeatIntervalHours: Int?
    public var externalURL: String?

    public init() {}

    /// The sink names (``AlertSinks``-style strings) each notification is queued for.
    public var sinks: [String] {
        (alertmanager != nil ? ["alertmanager"] : []) + webhooks.map { "webhook:" + $0.url } + (journal ? ["journal"] : [])
    }

    static func parse(_ node: Node, _ r: YAMLReader) -> AlertDelivery {
        var d = AlertDelivery()
        guard let f = r.fields(node, "'alerts'") else { return d }
        f.rejectUnknown(["alertmanager", "webhooks", "journal", "repeat_interval_hours", "external_url"])
        if let node = f["alertmanager"], let am = r.fields(node, "'alerts.alertmanager'") {
            am.rejectUnknown(["url", "resend_interval_seconds"])
            if let url = am.required("url").flatMap({ httpURL($0, "alerts.alertmanager.url", r) }) {
                var a = Alertmanager(url: url)
                if let n = am["resend_interval_seconds"].flatMap({ r.int($0, "alerts.alertmanager.resend_interval_seconds", in: 1...3600) }) {
                    a.resendIntervalSeconds = n
                }
                d.alertmanager = a
            }
        }
        if let node = f["webhooks"], let items = r.items(node, "alerts.webhooks") {
            for item in items {
                guard let w = r.fields(item, "a webhook") else { continue }
                w.rejectUnknown(["url", "secret_file", "timeout_seconds"])
                guard let url = w.required("url").flatMap({ httpURL($0, "alerts.webhooks.url", r) }) else { continue }
                var hook = Webhook(url: url)
                hook.secretFile = w["secret_file"].flatMap { r.string($0, "alerts.webhooks.secret_file") }
                if let n = w["timeout_seconds"].flatMap({ r.int($0, "alerts.webhooks.timeout_seconds", in: 1...300) }) { hook.timeoutSeconds = n }
                d.webhooks.append(hook)
            }
        }
        if let b = f["journal"].flatMap({ r.bool($0, "alerts.journal") }) { d.journal = b }
        d.repeatIntervalHours = f["repeat_interval_hours"].flatMap { r.int($0, "alerts.repeat_interval_hours", in: 1...8760) }
        d.externalURL = f["external_url"].flatMap { httpURL($0, "alerts.external_url", r) }
        return d
    }

    private static func httpURL(_ node: Node, _ field: String, _ r: YAMLReader) -> String? {
        guard let text = r.string(node, field) else { return nil }
        guard text.hasPrefix("http://") || text.hasPrefix("https://") else {
            r.report(node, "'\(field)' must be an http:// or https:// URL, got '\(text)'")
            return nil
        }
        return text.hasSuffix("/") ? String(text.dropLast()) : text
    }
}
