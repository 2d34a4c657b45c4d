import Foundation
import Hummingbird
import OutcomesCore
import OutcomesStore
import OutcomesRender

/// `GET /v1/changes?since_run=N&to_run=M&area=CODE&group=aim|dimension`: what changed between two
/// runs — new latest periods, revised values (old → new), comparisons with Wales, trends and
/// target status that moved (from → to), alerts fired and resolved — grouped by core aim or
/// dimension, for one area or all. `to_run` defaults to the latest finished run, `since_run` to
/// the finished run before it. Readable by whoever may read summaries, small numbers withheld as
/// in every view; JSON, text or CSV, in Welsh with `?lang=cy`.
struct ChangeRoutes: Sendable {
    let read: ReadRoutes
    var context: ServerContext { read.context }

    func register(on router: Router<BasicRequestContext>) {
        router.get("v1/changes") { request, _ in try await changes(request) }
    }

    func changes(_ request: Request) async throws -> Response {
        let principal = try await read.requireReader(request)
        let params = request.uri.queryParameters
        let format = try ResponseFormat.negotiate(request, params)
        let welsh = ResponseFormat.welsh(request, params)
        func run(_ name: String) throws -> Int64? {
            guard let text = params[Substring(name)], !text.isEmpty else { return nil }
            guard let id = Int64(text), id >= 0 else {
                throw HTTPError(.badRequest, message: "?\(name)=\(text) is not a run id; GET /v1/runs lists them")
            }
            return id
        }
        let log = ChangeLog(client: context.client, logger: context.logger)
        let latest = try await read.latestRun(MeasureQueries(client: context.client, logger: context.logger), request,
                                              [:])
        let to = try run("to_run") ?? latest.id
        guard to <= latest.id else {
            throw HTTPError(.notFound, message: "run \(to) has not finished; the latest finished run is \(latest.id)")
        }
        let since: Int64
        if let asked = try run("since_run") {
            guard asked <= to else {
                throw HTTPError(.badRequest, message: "?since_run=\(asked) is after ?to_run=\(to); since_run must be the earlier run")
            }
            since = asked
        } else {
            since = try await log.previousRun(before: to) ?? 0
        }
        var area: Area?
        if let code = params["area"].map(String.init), !code.isEmpty {
            guard let known = context.catalogue.area(code) else { throw ReadRoutes.unknownArea(code) }
            area = known
        }
        let grouping: ChangeGrouping
        if let text = params["group"], !text.isEmpty {
            guard let g = ChangeGrouping(rawValue: String(text)) else {
                throw HTTPError(.badRequest, message: "?group=\(text): group by aim or dimension")
            }
            grouping = g
        } else {
            grouping = .aim
        }
        let changes = try await log.changes(since: since, to: to, area: area?.code)
        let body = try Renderings.changes(changes, area: area, grouping: grouping, catalogue: context.catalogue,
                                          audience: .caller(principal), format: format, welsh: welsh)
        return await read.withRunHeaders(Response(status: .ok, headers: [.contentType: format.contentType, .cacheControl: "no-store",
                                                                        .contentLanguage: welsh ? "cy" : "en"],
                                                  body: .init(byteBuffer: ByteBuffer(string: body))))
    }
}
