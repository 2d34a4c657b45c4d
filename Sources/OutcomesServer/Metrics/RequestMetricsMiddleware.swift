import CoreMetrics
import Dispatch
import HTTPTypes
import Hummingbird
import Synchronization

/// The HTTP metrics Hummingbird's `MetricsMiddleware` records — the same swift-metrics labels and
/// dimensions, which ``SwiftMetricsBridge`` renames to ``MetricNames`` — recorded when the
/// response is returned rather than after its body is written.
///
/// Hummingbird's middleware wraps every response body in a closure so it can record after the
/// write. That takes each response off Hummingbird's fast path, which writes the head, a
/// `ByteBuffer` body and the end as one batch with one flush: wrapped, the three parts go as three
/// writes, each flushed (`perf record` under `wrk` on a cached summary: the `write` system call
/// was 23% of the daemon's samples). Every response here has its body in memory when it is
/// returned, so the duration recorded differs from Hummingbird's by the write alone.
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    private let cache = Cache()

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = DispatchTime.now().uptimeNanoseconds
        let active = cache.active(request.method)
        active.increment()
        defer { active.decrement() }
        do {
            let response = try await next(request, context)
            let metrics = cache.endpoint(.init(route: context.endpointPath ?? "Unknown", method: request.method, status: response.status))
            metrics.requests.increment()
            metrics.duration.recordNanoseconds(DispatchTime.now().uptimeNanoseconds - started)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status ?? .internalServerError
            let metrics = cache.endpoint(.init(route: context.endpointPath ?? "NotFound", method: request.method, status: status))
            metrics.requests.increment()
            metrics.errors.increment()
            throw error
        }
    }

    /// The metric handles per method and per route, method and status, made once (a lookup in
    /// the metrics factory for every request would cost more than the recording).
    final class Cache: Sendable {
        struct Endpoint: Hashable {
            var route: String
            var method: HTTPRequest.Method
            var status: HTTPResponse.Status
        }

        struct EndpointMetrics: Sendable {
            let requests: Counter
            let duration: Timer
            let errors: Counter
        }

        private let meters = Mutex<[HTTPRequest.Method: Meter]>([:])
        private let endpoints = Mutex<[Endpoint: EndpointMetrics]>([:])

        func active(_ method: HTTPRequest.Method) -> Meter {
            meters.withLock { meters in
                if let meter = meters[method] { return meter }
                let meter = Meter(label: "http.server.active_requests", dimensions: [("http.request.method", method.rawValue)])
                meters[method] = meter
                return meter
            }
        }

        func endpoint(_ id: Endpoint) -> EndpointMetrics {
            endpoints.withLock { endpoints in
                if let metrics = endpoints[id] { return metrics }
                let dimensions = [("http.route", id.route), ("http.request.method", id.method.rawValue),
                                  ("http.response.status_code", String(id.status.code))]
                let metrics = EndpointMetrics(
                    requests: Counter(label: "hb.requests", dimensions: dimensions),
                    duration: Timer(label: "http.server.request.duration", dimensions: dimensions, preferredDisplayUnit: .seconds),
                    errors: Counter(label: "hb.request.errors", dimensions: [("http.route", id.route), ("http.request.method", id.method.rawValue),
                                                                            ("error.type", String(id.status.code))]))
                endpoints[id] = metrics
                return metrics
            }
        }
    }
}
