import CoreMetrics
import Logging
import OutcomesStore
internal import Prometheus

/// The daemon's metrics: one Prometheus registry, the counters the routes and services record
/// into, and the gauges read at scrape time (``scrape(client:sinks:logger:)``).
///
/// Each ``ServerContext`` has its own (tests run many applications in one process and read their
/// own values); `outcomesd serve` also points swift-metrics at it (``bootstrapSwiftMetrics()``,
/// once per process) so Hummingbird's request metrics are in the same exposition.
///
/// ```swift
/// let metrics = ServerMetrics(embeddedClusterUp: { cluster.postmasterAlive() }, poolMaxConnections: 9)
/// metrics.bootstrapSwiftMetrics()
/// ```
public final class ServerMetrics: Sendable {
    typealias M = MetricNames

    let registry = PrometheusCollectorRegistry()
    /// Whether the embedded cluster runs; nil when a configured database is used.
    let embeddedClusterUp: (@Sendable () -> Bool)?
    let databaseRead = DatabaseRead()

    public init(embeddedClusterUp: (@Sendable () -> Bool)? = nil, poolMaxConnections: Int? = nil) {
        self.embeddedClusterUp = embeddedClusterUp
        if let poolMaxConnections { gauge(M.poolMaxConnections).set(to: Double(poolMaxConnections)) }
    }

    /// Makes this registry the process's swift-metrics backend (Hummingbird's request metrics).
    /// Call once per process: swift-metrics traps on a second bootstrap.
    public func bootstrapSwiftMetrics() {
        MetricsSystem.bootstrap(SwiftMetricsBridge(registry: registry))
    }

    // MARK: Recording

    /// Series that should read 0 before anything happened (so `rate()` sees the first event).
    func prepare(partners: [String], sinks: [String]) {
        for partner in partners {
            for outcome in ImportReport.Status.allOutcomes { _ = counter(M.feeds, ["partner": partner, "outcome": outcome]) }
            for outcome in Self.rowOutcomes { _ = counter(M.feedRows, ["partner": partner, "outcome": outcome]) }
        }
        for sink in sinks { _ = counter(M.deliveryFailures, ["sink": M.sinkLabel(sink)]) }
        for trigger in [RunTrigger.startup, .schedule, .feed, .api] {
            for outcome in ["finished", "skipped", "failed"] { _ = counter(M.runs, ["trigger": trigger.rawValue, "outcome": outcome]) }
        }
    }

    static let rowOutcomes = ["inserted", "updated", "unchanged", "rejected"]

    /// A feed's outcome and, when it was applied or rejected, its rows.
    func feedIngested(_ report: ImportReport) {
        counter(M.feeds, ["partner": report.partner, "outcome": report.status.rawValue]).increment()
        guard report.status == .applied || report.status == .rejected else { return }
        for (outcome, rows) in zip(Self.rowOutcomes, [report.inserted, report.updated, report.unchanged, report.rejected]) where rows > 0 {
            counter(M.feedRows, ["partner": report.partner, "outcome": outcome]).increment(by: Int64(rows))
        }
    }

    /// What came of a run this daemon attempted (``RunStore/onRun``).
    func runEnded(trigger: RunTrigger, duration: Duration, result: Result<RunReport?, any Error>) {
        let outcome: String
        switch result {
        case .success(.some):
            outcome = "finished"
            registry.makeDurationHistogram(descriptor: M.runDuration.descriptor, labels: [("trigger", trigger.rawValue)],
                                           buckets: M.runDurationBuckets).record(duration)
        case .success(.none): outcome = "skipped"
        case .failure(let error):
            // A run cancelled by a stop is not a failure of the run.
            if error is CancellationError { return }
            outcome = "failed"
        }
        counter(M.runs, ["trigger": trigger.rawValue, "outcome": outcome]).increment()
    }

    /// Notifications whose delivery to `sink` failed this attempt.
    func deliveryFailed(sink: String, notifications: Int) {
        counter(M.deliveryFailures, ["sink": M.sinkLabel(sink)]).increment(by: Int64(notifications))
    }

    // MARK: Registry access (labels in a fixed order: a label set is matched in order)

    func counter(_ metric: MetricNames.Metric, _ labels: KeyValuePairs<String, String> = [:]) -> Prometheus.Counter {
        registry.makeCounter(descriptor: metric.descriptor, labels: labels.map { ($0.key, $0.value) })
    }

    func gauge(_ metric: MetricNames.Metric, _ labels: KeyValuePairs<String, String> = [:]) -> Prometheus.Gauge {
        registry.makeGauge(descriptor: metric.descriptor, labels: labels.map { ($0.key, $0.value) })
    }

    func gauge(_ metric: MetricNames.Metric, label: String, _ value: String) -> Prometheus.Gauge {
        registry.makeGauge(descriptor: metric.descriptor, labels: [(label, value)])
    }
}

extension ImportReport.Status {
    /// Every outcome label of `outcomesd_feeds_total`.
    static let allOutcomes = [Self.applied, .duplicate, .rejected, .dryRun].map(\.rawValue)
}
