internal import Yams

/// The daemon's configuration file (e.g. `/etc/outcomesd/outcomesd.yaml`).
///
/// ```yaml
/// state_dir: /var/lib/outcomesd        # embedded cluster, spool folder
/// catalogue: /usr/share/outcomesd/Indicators
/// listen: 127.0.0.1:8080
/// log_level: info                       # trace, debug, info, notice, warning, error, critical
/// database:
///   url: postgresql://outcomesd@db.example/outcomes?sslmode=require   # omit for the embedded cluster
///   password_file: /etc/outcomesd/database.password   # the password (one line), when the URL has none
///   pool_size: 8
///   statement_timeout_seconds: 60
///   embedded_user: postgres             # who runs the embedded cluster when outcomesd runs as root
/// feeds:
///   max_bytes: 268435456                # larger HTTP feeds get 413
///   spool: true                         # watch <state_dir>/spool/incoming/<partner>/
///   spool_interval_seconds: 2
/// compute:
///   schedule: "0 * * * *"               # cron (UTC): full runs; default hourly
///   after_feeds: true                   # incremental run after feeds land
///   debounce_seconds: 5                 # a burst of feeds → one run
///   keep_runs: 10                       # finished runs kept (plus each day's first)
/// serving:
///   anonymous_read: false               # true: summaries and measures readable without a token
///   read_timeout_seconds: 30            # idle connections, and bodies slower than 1 KiB/s beyond it, are closed
///   auth_failure_burst: 20              # failed authentications per client address before 429 ...
///   auth_failures_per_second: 1         # ... and how many more are allowed each second
///   trusted_proxies: []                 # peers whose X-Forwarded-For names the client (e.g. [127.0.0.1] behind nginx)
/// metrics:
///   require_token: false                # true: GET /metrics needs a reader or admin token
/// ```
/// Every field is optional. `OUTCOMESD_DATABASE_URL` overrides `database.url`.
public struct Configuration: Hashable, Sendable {
    public enum LogLevel: String, Hashable, Sendable, CaseIterable {
        case trace, debug, info, notice, warning, error, critical
    }

    public var stateDirectory: String?
    public var catalogueDirectory: String?
    public var listen: ListenAddress = .default
    public var logLevel: LogLevel = .info
    public var databaseURL: String?
    /// A file holding the database password (its first line), used when the URL and `PGPASSWORD`
    /// give none; keeps the secret out of the configuration, the environment and the unit.
    public var databasePasswordFile: String?
    /// Connections the pool may open; at least 2, for a run reads on one while it writes on another.
    public var poolSize: Int = 8
    public var statementTimeoutSeconds: Int = 60
    public var embeddedUser: String?
    public var maxFeedBytes: Int = 256 << 20
    public var spoolEnabled: Bool = true
    public var spoolIntervalSeconds: Int = 2
    public var computeSchedule: CronSchedule? = Configuration.hourly
    public var computeAfterFeeds: Bool = true
    public var computeDebounceSeconds: Int = 5
    public var keepRuns: Int = 10
    public var anonymousRead: Bool = false
    /// Idle connections and trickling request bodies are closed after this (slowloris).
    public var readTimeoutSeconds: Int = 30
    /// Failed authentications a client address may have before they are answered 429, and how
    /// many more it is allowed each second.
    public var authFailureBurst: Int = 20
    public var authFailuresPerSecond: Int = 1
    /// Peers (IP addresses) that are reverse proxies: for a connection from one, the client is the
    /// last address of `X-Forwarded-For`. Empty: the peer is the client.
    public var trustedProxies: [String] = []
    public var metricsRequireToken: Bool = false
    public var alerts = AlertDelivery()

    static let hourly: CronSchedule? = try? CronSchedule("0 * * * *")

    public init() {}

    /// Parses a configuration file; every problem is reported as `file:line:column: message`.
    public static func parse(_ file: SourceFile) throws(CatalogueError) -> Configuration {
        var config = Configuration()
        if file.text.allSatisfy(\.isWhitespace) { return config }
        let (r, root) = YAMLReader.compose(file)
        if let root, let f = r.fields(root, "the configuration") {
            f.rejectUnknown(["state_dir", "catalogue", "listen", "log_level", "database", "feeds", "compute", "serving", "alerts", "metrics"])
            if let node = f["metrics"], let metrics = r.fields(node, "'metrics'") {
                metrics.rejectUnknown(["require_token"])
                if let b = metrics["require_token"].flatMap({ r.bool($0, "metrics.require_token") }) { config.metricsRequireToken = b }
            }
            if let node = f["alerts"] { config.alerts = AlertDelivery.parse(node, r) }
            if let node = f["serving"], let serving = r.fields(node, "'serving'") {
                serving.rejectUnknown(["anonymous_read", "read_timeout_seconds", "auth_failure_burst", "auth_failures_per_second",
                                       "trusted_proxies"])
                if let b = serving["anonymous_read"].flatMap({ r.bool($0, "serving.anonymous_read") }) { config.anonymousRead = b }
                if let n = serving["read_timeout_seconds"].flatMap({ r.int($0, "serving.read_timeout_seconds", in: 1...3600) }) {
                    config.readTimeoutSeconds = n
                }
                if let n = serving["auth_failure_burst"].flatMap({ r.int($0, "serving.auth_failure_burst", in: 1...1_000_000) }) {
                    config.authFailureBurst = n
                }
                if let n = serving["auth_failures_per_second"].flatMap({ r.int($0, "serving.auth_failures_per_second", in: 1...1_000_000) }) {
                    config.authFailuresPerSecond = n
                }
                if let node = serving["trusted_proxies"], let items = r.items(node, "serving.trusted_proxies") {
                    config.trustedProxies = items.compactMap { r.string($0, "serving.trusted_proxies") }
                }
            }
            if let node = f["compute"], let compute = r.fields(node, "'compute'") {
                compute.rejectUnknown(["schedule", "after_feeds", "debounce_seconds", "keep_runs"])
                if let node = compute["schedule"], let text = r.string(node, "compute.schedule") {
                    if text == "off" {
                        config.computeSchedule = nil
                    } else {
                        do { config.computeSchedule = try CronSchedule(text) } catch { r.report(node, error.message + "; or 'off'") }
                    }
                }
                if let b = compute["after_feeds"].flatMap({ r.bool($0, "compute.after_feeds") }) { config.computeAfterFeeds = b }
                if let n = compute["debounce_seconds"].flatMap({ r.int($0, "compute.debounce_seconds", in: 0...3600) }) {
                    config.computeDebounceSeconds = n
                }
                if let n = compute["keep_runs"].flatMap({ r.int($0, "compute.keep_runs", in: 1...1000) }) { config.keepRuns = n }
            }
            if let node = f["feeds"], let feeds = r.fields(node, "'feeds'") {
                feeds.rejectUnknown(["max_bytes", "spool", "spool_interval_seconds"])
                if let n = feeds["max_bytes"].flatMap({ r.int($0, "feeds.max_bytes", in: 1...(1 << 40)) }) { config.maxFeedBytes = n }
                if let b = feeds["spool"].flatMap({ r.bool($0, "feeds.spool") }) { config.spoolEnabled = b }
                if let n = feeds["spool_interval_seconds"].flatMap({ r.int($0, "feeds.spool_interval_seconds", in: 1...3600) }) {
                    config.spoolIntervalSeconds = n
                }
            }
            config.stateDirectory = f["state_dir"].flatMap { r.string($0, "state_dir") }
            config.catalogueDirectory = f["catalogue"].flatMap { r.string($0, "catalogue") }
            if let node = f["listen"], let text = r.string(node, "listen") {
                if let address = ListenAddress(text) {
                    config.listen = address
                } else {
                    r.report(node, "'listen' must be HOST:PORT such as 127.0.0.1:8080, got '\(text)'")
                }
            }
            if let level = f["log_level"].flatMap({ r.choice($0, "log_level", LogLevel.self) }) {
                config.logLevel = level
            }
            if let node = f["database"], let db = r.fields(node, "'database'") {
                db.rejectUnknown(["url", "password_file", "pool_size", "statement_timeout_seconds", "embedded_user"])
                if let node = db["url"], let url = r.string(node, "database.url") {
                    if url.hasPrefix("postgresql://") || url.hasPrefix("postgres://") {
                        config.databaseURL = url
                    } else {
                        r.report(node, "'database.url' must be a postgresql:// URI, got '\(url)'")
                    }
                }
                if let n = db["pool_size"].flatMap({ r.int($0, "database.pool_size", in: 2...256) }) { config.poolSize = n }
                if let n = db["statement_timeout_seconds"].flatMap({ r.int($0, "database.statement_timeout_seconds", in: 1...86_400) }) {
                    config.statementTimeoutSeconds = n
                }
                config.embeddedUser = db["embedded_user"].flatMap { r.string($0, "database.embedded_user") }
                config.databasePasswordFile = db["password_file"].flatMap { r.string($0, "database.password_file") }
            }
        }
        if !r.issues.isEmpty { throw CatalogueError(issues: r.issues) }
        return config
    }
}
