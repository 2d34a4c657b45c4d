import Foundation
import Hummingbird
import OutcomesCore
import OutcomesStore
import OutcomesRender

/// The catalogue and the in-depth views: `/v1/areas[/{code}]`, `/v1/aims[/{n}]`,
/// `/v1/dimensions[/{letter}]`, `/v1/indicators`. Each is JSON (typed rows), text or CSV
/// (``Table``). An aim or dimension in depth lists every indicator under it with its latest value,
/// interval, comparison with Wales, trend, sparkline and the priority groups' gaps, for one area
/// (`?area=`, default Wales).
struct CatalogueRoutes: Sendable {
    let read: ReadRoutes
    var context: ServerContext { read.context }

    func register(on router: Router<BasicRequestContext>) {
        router.get("v1/areas") { request, _ in try await areas(request) }
        router.get("v1/areas/:code") { request, ctx in try await area(request, code: ctx.parameters.get("code") ?? "") }
        router.get("v1/aims") { request, _ in try await aims(request) }
        router.get("v1/aims/:n") { request, ctx in try await depth(request, aims: true, key: ctx.parameters.get("n") ?? "") }
        router.get("v1/dimensions") { request, _ in try await dimensions(request) }
        router.get("v1/dimensions/:letter") { request, ctx in try await depth(request, aims: false, key: ctx.parameters.get("letter") ?? "") }
        router.get("v1/indicators") { request, _ in try await indicators(request) }
    }

    /// A catalogue list: cached and tagged with the latest run like any read (the catalogue a
    /// process serves is fixed), or rendered afresh before the first run has finished.
    func catalogueList(_ request: Request, path: String, render: (ResponseFormat, Bool) throws -> String) async throws -> Response {
        do {
            return try await read.fromRun(request, path: path) { r in try render(r.format, r.welsh) }
        } catch let error as HTTPError where error.status == .serviceUnavailable {
            let format = try ResponseFormat.negotiate(request)
            let welsh = ResponseFormat.welsh(request)
            return Response(status: .ok, headers: [.contentType: format.contentType, .contentLanguage: welsh ? "cy" : "en"],
                            body: .init(byteBuffer: ByteBuffer(string: try render(format, welsh))))
        }
    }

    func list<Row: TableRow>(_ request: Request, path: String, heading: @escaping (Bool) -> [String],
                             rows: @escaping (Bool) -> [Row]) async throws -> Response {
        try await read.requireReader(request)
        return try await catalogueList(request, path: path) { format, welsh in
            try Table.render(rows(welsh), format: format, heading: heading(welsh), welsh: welsh)
        }
    }

    func areas(_ request: Request) async throws -> Response {
        let today = CivilDate.today()
        let areas = context.catalogue.areas
        return try await list(request, path: "areas", heading: { welsh in
            [Words.t("Areas", "Ardaloedd", welsh),
             Words.t("Wales, its Local Health Boards and local authorities, by ONS code; parent as of today.",
                     "Cymru, ei Byrddau Iechyd Lleol a'i hawdurdodau lleol, yn ôl cod ONS; rhiant ar ddyddiad heddiw.", welsh)]
        }, rows: { welsh in areas.map { AreaRow($0, welsh: welsh, today: today) } })
    }

    /// One area: its roll-up, which compares it with Wales and (a local authority) its health board.
    /// `summary` checks access, then the code.
    func area(_ request: Request, code: String) async throws -> Response {
        try await read.summary(request, areaCode: code)
    }

    func aims(_ request: Request) async throws -> Response {
        let c = context.catalogue
        return try await list(request, path: "aims", heading: { welsh in
            [Words.t("The seven core aims", "Y saith nod craidd", welsh),
             Words.t("GET /v1/aims/{n}?area=CODE shows an aim in depth.", "Mae GET /v1/aims/{n}?area=COD yn dangos nod yn fanwl.", welsh)]
        }, rows: { welsh in
            c.aims.map { a in
                AimRow(aim: a.number, title: a.title.text(welsh: welsh), title_en: a.title.en, title_cy: a.title.cy,
                       indicators: c.indicatorCountByAim[a.number] ?? 0)
            }
        })
    }

    func dimensions(_ request: Request) async throws -> Response {
        let c = context.catalogue
        return try await list(request, path: "dimensions", heading: { welsh in
            [Words.t("The nine well-being dimensions of s25(11)", "Naw agwedd ar les a25(11)", welsh),
             Words.t("GET /v1/dimensions/{letter}?area=CODE shows one in depth.",
                     "Mae GET /v1/dimensions/{llythyren}?area=COD yn dangos un yn fanwl.", welsh)]
        }, rows: { welsh in
            c.dimensions.map { d in
                DimensionRow(dimension: d.letter, title: d.title.text(welsh: welsh), title_en: d.title.en, title_cy: d.title.cy,
                             indicators: c.indicatorCountByDimension[d.letter] ?? 0)
            }
        })
    }

    func indicators(_ request: Request) async throws -> Response {
        try await read.requireReader(request)
        let catalogue = context.catalogue
        return try await catalogueList(request, path: "indicators") { format, welsh in
            try Renderings.indicators(catalogue, format: format, welsh: welsh)
        }
    }

    /// An aim or dimension in depth for one area.
    func depth(_ request: Request, aims: Bool, key: String) async throws -> Response {
        let principal = try await read.requireReader(request)
        let c = context.catalogue
        let members: [Indicator]
        let title: LocalizedText
        if aims {
            guard let n = Int(key), let aim = c.aims.first(where: { $0.number == n }) else {
                throw HTTPError(.notFound, message: "unknown aim '\(key)'; the core aims are numbered 1 to 7 (GET /v1/aims)")
            }
            members = c.indicators.filter { $0.aims.contains(n) }
            title = aim.title
        } else {
            guard let d = c.dimensions.first(where: { $0.letter == key }) else {
                throw HTTPError(.notFound, message: "unknown dimension '\(key)'; the s25(11) dimensions are lettered a to i (GET /v1/dimensions)")
            }
            members = c.indicators.filter { $0.dimensions.contains(key) }
            title = d.title
        }
        let code = request.uri.queryParameters["area"].map(String.init) ?? ComputeContext.walesCode
        guard let area = c.area(code) else { throw ReadRoutes.unknownArea(code) }
        let path = (aims ? "aim/" : "dimension/") + key + "/" + code
        return try await read.fromRun(request, path: path, audience: Suppression.audience(principal)) { r in
            let series = try await r.queries.series(area: code, indicators: members.map(\.id), run: r.run.id)
            var byIndicator: [String: [MeasureQueries.Series]] = [:]
            for s in series { byIndicator[s.indicator, default: []].append(s) }
            let rows = members.map { indicator in
                DepthRow(indicator: indicator, series: byIndicator[indicator.id] ?? [], catalogue: c,
                         suppress: Suppression.applies(to: principal, indicator: indicator), welsh: r.welsh)
            }
            let label = aims ? Words.t("Aim", "Nod", r.welsh) + " \(key)" : Words.t("Dimension", "Agwedd", r.welsh) + " (\(key))"
            let heading = [
                "\(label): \(title.text(welsh: r.welsh))",
                "\(area.name.text(welsh: r.welsh)) (\(code)); " + Words.fromRun(r.run.id, r.run.finishedText, r.welsh),
            ]
            let footer = [Words.trendLegend(r.welsh), Words.sparkLegend(r.welsh), Words.marksLegend(r.welsh),
                          Words.t("vs Wales: compared with Wales at 95% (best/worst at 99.8%); gaps: priority groups significantly apart from all children.",
                                  "v Cymru: o'i gymharu â Chymru ar 95% (gorau/gwaethaf ar 99.8%); bylchau: grwpiau blaenoriaeth sy'n arwyddocaol wahanol i bob plentyn.", r.welsh)]
            return try Table.render(rows, format: r.format, heading: heading, footer: footer, welsh: r.welsh)
        }
    }
}
