import Hummingbird
import OutcomesCore
import OutcomesStore
import PostgresNIO
import Logging
import Foundation
import OutcomesRender

/// Liveness and readiness for systemd, load balancers and monitors.
///
/// - `GET /healthz`: the process is up and serving (200, no I/O).
/// - `GET /readyz`: the database answers `SELECT 1` within two seconds (200); else 503
///   `degraded`, with the reason, since when (``DatabaseHealth``) and what is still served.
struct HealthRoutes: Sendable {
    let context: ServerContext

    func register(on router: Router<BasicRequestContext>) {
        router.get("healthz") { _, _ in
            Self.json(.ok, ["status": "ok"])
        }
        router.get("readyz") { _, _ in
            let (client, logger, health) = (context.client, context.logger, context.databaseHealth)
            do {
                _ = try await withTimeout(seconds: 2) {
                    try await client.query("SELECT 1", logger: logger)
                }
                return Self.json(.ok, ["status": "ready", "database": "reachable"])
            } catch {
                logger.warning("readiness check failed", metadata: ["error": "\(String(reflecting: error))"])
                let known = health.snapshot
                var body = ["status": "degraded", "database": "unreachable",
                            "reason": known.reason ?? DatabaseFault.summary(error)]
                if let since = known.downSince { body["since"] = Renderings.finishedText(since) }
                body["serving"] = context.latestRuns.known.map { "cached results of run \($0.id)" } ?? "nothing cached yet"
                return Self.json(.serviceUnavailable, body)
            }
        }
    }

    static func json(_ status: HTTPResponse.Status, _ body: [String: String]) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])) ?? Data()
        return Response(status: status, headers: [.contentType: "application/json"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
