import Foundation
import Hummingbird
import HTTPTypes
import OutcomesCore
import OutcomesStore
import OutcomesRender

/// The pages for a browser (issue 15): `GET /` (the areas, aims and dimensions),
/// `GET /profiles/{area}` (every indicator with a spine chart; `?by=dimension` groups by s25(11)
/// dimension) and `GET /profiles/{area}/indicators/{id}` (the series as a line chart and a
/// table), and the one stylesheet they use, `GET /static/outcomesd.css`. HTML with inline SVG, no
/// scripts; Welsh by `?lang=cy` or `Accept-Language`. The same rules as every read: readers only
/// (anonymous with `serving.anonymous_read`), small numbers withheld as for the other formats, an
/// ETag per run and representation, rendered once per run and audience (``RenderCache``).
struct ProfileRoutes: Sendable {
    let read: ReadRoutes
    var context: ServerContext { read.context }

    static let htmlType = "text/html; charset=utf-8"

    func register(on router: Router<BasicRequestContext>) {
        router.get("/") { request, _ in try await home(request) }
        router.get("profiles/:area") { request, ctx in try await profile(request, code: ctx.parameters.get("area") ?? "") }
        router.get("profiles/:area/indicators/:id") { request, ctx in
            try await series(request, code: ctx.parameters.get("area") ?? "", id: ctx.parameters.get("id") ?? "")
        }
        router.get("static/outcomesd.css") { request, _ in stylesheet(request) }
    }

    /// The stylesheet: public (a page's look is no secret), cached for a year (its link carries
    /// its hash, so a new binary's stylesheet has a new URL) and revalidated by its ETag.
    func stylesheet(_ request: Request) -> Response {
        let headers: HTTPFields = [.contentType: "text/css; charset=utf-8", .eTag: Stylesheet.etag,
                                   .cacheControl: "public, max-age=31536000, immutable"]
        if let match = request.headers[.ifNoneMatch], match.contains(Stylesheet.etag) || match == "*" {
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: Stylesheet.css)))
    }

    /// A page of a run: like ``ReadRoutes/fromRun`` (run, ETag and 304, render cache, run headers)
    /// for the one representation HTML has.
    func page(_ request: Request, path: String, audience: String,
              render: (PageContext, ReadRoutes.Rendering) async throws -> String) async throws -> Response {
        let query = request.uri.queryParameters
        let welsh = ResponseFormat.welsh(request, query)
        let queries = MeasureQueries(client: context.client, logger: context.logger, rollUps: context.rollUps)
        let run = try await read.latestRun(queries, request, query)
        var keep: [(String, String)] = []
        for name in ["run", "as_of"] { if let v = query[Substring(name)], !v.isEmpty { keep.append((name, String(v))) } }
        // What chose the page is in the key: the run, the path (with ?by=) and the kept query.
        let keyPath = "html/" + path + keep.map { "|\($0.0)=\($0.1)" }.joined()
        let key = RenderCache.Key(run: run.id, path: keyPath, format: "html", welsh: welsh, audience: audience)
        let entry: RenderCache.Entry
        if let hit = read.cache.get(key) {
            entry = hit
        } else {
            var headers = ReadRoutes.headers(key: key, run: run)
            headers[.contentType] = Self.htmlType
            let c = PageContext(welsh: welsh, run: run.id, finished: run.finishedText, keep: keep)
            let body = ByteBuffer(string: try await render(c, ReadRoutes.Rendering(format: .json, welsh: welsh, run: run, queries: queries)))
            headers[.contentLength] = String(body.readableBytes)
            entry = RenderCache.Entry(body: body, headers: headers)
            read.cache.put(key, entry)
        }
        if let match = request.headers[.ifNoneMatch], let etag = entry.headers[.eTag], match.contains(etag) || match == "*" {
            var headers = entry.headers
            headers[.contentType] = nil
            headers[.contentLength] = nil
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: entry.headers, body: .init(byteBuffer: entry.body))
    }

    func home(_ request: Request) async throws -> Response {
        try await read.requireReader(request)
        let catalogue = context.catalogue
        return try await page(request, path: "home", audience: "public") { c, _ in
            HomePage(catalogue: catalogue, today: CivilDate.today()).render(c)
        }
    }

    func area(_ code: String) throws -> Area {
        guard let area = context.catalogue.area(code) else { throw ReadRoutes.unknownArea(code) }
        return area
    }

    /// The health board of a local authority today (nil for Wales and the boards).
    static func board(of area: Area, _ catalogue: Catalogue) -> Area? {
        guard area.kind == .localAuthority else { return nil }
        return area.parent(on: CivilDate.today()).flatMap(catalogue.area)
    }

    func profile(_ request: Request, code: String) async throws -> Response {
        let principal = try await read.requireReader(request)
        let area = try area(code)
        let by = request.uri.queryParameters["by"].map(String.init) ?? "aim"
        guard let grouping = ProfilePage.Grouping(rawValue: by) else {
            throw HTTPError(.badRequest, message: "?by=\(by) is not a grouping; use aim or dimension")
        }
        let catalogue = context.catalogue
        let log = AlertLog(client: context.client, logger: context.logger)
        return try await page(request, path: "profile/\(code)/\(by)", audience: Suppression.audience(principal)) { c, r in
            let ids = catalogue.indicators.map(\.id)
            let series = try await r.queries.series(area: code, indicators: ids, run: r.run.id)
            let across = try await r.queries.latestAcrossAreas(indicators: ids, run: r.run.id)
            let authorities = Set(catalogue.areas.filter { $0.kind == .localAuthority }.map(\.code))
            var rows: [String: ProfilePage.Row] = [:]
            for indicator in catalogue.indicators {
                let suppress = Suppression.applies(to: principal, indicator: indicator)
                let latest = series.first { $0.indicator == indicator.id && $0.breakdown == Breakdown.allKey }?.latest
                    .map { suppress ? Suppression.apply($0, indicator: indicator) : $0 }
                let points = across[indicator.id] ?? []
                func small(_ p: MeasureQueries.LatestPoint) -> Bool {
                    suppress && SmallNumbers.isSmall(indicator, numerator: p.numerator, denominator: p.denominator, value: p.value)
                }
                let wales = points.first { $0.area == ComputeContext.walesCode }
                // The spine: every local authority at the period shown (the latest of most).
                let period = latest?.period ?? wales?.period
                let spread = points.filter { authorities.contains($0.area) && $0.period == period && !small($0) }.compactMap(\.value)
                rows[indicator.id] = ProfilePage.Row(latest: latest, wales: wales.flatMap { small($0) ? nil : $0.value },
                                                     walesWithheld: wales.map(small) ?? false, spread: spread)
            }
            let alerts = try await log.alerts(AlertLog.Filter(states: [.firing], area: code)).map { e in
                ProfilePage.Alert(indicator: e.indicator, severity: e.severity, summary: c.welsh ? e.summary_cy : e.summary)
            }
            return ProfilePage(area: area, board: Self.board(of: area, catalogue), grouping: grouping, rows: rows, alerts: alerts,
                               catalogue: catalogue).render(c)
        }
    }

    func series(_ request: Request, code: String, id: String) async throws -> Response {
        let principal = try await read.requireReader(request)
        let area = try area(code)
        let catalogue = context.catalogue
        guard let indicator = catalogue.indicator(id) else {
            throw HTTPError(.notFound, message: "unknown indicator '\(id)'; GET /v1/indicators lists them (or `outcomesd catalogue`)")
        }
        let suppress = Suppression.applies(to: principal, indicator: indicator)
        let board = Self.board(of: area, catalogue)
        return try await page(request, path: "series/\(code)/\(id)", audience: suppress ? "public" : "full") { c, r in
            func shown(_ records: [MeasureQueries.Record]) -> [MeasureQueries.Record] {
                suppress ? records.map { Suppression.apply($0, indicator: indicator) } : records
            }
            let q = r.queries, run = r.run.id
            let records = shown(try await q.series(indicator: id, area: code, run: run))
            let wales = code == ComputeContext.walesCode ? [] : shown(try await q.series(indicator: id, area: ComputeContext.walesCode, run: run))
            var boardRecords: [MeasureQueries.Record] = []
            if let board { boardRecords = shown(try await q.series(indicator: id, area: board.code, run: run)) }
            let priority = Set(catalogue.breakdowns.filter(\.isPriorityGroup).map(\.key))
            let groups = try await q.series(area: code, indicators: [id], run: run)
                .filter { priority.contains($0.breakdown) }
                .map { (key: $0.breakdown, records: shown($0.records)) }
            return SeriesPage(indicator: indicator, area: area, board: board, records: records, wales: wales, boardRecords: boardRecords,
                              groups: groups, catalogue: catalogue).render(c)
        }
    }
}
