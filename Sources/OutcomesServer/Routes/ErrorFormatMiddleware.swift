import Hummingbird
import Logging
import NIOHTTP1
import OutcomesStore
import OutcomesRender

/// Errors in the format the request asked for: a request for text or CSV gets its error as
/// plain text (`error 404: unknown area …`), others JSON `{"error": {"message": …}}` (the shape
/// Hummingbird uses). An unknown `format` itself is answered in JSON.
///
/// An unreachable database (``DatabaseFault``) is 503 with `Retry-After`. Anything else that is
/// not an `HTTPError` is a fault of ours: it is logged with the request (so an
/// operator can find it) and answered 500 with a body that says so, never an empty 500.
struct ErrorFormatMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            return try Self.formatted(error, request)
        } catch let error as any HTTPResponseError {
            // Hummingbird's own answers (e.g. 413 for a body over its limit): not our fault.
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch let error as HTTPParserError {
            // The request itself broke off (a body cut short: the client went away, or
            // RequestReadTimeout closed a slow one): not a fault of ours, and no one to answer.
            context.logger.notice("request ended early", metadata: [
                "method": "\(request.method)", "path": "\(request.uri.path)", "error": "\(error)",
            ])
            throw error
        } catch where DatabaseFault.isUnavailable(error) {
            // Not a fault of the request nor of ours: say so, and when to try again.
            context.logger.warning("request needs the database, which is unreachable", metadata: [
                "method": "\(request.method)", "path": "\(request.uri.path)", "error": "\(String(reflecting: error))",
            ])
            let unavailable = HTTPError(.serviceUnavailable, headers: [.retryAfter: "5"],
                                        message: "the database is unreachable (\(DatabaseFault.summary(error))); cached summaries are still served, this request needs the database; try again shortly")
            return try Self.formatted(unavailable, request)
        } catch {
            context.logger.error("request failed", metadata: [
                "method": "\(request.method)", "path": "\(request.uri.path)", "error": "\(String(reflecting: error))",
            ])
            let fault = HTTPError(.internalServerError, message: "internal error while answering \(request.uri.path); the daemon's log has the details")
            return try Self.formatted(fault, request)
        }
    }

    static func formatted(_ error: HTTPError, _ request: Request) throws -> Response {
        var headers = error.headers
        let message = error.body ?? error.status.reasonPhrase
        let body: String
        if let format = try? ResponseFormat.negotiate(request), format != .json {
            headers[.contentType] = "text/plain; charset=utf-8"
            body = "error \(error.status.code): \(message)\n"
        } else {
            // Hummingbird's shape, without its escaped slashes ("GET \/v1\/areas").
            headers[.contentType] = "application/json"
            body = try JSONText.encode(["error": ["message": message]])
        }
        return Response(status: error.status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
