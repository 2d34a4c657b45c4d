/// Names of the places a notification is delivered to, as stored in `alert_outbox.sink`:
/// `alertmanager`, `journal`, and `webhook:<url>` for each configured webhook.
public enum AlertSinks {
    public static let alertmanager = "alertmanager"
    public static let journal = "journal"
    public static let webhookPrefix = "webhook:"

    public static func webhook(_ url: String) -> String { webhookPrefix + url }
}
