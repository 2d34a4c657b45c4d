import Foundation
import Hummingbird
import HTTPTypes
import PostgresNIO
import Logging
import OutcomesCore
import OutcomesStore
import OutcomesRender

/// What reference-group members and partners read: `/v1/summary`, `/v1/indicators/{id}`,
/// `/v1/runs`. JSON, text or CSV (``ResponseFormat``); Welsh names by `?lang=cy`; an `ETag` from
/// the run and representation (`If-None-Match` → 304); the run id and its finish time in
/// `X-Outcomesd-Run` / `X-Outcomesd-Run-Finished` on every response.
struct ReadRoutes: Sendable {
    let context: ServerContext
    let auth: BearerAuth
    let cache = RenderCache()
    var latest: LatestRunCache { context.latestRuns }

    func register(on router: Router<BasicRequestContext>) {
        router.get("v1/summary") { request, _ in try await summary(request) }
        router.get("v1/indicators/:id") { request, ctx in try await indicator(request, id: ctx.parameters.get("id") ?? "") }
        router.get("v1/runs") { request, _ in try await runs(request) }
        router.post("v1/runs") { request, _ in try await startRun(request) }
    }

    /// Readers: any token, or none when `serving.anonymous_read` is on (nil principal).
    @discardableResult
    func requireReader(_ request: Request) async throws -> Principal? {
        if context.anonymousRead && !request.headers.contains(.authorization) { return nil }
        return try await auth.principal(request)
    }

    /// What a renderer gets: the negotiated format and language and the run being read.
    struct Rendering: Sendable {
        var format: ResponseFormat
        var welsh: Bool
        var run: LatestRunCache.Run
        var queries: MeasureQueries
    }

    /// A representation of a run's results: the run from `?run=`/`?as_of=`/latest, an ETag from
    /// the run and representation (`If-None-Match` → 304), the body from the render cache (the
    /// database is asked only on a miss), and the run, language and caching headers.
    func fromRun(_ request: Request, _ query: ResponseFormat.Query? = nil, path: String, audience: String = "public",
                 render: (Rendering) async throws -> String) async throws -> Response {
        let query = query ?? request.uri.queryParameters
        let format = try ResponseFormat.negotiate(request, query)
        let welsh = ResponseFormat.welsh(request, query)
        let queries = MeasureQueries(client: context.client, logger: context.logger, rollUps: context.rollUps)
        let run = try await latestRun(queries, request, query)
        let key = RenderCache.Key(run: run.id, path: path, format: format.rawValue, welsh: welsh, audience: audience)
        let entry: RenderCache.Entry
        if let hit = cache.get(key) {
            entry = hit
        } else {
            var headers = Self.headers(key: key, run: run)
            headers[.contentType] = format.contentType
            let body = ByteBuffer(string: try await render(Rendering(format: format, welsh: welsh, run: run, queries: queries)))
            // What `Response` would add to every hit (measured: 0.8% of a cached summary).
            headers[.contentLength] = String(body.readableBytes)
            entry = RenderCache.Entry(body: body, headers: headers)
            cache.put(key, entry)
        }
        if let match = request.headers[.ifNoneMatch], let etag = entry.headers[.eTag], match.contains(etag) || match == "*" {
            var headers = entry.headers
            headers[.contentType] = nil
            headers[.contentLength] = nil
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: entry.headers, body: .init(byteBuffer: entry.body))
    }

    /// The roll-up of `areaCode`, else of `?area=`, else of Wales.
    func summary(_ request: Request, areaCode: String? = nil) async throws -> Response {
        let principal = try await requireReader(request)
        let query = request.uri.queryParameters
        let code = areaCode ?? query["area"].map(String.init) ?? ComputeContext.walesCode
        // The area alone, not a copy of the whole catalogue (0.3% of a cached summary): the
        // catalogue is read for rendering, on a miss.
        guard let area = context.live.area(code) else { throw Self.unknownArea(code) }
        return try await fromRun(request, query, path: "summary/\(code)", audience: Suppression.audience(principal)) { r in
            let (catalogue, synced) = context.live.both
            let keys: CatalogueKeys
            if let synced { keys = synced } else { keys = try await CatalogueKeys.load(context.client, logger: context.logger) }
            guard let summary = try await r.queries.summary(area: area, run: r.run.id, catalogue: catalogue, keys: keys) else {
                throw HTTPError(.notFound, message: "run \(r.run.id) has no summary for \(code) (an area retired before the run)")
            }
            let visible = summary.withholding { id in
                catalogue.indicator(id).map { Suppression.applies(to: principal, indicator: $0) } ?? true
            }
            return try Renderings.summary(visible, catalogue: catalogue, run: r.run.id, finishedAt: r.run.finishedAt,
                                          format: r.format, welsh: r.welsh)
        }
    }

    static func unknownArea(_ code: String) -> HTTPError {
        HTTPError(.notFound, message: "unknown area '\(code)'; area codes are ONS codes such as W92000004 (Wales) or W06000015 (Cardiff): GET /v1/areas lists them")
    }

    func indicator(_ request: Request, id: String) async throws -> Response {
        let principal = try await requireReader(request)
        guard let indicator = context.catalogue.indicator(id) else {
            throw HTTPError(.notFound, message: "unknown indicator '\(id)'; GET /v1/indicators lists them (or `outcomesd catalogue`)")
        }
        let code = request.uri.queryParameters["area"].map(String.init) ?? ComputeContext.walesCode
        guard let area = context.catalogue.area(code) else { throw Self.unknownArea(code) }
        let breakdown = request.uri.queryParameters["breakdown"].map(String.init) ?? Breakdown.allKey
        guard indicator.breakdowns.contains(breakdown) else {
            throw HTTPError(.notFound, message: "indicator \(id) has no breakdown '\(breakdown)'; it has: \(indicator.breakdowns.joined(separator: ", "))")
        }
        let suppress = Suppression.applies(to: principal, indicator: indicator)
        return try await fromRun(request, path: "indicator/\(id)/\(code)/\(breakdown)", audience: suppress ? "public" : "full") { r in
            var records = try await r.queries.series(indicator: id, area: code, breakdown: breakdown, run: r.run.id)
            if suppress { records = records.map { Suppression.apply($0, indicator: indicator) } }
            return try Renderings.series(records, indicator: indicator, area: area, breakdown: breakdown, catalogue: context.catalogue,
                                         run: r.run.id, finishedAt: r.run.finishedAt, format: r.format, welsh: r.welsh)
        }
    }

    func runs(_ request: Request) async throws -> Response {
        try await requireReader(request)
        let format = try ResponseFormat.negotiate(request)
        let welsh = ResponseFormat.welsh(request)
        let runs = try await RunLog(client: context.client, logger: context.logger).recent(limit: 50)
        let body = try Table.render(runs, format: format, heading: [Words.t("Compute runs, newest first", "Rhediadau cyfrifo, y diweddaraf yn gyntaf", welsh)],
                                    welsh: welsh)
        return await withRunHeaders(Response(status: .ok, headers: [.contentType: format.contentType, .cacheControl: "no-store"],
                                             body: .init(byteBuffer: ByteBuffer(string: body))))
    }

    /// The latest run's id and time on a response that does not come from a run (lists, logs).
    func withRunHeaders(_ response: Response) async -> Response {
        var response = response
        if let run = try? await latest.latest(MeasureQueries(client: context.client, logger: context.logger), health: context.databaseHealth) {
            response.headers[Self.runHeader] = String(run.id)
            response.headers[Self.runFinishedHeader] = run.finishedText
        }
        return response
    }

    func startRun(_ request: Request) async throws -> Response {
        _ = try await auth.require(request, [.admin])
        let report = try await context.makeRunStore().compute(trigger: .api)
        guard let report else { throw HTTPError(.conflict, message: "another process is computing; try again shortly") }
        return Response(status: .created, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: try JSONText.encode(report))))
    }

    /// The run a read is answered from: `?run=ID` (404 if it is not a kept, finished run),
    /// `?as_of=` an ISO 8601 date or date-time (the latest run finished by then; 404 if none),
    /// else the latest finished run (503 until the first run finishes).
    func latestRun(_ queries: MeasureQueries, _ request: Request, _ query: ResponseFormat.Query? = nil) async throws -> LatestRunCache.Run {
        let params = query ?? request.uri.queryParameters
        // An empty value (`?as_of=`, as an HTML form sends an empty field) is the same as none.
        var asked: Int64?
        if let text = params["run"], !text.isEmpty {
            guard let id = Int64(String(text)) else { throw HTTPError(.badRequest, message: "?run=\(text) is not a run id; GET /v1/runs lists them") }
            asked = id
        }
        var asOf: Date?
        if let text = params["as_of"], !text.isEmpty {
            guard let date = Self.parseInstant(String(text)) else {
                throw HTTPError(.badRequest, message: "?as_of=\(text) is not a date; use ISO 8601, e.g. 2026-11-01 or 2026-11-01T09:00:00Z")
            }
            asOf = date
        }
        do {
            if asked != nil || asOf != nil { return LatestRunCache.make(try await queries.run(asked, asOf: asOf)) }
            return try await latest.latest(queries, health: context.databaseHealth)
        } catch is MeasureQueries.NoRun {
            if let asked { throw HTTPError(.notFound, message: "run \(asked) is not a kept, finished run; GET /v1/runs lists them") }
            if asOf != nil { throw HTTPError(.notFound, message: "no run had finished by \(params["as_of"] ?? "")") }
            throw HTTPError(.serviceUnavailable, message: "no finished run yet; the first run starts when the daemon does")
        }
    }

    /// `2026-11-01` (end of that day, UTC) or an RFC 3339 date-time (``QueryInstant``).
    static func parseInstant(_ text: String) -> Date? {
        QueryInstant.parse(text, day: .end)
    }

    static func etag(_ key: RenderCache.Key) -> String {
        "\"r\(key.run)-\(FNV1a.hex(key.path + "|" + key.format + (key.welsh ? "|cy" : "") + "|" + key.audience))\""
    }

    /// ETag, run, language and caching headers of a representation of a run. `no-cache`: a client
    /// may keep it but must revalidate (the latest run changes); `Vary` names what chose it.
    static func headers(key: RenderCache.Key, run: LatestRunCache.Run) -> HTTPFields {
        var headers: HTTPFields = [.eTag: etag(key), .contentLanguage: key.welsh ? "cy" : "en", .cacheControl: "no-cache",
                                   .vary: "Accept, Accept-Language, Authorization"]
        headers[runHeader] = String(run.id)
        headers[runFinishedHeader] = run.finishedText
        return headers
    }

    static let runHeader = HTTPField.Name("X-Outcomesd-Run") ?? .contentLocation
    static let runFinishedHeader = HTTPField.Name("X-Outcomesd-Run-Finished") ?? .contentLocation
}
