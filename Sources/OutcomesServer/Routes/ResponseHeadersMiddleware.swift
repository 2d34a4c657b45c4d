import Hummingbird

/// Headers every response carries, errors included (issue 14): `X-Content-Type-Options:
/// nosniff`, so a browser never guesses a CSV or text answer (which may quote a partner's cell)
/// to be HTML. Outermost in the chain, it also turns the errors that pass
/// ``ErrorFormatMiddleware`` (Hummingbird's own, e.g. 413) into responses, so they get it too.
///
/// The `Server` header is the application's `serverName`, `outcomesd`, with no version: the
/// version is for the operator (`outcomesd --version`, `/metrics`), not for every client.
struct ResponseHeadersMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        return response
    }
}
