import Hummingbird
import OutcomesCore
import PostgresNIO
import Logging
import Foundation

/// Liveness and readiness for systemd, load balancers and monitors.
///
/// - `GET /healthz`: the process is up and serving (200, no I/O).
/// - `GET /readyz`: the database answers `SELECT 1` within two seconds (200), else 503 with why.
struct HealthRoutes: Sendable {
    let client: PostgresClient
    let logger: Logger

    func register(on router: Router<BasicRequestContext>) {
        router.get("healthz") { _, _ in
            Self.json(.ok, ["status": "ok"])
        }
        router.get("readyz") { _, _ in
            do {
                _ = try await withTimeout(seconds: 2) { [client] in
                    try await client.query("SELECT 1", logger: logger)
                }
                return Self.json(.ok, ["status": "ready", "database": "reachable"])
            } catch {
                logger.warning("readiness check failed", metadata: ["error": "\(String(reflecting: error))"])
                return Self.json(.serviceUnavailable, ["status": "not_ready", "database": "unreachable"])
            }
        }
    }

    static func json(_ status: HTTPResponse.Status, _ body: [String: String]) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])) ?? Data()
        return Response(status: status, headers: [.contentType: "application/json"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
