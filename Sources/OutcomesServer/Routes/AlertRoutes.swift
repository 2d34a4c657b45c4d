import Foundation
import Hummingbird
import OutcomesCore
import OutcomesStore
import OutcomesRender

/// `GET /v1/alerts` (each alert's current state) and `GET /v1/alerts/events` (every transition,
/// newest first), as JSON, text or CSV. Readable by whoever may read summaries (any token, or none
/// with `serving.anonymous_read`); values under the small-number threshold are null for all but
/// admins and the supplying partner. Never cached: alert state changes with each run.
struct AlertRoutes: Sendable {
    let read: ReadRoutes
    var context: ServerContext { read.context }

    func register(on router: Router<BasicRequestContext>) {
        router.get("v1/alerts") { request, _ in try await list(request, events: false) }
        router.get("v1/alerts/events") { request, _ in try await list(request, events: true) }
    }

    func list(_ request: Request, events: Bool) async throws -> Response {
        let principal = try await read.requireReader(request)
        let params = request.uri.queryParameters
        let format = try ResponseFormat.negotiate(request, params)
        let welsh = ResponseFormat.welsh(request, params)
        func value(_ name: String) -> String? { params[Substring(name)].map(String.init) }
        let query = AlertQuery(state: value("state"), area: value("area"), indicator: value("indicator"), aim: value("aim"),
                               dimension: value("dimension"), severity: value("severity"), since: value("since"))
        let filter: AlertLog.Filter
        do {
            filter = try query.filter(context.catalogue, events: events)
        } catch {
            throw HTTPError(error.notFound ? .notFound : .badRequest, message: error.message)
        }
        let log = AlertLog(client: context.client, logger: context.logger)
        let audience = AlertAudience.caller(principal)
        let body = events
            ? try Renderings.alertEvents(try await log.events(filter), query: query, catalogue: context.catalogue, audience: audience,
                                         format: format, welsh: welsh)
            : try Renderings.alerts(try await log.alerts(filter), query: query, catalogue: context.catalogue, audience: audience,
                                    format: format, welsh: welsh)
        return await read.withRunHeaders(Response(status: .ok, headers: [.contentType: format.contentType, .cacheControl: "no-store",
                                                                        .contentLanguage: welsh ? "cy" : "en"],
                                                  body: .init(byteBuffer: ByteBuffer(string: body))))
    }
}
