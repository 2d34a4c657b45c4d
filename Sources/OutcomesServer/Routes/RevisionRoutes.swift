import Foundation
import Hummingbird
import OutcomesCore
import OutcomesStore
import OutcomesRender

/// `GET /v1/revisions?indicator=&area=&since=&initial=&limit=`: the audit of revised values — old
/// and new value, the feed, how it came, who sent it, when, why, and whether it revised a
/// published figure. Partners see their own indicators' revisions; admins all; readers none.
struct RevisionRoutes: Sendable {
    let read: ReadRoutes
    var context: ServerContext { read.context }

    func register(on router: Router<BasicRequestContext>) {
        router.get("v1/revisions") { request, _ in try await list(request) }
    }

    func list(_ request: Request) async throws -> Response {
        let principal = try await read.auth.require(request, [.partner, .admin])
        let params = request.uri.queryParameters
        let format = try ResponseFormat.negotiate(request, params)
        let welsh = ResponseFormat.welsh(request, params)
        let catalogue = context.catalogue
        var filter = RevisionLog.Filter()
        let own = principal.role == .admin ? nil : catalogue.indicators.filter { $0.partner == principal.partner }.map(\.id)
        if let key = params["indicator"].map(String.init), !key.isEmpty {
            guard let indicator = catalogue.indicator(key) else {
                throw HTTPError(.notFound, message: "unknown indicator '\(key)' in ?indicator=; GET /v1/indicators lists them")
            }
            if let own, !own.contains(indicator.id) {
                throw HTTPError(.forbidden, message: "\(key) is \(indicator.partner)'s indicator; a \(principal.partner ?? "partner") token reads its own indicators' revisions")
            }
            filter.indicators = [key]
        } else {
            filter.indicators = own
        }
        if let code = params["area"].map(String.init), !code.isEmpty {
            guard catalogue.area(code) != nil else { throw ReadRoutes.unknownArea(code) }
            filter.area = code
        }
        if let text = params["since"].map(String.init), !text.isEmpty {
            guard let date = QueryInstant.parse(text, day: .start) else {
                throw HTTPError(.badRequest, message: "?since=\(text) is not a date; use ISO 8601, e.g. 2026-11-01 or 2026-11-01T09:00:00Z")
            }
            filter.since = date
        }
        filter.initial = try FeedRoutes.flag(params["initial"], "initial")
        if let text = params["limit"] {
            guard let limit = Int(text), (1...10_000).contains(limit) else {
                throw HTTPError(.badRequest, message: "?limit=\(text) must be a whole number from 1 to 10000")
            }
            filter.limit = limit
        }
        let entries = try await RevisionLog(client: context.client, logger: context.logger).entries(filter)
        let scope = principal.role == .admin ? Words.t("all partners", "pob partner", welsh) : (principal.partner ?? "")
        let body = try Renderings.revisions(entries, scope: scope, filter: filter, format: format, welsh: welsh)
        return await read.withRunHeaders(Response(status: .ok, headers: [.contentType: format.contentType, .cacheControl: "no-store",
                                                                        .contentLanguage: welsh ? "cy" : "en"],
                                                  body: .init(byteBuffer: ByteBuffer(string: body))))
    }
}
