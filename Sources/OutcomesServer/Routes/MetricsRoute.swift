import Hummingbird
import OutcomesCore

/// `GET /metrics`: the daemon's metrics in the Prometheus text exposition format (version 0.0.4).
///
/// Unauthenticated by default, like `/healthz`; with `metrics.require_token: true` in the
/// configuration it needs a reader or admin token (401 without one, 403 for a partner token).
/// Answers 200 even when the database is down (see ``ServerMetrics/scrape(client:sinks:logger:)``).
struct MetricsRoute: Sendable {
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    let context: ServerContext
    let auth: BearerAuth

    func register(on router: Router<BasicRequestContext>) {
        context.metrics.prepare(partners: context.catalogue.partners.map(\.key), sinks: context.alertDelivery.sinks)
        router.get("metrics") { request, _ in
            if context.metricsRequireToken {
                _ = try await auth.require(request, [.reader, .admin])
            }
            let body = await context.metrics.scrape(client: context.client, sinks: context.alertDelivery.sinks, logger: context.logger)
            return Response(status: .ok, headers: [.contentType: Self.contentType, .cacheControl: "no-store"],
                            body: .init(byteBuffer: ByteBuffer(bytes: body)))
        }
    }
}
