import Hummingbird

/// Errors in the format the request asked for: a request for text or CSV gets its error as
/// plain text (`error 404: unknown area …`), others get Hummingbird's JSON
/// `{"error": {"message": …}}`. An unknown `format` itself is answered in JSON.
struct ErrorFormatMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            guard let format = try? ResponseFormat.negotiate(request), format != .json else { throw error }
            var headers = error.headers
            headers[.contentType] = "text/plain; charset=utf-8"
            let text = "error \(error.status.code): \(error.body ?? error.status.reasonPhrase)\n"
            return Response(status: error.status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
        }
    }
}
