import CoreMetrics
internal import Prometheus

/// The swift-metrics factory `outcomesd serve` bootstraps (once per process): what
/// ``RequestMetricsMiddleware`` records (Hummingbird's HTTP metrics) lands in the same registry as
/// the daemon's own metrics.
///
/// Hummingbird's metrics are renamed to ``MetricNames`` (`hb.requests` → `outcomesd_http_requests_total`,
/// `http.route` → `route`, …) and get help text, which `PrometheusMetricsFactory` leaves empty
/// (`promtool check metrics` flags that). Anything else goes through `PrometheusMetricsFactory`
/// unchanged.
///
/// ```swift
/// MetricsSystem.bootstrap(SwiftMetricsBridge(registry: registry))
/// ```
struct SwiftMetricsBridge: MetricsFactory {
    let registry: PrometheusCollectorRegistry
    let base: PrometheusMetricsFactory

    init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
        self.base = PrometheusMetricsFactory(registry: registry)
    }

    private func mapped(_ label: String, _ dimensions: [(String, String)]) -> (MetricNames.Metric, [(String, String)])? {
        guard let metric = MetricNames.swiftMetrics[label] else { return nil }
        return (metric, dimensions.map { (MetricNames.swiftMetricsDimensions[$0.0] ?? $0.0, $0.1) })
    }

    func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        guard let (metric, labels) = mapped(label, dimensions) else { return base.makeCounter(label: label, dimensions: dimensions) }
        return registry.makeCounter(descriptor: metric.descriptor, labels: labels)
    }

    func makeFloatingPointCounter(label: String, dimensions: [(String, String)]) -> any FloatingPointCounterHandler {
        guard let (metric, labels) = mapped(label, dimensions) else { return base.makeFloatingPointCounter(label: label, dimensions: dimensions) }
        return registry.makeCounter(descriptor: metric.descriptor, labels: labels)
    }

    func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        base.makeRecorder(label: label, dimensions: dimensions, aggregate: aggregate)
    }

    func makeMeter(label: String, dimensions: [(String, String)]) -> any MeterHandler {
        guard let (metric, labels) = mapped(label, dimensions) else { return base.makeMeter(label: label, dimensions: dimensions) }
        return registry.makeGauge(descriptor: metric.descriptor, labels: labels)
    }

    func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        guard let (metric, labels) = mapped(label, dimensions) else { return base.makeTimer(label: label, dimensions: dimensions) }
        return registry.makeDurationHistogram(descriptor: metric.descriptor, labels: labels, buckets: base.defaultDurationHistogramBuckets)
    }

    func destroyCounter(_ handler: any CounterHandler) { base.destroyCounter(handler) }
    func destroyFloatingPointCounter(_ handler: any FloatingPointCounterHandler) { base.destroyFloatingPointCounter(handler) }
    func destroyRecorder(_ handler: any RecorderHandler) { base.destroyRecorder(handler) }
    func destroyMeter(_ handler: any MeterHandler) { base.destroyMeter(handler) }
    func destroyTimer(_ handler: any TimerHandler) { base.destroyTimer(handler) }
}
