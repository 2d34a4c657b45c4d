import Hummingbird

/// 405 with `Allow` for a method a known path does not have (RFC 9110 §15.5.6), instead of the
/// router's 404; a path no route has stays 404.
///
/// The table is the router's own list of routes (`Router.routes`), taken when the middleware is
/// added, plus `HEAD` wherever there is a `GET` (the router answers those with
/// `.autoGenerateHeadEndpoints`). Add it after every route: a router middleware wraps only the
/// endpoints added after it, and the not-found responder, which is built with all of them, so
/// added last it runs exactly for requests that matched no path and method.
///
/// ```swift
/// let router = Router(options: .autoGenerateHeadEndpoints)
/// router.get("v1/summary") { … }
/// router.add(middleware: MethodNotAllowedMiddleware(routes: router.routes, headFromGet: true))
/// // DELETE /v1/summary → 405, Allow: GET, HEAD
/// ```
struct MethodNotAllowedMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    /// One path of the router and the methods it answers.
    struct Entry: Sendable {
        var path: RouterPath
        var methods: [HTTPRequest.Method]
        /// Literal segments: where several paths match, the router prefers literals.
        var literals: Int
    }

    let entries: [Entry]

    init(routes: [Router<BasicRequestContext>.RouteDescription], headFromGet: Bool) {
        var byPath: [String: (path: RouterPath, methods: Set<HTTPRequest.Method>)] = [:]
        for route in routes {
            byPath[route.path.description, default: (route.path, [])].methods.insert(route.method)
        }
        entries = byPath.values.map { path, methods in
            var methods = methods
            if headFromGet && methods.contains(.get) { methods.insert(.head) }
            let literals = path.components.count { !Self.isPattern($0) }
            return Entry(path: path, methods: methods.sorted { $0.rawValue < $1.rawValue }, literals: literals)
        }
    }

    /// The methods the router answers at `path`, or nil when no route has this path.
    func allowed(at path: String) -> [HTTPRequest.Method]? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        return entries.filter { Self.matches($0.path, segments) }.max { $0.literals < $1.literals }?.methods
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let methods = allowed(at: request.uri.path) else {
            return try await next(request, context)
        }
        let list = methods.map(\.rawValue).joined(separator: ", ")
        throw HTTPError(.methodNotAllowed, headers: [.allow: list],
                        message: "\(request.method.rawValue) is not allowed on \(request.uri.path); allowed: \(list)")
    }

    static func isPattern(_ element: RouterPath.Element) -> Bool {
        let text = element.description
        return text.contains("{") || text.contains("*")
    }

    static func matches(_ path: RouterPath, _ segments: [Substring]) -> Bool {
        var index = 0
        for element in path.components {
            if element.description == "**" { return index < segments.count }
            guard index < segments.count, element ~= segments[index] else { return false }
            index += 1
        }
        return index == segments.count
    }
}
