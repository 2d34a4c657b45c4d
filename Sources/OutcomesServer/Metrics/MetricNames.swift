import Foundation
internal import Prometheus

/// Every metric `GET /metrics` exposes, with its help text, in one place: the registry traps when
/// one name is registered with two help texts, or with and without labels, so each metric is
/// described here once and registered only through these values.
///
/// Names follow Prometheus conventions: an `outcomesd_` prefix, base units in the name
/// (`_seconds`), `_total` on counters and on nothing else. `scripts/check-metrics` runs
/// `promtool check metrics` on a real scrape.
enum MetricNames {
    struct Metric: Sendable {
        let name: String
        let help: String

        init(_ name: String, _ help: String) {
            self.name = name
            self.help = help
        }

        var descriptor: MetricNameDescriptor { MetricNameDescriptor(metricName: name, unitName: "", helpText: help) }
    }

    // MARK: Feeds (counted by this daemon: HTTP and spool)

    static let feeds = Metric("outcomesd_feeds_total",
                              "Feeds ingested by this daemon (HTTP and spool), by partner and outcome (applied, duplicate, rejected, dry_run).")
    static let feedRows = Metric("outcomesd_feed_rows_total",
                                 "Rows of applied or rejected feeds ingested by this daemon, by partner and outcome (inserted, updated, unchanged, rejected).")

    // MARK: Runs

    static let runs = Metric("outcomesd_runs_total",
                             "Computation runs attempted by this daemon, by trigger and outcome (finished, skipped: another process held the compute lock, failed).")
    static let runDuration = Metric("outcomesd_run_duration_seconds", "Duration of the computation runs this daemon finished, by trigger.")
    static let runLastSuccess = Metric("outcomesd_run_last_success_timestamp_seconds",
                                       "When the latest finished run (by any process) finished, in seconds since the Unix epoch.")
    static let runLastDuration = Metric("outcomesd_run_last_duration_seconds", "How long the latest finished run took.")
    static let runObservations = Metric("outcomesd_run_observations", "Observations read by the latest finished run.")
    static let runMeasures = Metric("outcomesd_run_measures", "Measures written by the latest finished run.")

    // MARK: Alerts

    static let alerts = Metric("outcomesd_alerts", "Alerts by state (inactive, pending, firing, resolved).")
    static let outboxDepth = Metric("outcomesd_alert_outbox_depth", "Alert notifications waiting in the outbox, by sink.")
    static let deliveryFailures = Metric("outcomesd_alert_delivery_failures_total",
                                         "Alert notifications whose delivery attempt failed (each is retried), by sink.")

    // MARK: Database and the embedded cluster

    static let databaseUp = Metric("outcomesd_database_up",
                                   "1 when this scrape's database read answered within the timeout; 0 otherwise (the database-derived metrics then keep their last known values).")
    static let databaseReadDuration = Metric("outcomesd_database_read_duration_seconds",
                                             "How long this scrape's database read took, leasing a pooled connection included (the timeout when it did not answer).")
    static let poolMaxConnections = Metric("outcomesd_database_pool_max_connections", "Connections the database pool may open.")
    static let embeddedClusterUp = Metric("outcomesd_embedded_cluster_up",
                                          "1 when the embedded PostgreSQL cluster's postmaster is running; absent when a configured database is used.")

    // MARK: HTTP (Hummingbird's metrics, recorded by RequestMetricsMiddleware through swift-metrics, renamed here)

    static let httpRequests = Metric("outcomesd_http_requests_total", "HTTP requests answered, by route, method and status.")
    static let httpDuration = Metric("outcomesd_http_request_duration_seconds", "Time to answer an HTTP request (until its response is ready to write), by route, method and status.")
    static let httpErrors = Metric("outcomesd_http_request_errors_total", "HTTP requests answered with an error thrown by a handler, by route, method and status.")
    static let httpActive = Metric("outcomesd_http_active_requests", "HTTP requests being answered now, by method.")

    /// Hummingbird's swift-metrics labels and dimensions, mapped to ours.
    static let swiftMetrics: [String: Metric] = [
        "hb.requests": httpRequests,
        "http.server.request.duration": httpDuration,
        "hb.request.errors": httpErrors,
        "http.server.active_requests": httpActive,
    ]
    static let swiftMetricsDimensions: [String: String] = [
        "http.route": "route",
        "http.request.method": "method",
        "http.response.status_code": "status",
        "error.type": "status",
    ]

    /// Buckets of ``runDuration``: runs take from under a second (incremental) to many minutes.
    static let runDurationBuckets: [Duration] = [
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5),
        .seconds(10), .seconds(30), .seconds(60), .seconds(120), .seconds(300), .seconds(600), .seconds(1800), .seconds(3600),
    ]
}

extension MetricNames {
    /// A sink as a label value: a webhook's URL may carry a secret in its path or query (and
    /// `/metrics` is unauthenticated by default), so only its scheme, host and port are shown.
    static func sinkLabel(_ sink: String) -> String {
        guard sink.hasPrefix("webhook:") else { return sink }
        guard let url = URLComponents(string: String(sink.dropFirst("webhook:".count))),
              let scheme = url.scheme, let host = url.host else { return "webhook" }
        return "webhook:\(scheme)://\(host)\(url.port.map { ":\($0)" } ?? "")"
    }
}
