import Foundation
import Hummingbird
import OutcomesCore
import OutcomesStore
import OutcomesFeeds
import OutcomesRender

/// `GET /v1/feeds` and `GET /v1/feeds/{id}`: the feed log and import reports, as JSON, text or
/// CSV. A partner sees its own feeds; an admin sees all; readers none. A report's CSV is its
/// errors, one per row (the feed's own fields are in the log's CSV).
struct FeedLogRoutes: Sendable {
    let read: ReadRoutes
    var context: ServerContext { read.context }

    func register(on router: Router<BasicRequestContext>) {
        router.get("v1/feeds") { request, _ in try await list(request) }
        router.get("v1/feeds/:id") { request, ctx in try await one(request, id: ctx.parameters.get("id") ?? "") }
    }

    var log: FeedLog { FeedLog(client: context.client, logger: context.logger) }

    func list(_ request: Request) async throws -> Response {
        let principal = try await read.auth.require(request, [.partner, .admin])
        let format = try ResponseFormat.negotiate(request)
        let welsh = ResponseFormat.welsh(request)
        let feeds = try await log.entries(partner: principal.role == .admin ? nil : principal.partner)
        let scope = principal.role == .admin ? Words.t("all partners", "pob partner", welsh) : (principal.partner ?? "")
        let body = try Table.render(feeds, format: format, heading: [
            Words.t("Feeds received, newest first", "Ffrydiau a dderbyniwyd, y diweddaraf yn gyntaf", welsh) + " (\(scope))",
            Words.t("new/upd/same/rej: rows inserted, updated, unchanged, rejected. GET /v1/feeds/{id} shows a report.",
                    "newydd/diwed/heb/gwrth: rhesi newydd, wedi'u diweddaru, heb newid, wedi'u gwrthod. Mae GET /v1/feeds/{id} yn dangos adroddiad.", welsh),
        ], welsh: welsh)
        return await read.withRunHeaders(Self.response(body, format))
    }

    func one(_ request: Request, id text: String) async throws -> Response {
        let principal = try await read.auth.require(request, [.partner, .admin])
        let format = try ResponseFormat.negotiate(request)
        guard let id = Int64(text) else {
            throw HTTPError(.badRequest, message: "'\(text)' is not a feed id (a whole number); GET /v1/feeds lists yours")
        }
        guard let feed = try await log.report(id: id, partner: principal.role == .admin ? nil : principal.partner) else {
            throw HTTPError(.notFound, message: "no feed \(id) visible to this token; GET /v1/feeds lists yours")
        }
        let body: String
        switch format {
        case .json: body = try JSONText.encode(feed)
        case .csv: body = Table.csv(header: RowError.columns, rows: (feed.errors ?? []).map(\.cells))
        case .text: body = Self.reportText(feed, welsh: ResponseFormat.welsh(request))
        }
        return await read.withRunHeaders(Self.response(body, format))
    }

    static func response(_ body: String, _ format: ResponseFormat) -> Response {
        Response(status: .ok, headers: [.contentType: format.contentType, .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    /// An import report for a person: what came in, what happened to it, and each error.
    static func reportText(_ f: FeedLog.Entry, welsh: Bool) -> String {
        let t = { (en: String, cy: String) in Words.t(en, cy, welsh) }
        var facts: [(String, String)] = [
            (t("partner", "partner"), f.partner),
            (t("received", "derbyniwyd"), CellText.date(f.received_at) + " " + t("via", "drwy") + " \(f.source)"),
            (t("file", "ffeil"), (f.file_name ?? "-") + " (\(f.format), \(f.byte_size) " + t("bytes", "beit") + ")"),
            (t("status", "statws"), f.status + (f.duplicate_of.map { " " + t("of feed", "o ffrwd") + " \($0)" } ?? "")),
            (t("rows", "rhesi"), "\(f.rows): \(f.inserted) " + t("inserted", "newydd") + ", \(f.updated) " + t("updated", "wedi'u diweddaru")
                + ", \(f.unchanged) " + t("unchanged", "heb newid") + ", \(f.rejected) " + t("rejected", "wedi'u gwrthod")),
        ]
        if let message = f.message { facts.append((t("message", "neges"), message)) }
        let width = facts.map(\.0.count).max() ?? 0
        let heading = t("Feed", "Ffrwd") + " \(f.id)"
        var out = heading + "\n" + String(repeating: "=", count: heading.count) + "\n"
        for (label, value) in facts { out += TextWrap.hanging(SummaryText.pad(label, width + 2), value) }
        let errors = f.errors ?? []
        out += "\n"
        if errors.isEmpty {
            out += t("No errors recorded.", "Dim gwallau wedi'u cofnodi.") + "\n"
        } else {
            out += Table.text(header: RowError.textColumns.map { Words.column($0, welsh) }, rows: errors.map { ($0.textCells, $0.textNotes) },
                              heading: [t("Errors", "Gwallau") + " (\(errors.count)" + (f.rejected > errors.count ? " " + t("of", "o") + " \(f.rejected)" : "") + ")"],
                              footer: [], welsh: welsh)
        }
        return out
    }
}
