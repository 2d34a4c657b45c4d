import Foundation
import Hummingbird
import OutcomesCore
import OutcomesStore
import PostgresNIO

/// `GET /v1/feeds` and `GET /v1/feeds/{id}`: the feed log and import reports. A partner sees its
/// own feeds; an admin sees all; readers none.
struct FeedLogRoutes: Sendable {
    let context: ServerContext
    let auth: BearerAuth

    func register(on router: Router<BasicRequestContext>) {
        router.get("v1/feeds") { request, _ in try await list(request) }
        router.get("v1/feeds/:id") { request, ctx in try await one(request, id: Int64(ctx.parameters.get("id") ?? "") ?? -1) }
    }

    struct FeedRecord: Encodable {
        var id: Int64
        var partner: String
        var source: String
        var file_name: String?
        var status: String
        var received_at: Date
        var rows: Int
        var inserted: Int
        var updated: Int
        var unchanged: Int
        var rejected: Int
        var message: String?
        var errors: [ErrorRecord]?
    }

    struct ErrorRecord: Encodable {
        var line: Int64?
        var field: String?
        var code: String
        var message: String
        var value: String?
    }

    func records(partner: String?, id: Int64?) async throws -> [FeedRecord] {
        let rows = try await context.client.query("""
            SELECT f.id, p.key, f.source, f.file_name, f.status, f.received_at, f.rows_total, f.inserted, f.updated, f.unchanged, f.rejected, f.message
            FROM feed f JOIN partner p ON p.id = f.partner_id
            WHERE (\(partner)::text IS NULL OR p.key = \(partner)) AND (\(id)::bigint IS NULL OR f.id = \(id))
            ORDER BY f.id DESC LIMIT 200
            """, logger: context.logger)
        var out: [FeedRecord] = []
        for try await r in rows.decode((Int64, String, String, String?, String, Date, Int, Int, Int, Int, Int, String?).self) {
            out.append(FeedRecord(id: r.0, partner: r.1, source: r.2, file_name: r.3, status: r.4, received_at: r.5, rows: r.6,
                                  inserted: r.7, updated: r.8, unchanged: r.9, rejected: r.10, message: r.11, errors: nil))
        }
        return out
    }

    func list(_ request: Request) async throws -> Response {
        let principal = try await auth.require(request, [.partner, .admin])
        let feeds = try await records(partner: principal.role == .admin ? nil : principal.partner, id: nil)
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: try ReadRoutes.json(feeds))))
    }

    func one(_ request: Request, id: Int64) async throws -> Response {
        let principal = try await auth.require(request, [.partner, .admin])
        guard var feed = try await records(partner: principal.role == .admin ? nil : principal.partner, id: id).first else {
            throw HTTPError(.notFound, message: "no feed \(id) visible to this token; GET /v1/feeds lists yours")
        }
        var errors: [ErrorRecord] = []
        for try await e in try await context.client.query("""
            SELECT line, field, code, message, value FROM feed_error WHERE feed_id = \(id) ORDER BY ordinal
            """, logger: context.logger).decode((Int64?, String?, String, String, String?).self) {
            errors.append(ErrorRecord(line: e.0, field: e.1, code: e.2, message: e.3, value: e.4))
        }
        feed.errors = errors
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: try ReadRoutes.json(feed))))
    }
}
