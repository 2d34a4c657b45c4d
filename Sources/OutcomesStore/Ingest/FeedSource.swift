/// How a feed arrived.
public enum FeedSource: String, Sendable, Codable {
    case spool, http, cli
}
