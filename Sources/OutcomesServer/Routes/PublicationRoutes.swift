import Foundation
import Hummingbird
import OutcomesCore
import OutcomesStore
import OutcomesRender

/// Published figures: `GET /v1/publications` (whoever may read summaries; `?all=true` includes
/// withdrawn ones), `POST /v1/publications` (admins: a JSON body
/// `{"indicator": ID, "period": P}` or `{"indicator": ID?, "through": P}`, optional `note`; 201
/// with the publication) and `DELETE /v1/publications/{id}?reason=` (admins: withdraws it; the
/// withdrawal is recorded, never erased). A feed that would change a published value is refused
/// for those rows unless it confirms the revision (`POST /v1/feeds?confirm_revisions=true`).
struct PublicationRoutes: Sendable {
    let read: ReadRoutes
    var context: ServerContext { read.context }

    struct Body: Decodable {
        var indicator: String?
        var period: String?
        var through: String?
        var note: String?
    }

    func register(on router: Router<BasicRequestContext>) {
        router.get("v1/publications") { request, _ in try await list(request) }
        router.post("v1/publications") { request, _ in try await publish(request) }
        router.delete("v1/publications/:id") { request, ctx in try await withdraw(request, id: ctx.parameters.get("id") ?? "") }
    }

    var store: PublicationStore { PublicationStore(client: context.client, catalogue: context.catalogue, logger: context.logger) }

    func list(_ request: Request) async throws -> Response {
        try await read.requireReader(request)
        let params = request.uri.queryParameters
        let format = try ResponseFormat.negotiate(request, params)
        let welsh = ResponseFormat.welsh(request, params)
        let all = try FeedRoutes.flag(params["all"], "all")
        let body = try Renderings.publications(try await store.entries(includeWithdrawn: all), all: all, format: format, welsh: welsh)
        return Response(status: .ok, headers: [.contentType: format.contentType, .cacheControl: "no-store",
                                               .contentLanguage: welsh ? "cy" : "en"],
                        body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    func publish(_ request: Request) async throws -> Response {
        let principal = try await read.auth.require(request, [.admin])
        var request = request
        let bytes = try await request.collectBody(upTo: 64 * 1024)
        let body: Body
        do {
            body = try JSONDecoder().decode(Body.self, from: Data(bytes.readableBytesView))
        } catch {
            throw HTTPError(.badRequest, message: "send a JSON object {\"indicator\": ID, \"period\": P} or {\"indicator\": ID (optional), \"through\": P}, with an optional \"note\"")
        }
        // Stored as text, where PostgreSQL has no room for a NUL character.
        for (name, value) in [("indicator", body.indicator), ("period", body.period), ("through", body.through), ("note", body.note)]
        where value?.utf8.contains(0) == true {
            throw HTTPError(.badRequest, message: "\"\(name)\" holds a NUL character (\\u0000); send text")
        }
        let scope: (indicator: String?, scope: Publication.Scope)
        do {
            scope = try PublicationStore.scope(indicator: body.indicator, period: body.period, through: body.through, catalogue: context.catalogue)
        } catch {
            throw HTTPError(error.notFound ? .notFound : .badRequest, message: error.message)
        }
        let entry = try await store.publish(indicator: scope.indicator, scope: scope.scope, by: principal.name, note: body.note)
        return Response(status: .created, headers: [.contentType: "application/json", .location: "/v1/publications/\(entry.id)"],
                        body: .init(byteBuffer: ByteBuffer(string: try JSONText.encode(entry))))
    }

    func withdraw(_ request: Request, id text: String) async throws -> Response {
        let principal = try await read.auth.require(request, [.admin])
        guard let id = Int64(text) else {
            throw HTTPError(.badRequest, message: "'\(text)' is not a publication id (a whole number); GET /v1/publications lists them")
        }
        let reason = request.uri.queryParameters["reason"].map(String.init)
        if reason?.utf8.contains(0) == true {
            throw HTTPError(.badRequest, message: "?reason= holds a NUL character (%00); send text")
        }
        guard let entry = try await store.withdraw(id: id, by: principal.name, reason: reason) else {
            throw HTTPError(.notFound, message: "no publication \(id) in force; GET /v1/publications?all=true lists every one")
        }
        return Response(status: .ok, headers: [.contentType: "application/json"],
                        body: .init(byteBuffer: ByteBuffer(string: try JSONText.encode(entry))))
    }
}
