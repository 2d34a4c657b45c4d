/// What started a run.
public enum RunTrigger: String, Sendable, Codable {
    case schedule, feed, cli, startup, api
}
