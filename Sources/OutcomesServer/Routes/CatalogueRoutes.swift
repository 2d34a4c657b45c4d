import Foundation
import Hummingbird
import OutcomesCore
import OutcomesStore

/// The catalogue and the in-depth views: `/v1/areas[/{code}]`, `/v1/aims[/{n}]`,
/// `/v1/dimensions[/{letter}]`, `/v1/indicators`. Lists are JSON, text or CSV; an aim or
/// dimension in depth lists every indicator under it with its latest value, interval, benchmark,
/// trend and the priority groups' gaps, for one area (`?area=`, default Wales).
struct CatalogueRoutes: Sendable {
    let read: ReadRoutes
    var context: ServerContext { read.context }

    func register(on router: Router<BasicRequestContext>) {
        router.get("v1/areas") { request, _ in try await areas(request) }
        router.get("v1/areas/:code") { request, ctx in try await area(request, code: ctx.parameters.get("code") ?? "") }
        router.get("v1/aims") { request, _ in try await groups(request, aims: true) }
        router.get("v1/aims/:n") { request, ctx in try await depth(request, aims: true, key: ctx.parameters.get("n") ?? "") }
        router.get("v1/dimensions") { request, _ in try await groups(request, aims: false) }
        router.get("v1/dimensions/:letter") { request, ctx in try await depth(request, aims: false, key: ctx.parameters.get("letter") ?? "") }
        router.get("v1/indicators") { request, _ in try await indicators(request) }
    }

    /// A table rendered in the asked format: JSON array of objects, aligned text, or CSV.
    func table(_ request: Request, columns: [String], rows: [[String]], title: String) throws -> Response {
        let format = try ResponseFormat.negotiate(request)
        let body: String
        switch format {
        case .json:
            let objects = rows.map { Dictionary(uniqueKeysWithValues: zip(columns, $0)) }
            body = try ReadRoutes.json(objects)
        case .csv:
            body = ([columns] + rows).map { $0.map(SummaryCSV.quote).joined(separator: ",") }.joined(separator: "\n") + "\n"
        case .text:
            var widths = columns.map(\.count)
            for row in rows { for (i, cell) in row.enumerated() { widths[i] = min(48, max(widths[i], cell.count)) } }
            func line(_ cells: [String]) -> String {
                cells.enumerated().map { i, c in i == cells.count - 1 ? c : SummaryText.pad(c, widths[i] + 1) }.joined(separator: " ")
            }
            body = title + "\n\n" + ([line(columns)] + rows.map(line)).joined(separator: "\n") + "\n"
                + (columns.contains("trend") ? "\n" + MeasuresText.legend + "\n" : "")
        }
        return Response(status: .ok, headers: [.contentType: format.contentType], body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    /// The latest run's id and time on a response that does not itself depend on a run.
    func withRunHeaders(_ response: Response) async -> Response {
        var response = response
        if let run = try? await read.latest.latest(MeasureQueries(client: context.client, logger: context.logger)) {
            response.headers[ReadRoutes.runHeader] = String(run.id)
            response.headers[ReadRoutes.runFinishedHeader] = run.finishedText
        }
        return response
    }

    func areas(_ request: Request) async throws -> Response {
        try await read.requireReader(request)
        let welsh = ResponseFormat.welsh(request)
        let today = CivilDate.today()
        let rows = context.catalogue.areas.map { a in
            [a.code, a.name.text(welsh: welsh), a.kind.rawValue, a.parent(on: today) ?? "", a.validFrom?.description ?? "", a.validTo?.description ?? ""]
        }
        return await withRunHeaders(try table(request, columns: ["code", "name", "kind", "parent", "valid_from", "valid_to"], rows: rows, title: "Areas"))
    }

    /// One area: its names and parent, and its roll-up (which compares it with Wales).
    func area(_ request: Request, code: String) async throws -> Response {
        try await read.requireReader(request)
        guard context.catalogue.area(code) != nil else {
            throw HTTPError(.notFound, message: "unknown area '\(code)'; GET /v1/areas lists the ONS codes")
        }
        return try await read.summary(request, areaCode: code)
    }

    func groups(_ request: Request, aims: Bool) async throws -> Response {
        try await read.requireReader(request)
        let welsh = ResponseFormat.welsh(request)
        let c = context.catalogue
        let rows: [[String]] = aims
            ? c.aims.map { a in [String(a.number), a.title.text(welsh: welsh), String(c.indicatorCountByAim[a.number] ?? 0)] }
            : c.dimensions.map { d in [d.letter, d.title.text(welsh: welsh), String(c.indicatorCountByDimension[d.letter] ?? 0)] }
        return await withRunHeaders(try table(request, columns: [aims ? "aim" : "dimension", "title", "indicators"], rows: rows,
                                              title: aims ? "The seven core aims" : "The nine well-being dimensions of s25(11)"))
    }

    func indicators(_ request: Request) async throws -> Response {
        try await read.requireReader(request)
        let rows = context.catalogue.indicators.map { i in
            [i.id, i.title.en, i.kind.rawValue, i.unit, i.polarity.rawValue, i.aims.map(String.init).joined(separator: " "),
             i.dimensions.joined(separator: " "), i.partner, i.periodType.rawValue, i.breakdowns.joined(separator: " ")]
        }
        return await withRunHeaders(try table(request, columns: ["id", "title", "type", "unit", "polarity", "aims", "dimensions", "partner", "period_type", "breakdowns"],
                                              rows: rows, title: "Indicators"))
    }

    /// An aim or dimension in depth for one area.
    func depth(_ request: Request, aims: Bool, key: String) async throws -> Response {
        let principal = try await read.requireReader(request)
        let c = context.catalogue
        let members: [Indicator]
        let title: String
        if aims {
            guard let n = Int(key), let aim = c.aims.first(where: { $0.number == n }) else {
                throw HTTPError(.notFound, message: "unknown aim '\(key)'; the core aims are numbered 1 to 7")
            }
            members = c.indicators.filter { $0.aims.contains(n) }
            title = "Aim \(n): \(aim.title.text(welsh: ResponseFormat.welsh(request)))"
        } else {
            guard let d = c.dimensions.first(where: { $0.letter == key }) else {
                throw HTTPError(.notFound, message: "unknown dimension '\(key)'; the s25(11) dimensions are lettered a to i")
            }
            members = c.indicators.filter { $0.dimensions.contains(key) }
            title = "Dimension (\(key)): \(d.title.text(welsh: ResponseFormat.welsh(request)))"
        }
        let code = request.uri.queryParameters["area"].map(String.init) ?? ComputeContext.walesCode
        guard let area = c.area(code) else {
            throw HTTPError(.notFound, message: "unknown area '\(code)'; GET /v1/areas lists the ONS codes")
        }
        let queries = MeasureQueries(client: context.client, logger: context.logger)
        let run = try await read.latestRun(queries, request)
        let latest = try await queries.latest(area: code, indicators: members.map(\.id), run: run.id)
        func fmt(_ d: Double?) -> String { d.map { String(format: "%.4g", $0) } ?? "" }
        var rows: [[String]] = []
        for indicator in members.sorted(by: { $0.id < $1.id }) {
            let suppress = Suppression.applies(to: principal, indicator: indicator)
            let series = latest.filter { $0.indicator == indicator.id }
            guard let all = series.first(where: { $0.breakdown == Breakdown.allKey }) else {
                rows.append([indicator.id, "", "", "", "", "", "no data", ""])
                continue
            }
            let r = suppress ? Suppression.apply(all.record, indicator: indicator) : all.record
            let gaps = series.filter { $0.breakdown != Breakdown.allKey && $0.record.gapSignificant == true }
                .map { "\($0.breakdown) \(suppress ? "" : fmt($0.record.gap))" }.joined(separator: "; ")
            rows.append([indicator.id, r.period, fmt(r.value), fmt(r.lower95), fmt(r.upper95), r.benchmark ?? "not_compared",
                         (try? ResponseFormat.negotiate(request)) == .text ? MeasuresText.arrow(r.trend) + " " + (r.trend ?? "") : (r.trend ?? ""),
                         gaps])
        }
        var response = try table(request, columns: ["indicator", "period", "value", "lower95", "upper95", "vs_wales", "trend", "significant_gaps"],
                                 rows: rows, title: "\(title) — \(area.name.text(welsh: ResponseFormat.welsh(request))) (\(code)), run \(run.id)")
        response.headers[ReadRoutes.runHeader] = String(run.id)
        response.headers[ReadRoutes.runFinishedHeader] = run.finishedText
        return response
    }
}
