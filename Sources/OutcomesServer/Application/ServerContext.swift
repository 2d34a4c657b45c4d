public import OutcomesCore
public import PostgresNIO
public import Logging
import OutcomesStore

/// What the daemon's services share: the database pool, the catalogue, the logger.
/// Immutable and `Sendable`; a reload builds a new one.
public struct ServerContext: Sendable {
    public var client: PostgresClient
    /// The catalogue in use: read it on each use, since a reload replaces it for every copy.
    /// Setting it gives this copy (and copies made from it) a catalogue of its own.
    public var catalogue: Catalogue {
        get { live.catalogue }
        set { live = LiveCatalogue(newValue) }
    }
    private(set) var live: LiveCatalogue
    public var listen: ListenAddress
    public var logger: Logger
    /// Largest feed accepted over HTTP (bytes); larger → 413.
    public var maxFeedBytes: Int
    /// `<state>/spool`, watched for feed files; nil to disable the spool.
    public var spoolDirectory: String?
    /// How often the spool is scanned.
    public var spoolInterval: Duration
    /// How long a connection may sit idle, and a request's body may take beyond its size at
    /// 1 KiB/s, before the connection is closed (``RequestReadTimeout``; slowloris).
    public var readTimeout: Duration = .seconds(30)
    /// Full runs on this schedule; nil for none.
    public var computeSchedule: CronSchedule?
    public var computeAfterFeeds: Bool = true
    public var computeDebounceSeconds: Int = 5
    public var keepRuns: Int = 10
    /// Let requests without a token read summaries and measures (reader role otherwise).
    public var anonymousRead: Bool = false
    /// Failed authentications a client address may have before 429, and how many more each
    /// second (``AuthFailureLimiter``; the configuration's `serving.auth_failure_burst` and
    /// `serving.auth_failures_per_second`).
    public var authFailureBurst: Int = 20
    public var authFailuresPerSecond: Double = 1
    /// Reverse proxies whose `X-Forwarded-For` names the client (``ClientAddress``).
    public var trustedProxies: [String] = []
    /// `GET /metrics` needs a reader or admin token (the configuration's `metrics.require_token`).
    public var metricsRequireToken: Bool = false
    /// What `GET /metrics` reports (shared by copies; each context made by `init` has its own).
    public var metrics = ServerMetrics()
    /// Whether this daemon runs the compute scheduler at all.
    public var computeEnabled: Bool = true
    /// Alert sinks and their settings (the configuration's `alerts:`).
    public var alertDelivery = AlertDelivery()
    /// How often a still-firing alert is notified again: the configuration's value, else the
    /// catalogue's `alerts.yaml`.
    public var alertRepeatIntervalHours: Int { alertDelivery.repeatIntervalHours ?? catalogue.alertSettings.repeatIntervalHours }
    /// Bearer tokens verified recently (shared by the routes and ``TokenChanges``).
    let principals = PrincipalCache()
    /// Re-reads configuration and catalogue on SIGHUP; nil: SIGHUP is not trapped (tests).
    public var settingsReader: SettingsReader?
    /// Signs of life from the background loops, read by the systemd watchdog (shared by copies).
    public let heartbeats = Heartbeats()
    /// Reachable or not, since when and why (``DatabaseMonitor`` probes; shared by copies).
    public let databaseHealth = DatabaseHealth()
    /// The latest finished run, shared by every route and `/readyz`; during an outage the last
    /// one known is served.
    let latestRuns = LatestRunCache()
    /// The newest roll-up inputs read per area, so a new incremental run's summaries read only
    /// what it changed (shared by copies).
    let rollUps = RollUpInputsCache()
    /// Feeds applied by this process, for the scheduler to act on at once (shared by copies).
    let feedSignal = FeedSignal()

    public init(client: PostgresClient, catalogue: Catalogue, listen: ListenAddress, logger: Logger,
                maxFeedBytes: Int = 256 << 20, spoolDirectory: String? = nil, spoolInterval: Duration = .seconds(2)) {
        self.client = client
        self.live = LiveCatalogue(catalogue)
        self.listen = listen
        self.logger = logger
        self.maxFeedBytes = maxFeedBytes
        self.spoolDirectory = spoolDirectory
        self.spoolInterval = spoolInterval
        self.computeSchedule = nil
    }

    /// The feed ingest every feed of the daemon goes through (HTTP and the spool alike): the
    /// catalogue in use and its keys' ids, taken together, so a reload between two reads cannot
    /// pair one catalogue with the other's ids.
    func makeFeedIngest(logger: Logger) -> FeedIngest {
        let (catalogue, keys) = live.both
        return FeedIngest(client: client, catalogue: catalogue, keys: keys, logger: logger)
    }

    /// The run store every run of the daemon goes through (scheduler and `POST /v1/runs` alike):
    /// the catalogue in use, the configured alert sinks and run retention, runs counted in metrics.
    /// The catalogue and its keys' ids are taken together, as for feeds.
    func makeRunStore() -> RunStore {
        let (catalogue, keys) = live.both
        var store = RunStore(client: client, catalogue: catalogue, keys: keys, logger: logger, keepRuns: keepRuns,
                             alertSinks: alertDelivery.sinks)
        store.onRun = metrics.runEnded
        return store
    }
}
