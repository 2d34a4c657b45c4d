import Foundation
import Hummingbird
import Logging
import OutcomesCore
import OutcomesFeeds
import OutcomesStore

/// `POST /v1/feeds`: a partner submits a CSV or JSON feed; the answer is the import report.
///
/// - bearer token of role `partner` (its own indicators only) or `admin` (`?partner=KEY`, which the
///   OpenAPI document marks required; a partner token may leave it out); none or unknown → 401;
///   an unknown partner → 404;
/// - `Content-Type: text/csv` or `application/json` (else 415); `?dry_run=true`, `?strict=true`;
/// - `?confirm_revisions=true` applies rows that change published figures (else they are refused
///   with `period_published`); `?reason=` is kept with each revision, and the token's name as who;
/// - body over the configured limit → 413, nothing stored;
/// - report as JSON, or plain text when `Accept: text/plain`;
/// - 200 when applied, a duplicate, or a dry run; 422 when rejected whole; 403 when every row was
///   refused because the indicators belong to another partner.
struct FeedRoutes: Sendable {
    let context: ServerContext
    let auth: BearerAuth

    func register(on router: Router<BasicRequestContext>) {
        router.post("v1/feeds") { request, _ in try await submit(request) }
    }

    func submit(_ request: Request) async throws -> Response {
        let principal = try await auth.require(request, [.partner, .admin])
        let query = request.uri.queryParameters
        // Stored as text (file name, reason), where PostgreSQL has no room for a NUL character.
        if let (name, _) = query.first(where: { $0.value.utf8.contains(0) }) {
            throw HTTPError(.badRequest, message: "?\(name)= holds a NUL character (%00); send text")
        }
        let partner: String
        if principal.role == .admin {
            guard let key = query["partner"].map(String.init) ?? principal.partner else {
                throw HTTPError(.badRequest, message: "missing ?partner=: an admin token must say whose feed this is (?partner=KEY, a partner in partners.yaml)")
            }
            partner = key
        } else {
            guard let key = principal.partner else { throw HTTPError(.forbidden, message: "this partner token has no partner") }
            if let asked = query["partner"], String(asked) != key {
                throw HTTPError(.forbidden, message: "a \(key) token may not submit feeds for \(asked)")
            }
            partner = key
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > context.maxFeedBytes {
            throw HTTPError(.contentTooLarge, message: "feed of \(length) bytes is over the limit of \(context.maxFeedBytes) bytes")
        }
        // HTTP says the format in its media type (FeedFormat's one rule for media types); none of
        // the feed media types is 415.
        let contentType = request.headers[.contentType] ?? ""
        guard let format = FeedFormat.declared(by: contentType) else {
            throw HTTPError(.unsupportedMediaType, message: "send the feed as text/csv or application/json, not '\(contentType)'")
        }
        let submission: FeedSubmission
        do {
            submission = try FeedSubmission(
                partner: partner, in: context.catalogue, source: .http, fileName: query["file_name"].map(String.init), format: format,
                strict: try Self.flag(query["strict"], "strict"), dryRun: try Self.flag(query["dry_run"], "dry_run"), today: CivilDate.today(),
                submittedBy: principal.name, reason: query["reason"].map(String.init),
                confirmRevisions: try Self.flag(query["confirm_revisions"], "confirm_revisions"))
        } catch let unknown as FeedSubmission.UnknownPartner {
            // Like an unknown area or indicator, an unknown partner is 404.
            throw HTTPError(.notFound, message: "?partner=: \(unknown)")
        }
        let report: ImportReport
        do {
            report = try await context.makeFeedIngest(logger: context.logger)
                .ingest(LimitedBody(base: request.body, limit: context.maxFeedBytes), submission)
        } catch let error as LimitedBody<RequestBody>.TooLarge {
            throw HTTPError(.contentTooLarge, message: "feed is over the limit of \(error.limit) bytes; nothing was stored")
        }
        context.metrics.feedIngested(report)
        if report.status == .applied { context.feedSignal.applied() }
        let allForeign = report.rows > 0 && report.foreign == report.rows
        let status: HTTPResponse.Status = allForeign ? .forbidden : (report.status == .rejected ? .unprocessableContent : .ok)
        return try Self.render(report, status: status, accept: request.headers[.accept])
    }

    /// A yes/no query flag; anything else is refused (a typo in `dry_run` must not write data).
    static func flag(_ value: Substring?, _ name: String) throws -> Bool {
        guard let value else { return false }
        switch value.lowercased() {
        case "true", "1", "yes", "": return true
        case "false", "0", "no": return false
        default: throw HTTPError(.badRequest, message: "?\(name)=\(value) is not a yes/no value; use true or false")
        }
    }

    static func render(_ report: ImportReport, status: HTTPResponse.Status, accept: String?) throws -> Response {
        if let accept, accept.contains("text/plain") {
            return Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: report.text)))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Response(status: status, headers: [.contentType: "application/json"],
                        body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(report))))
    }
}
