import Hummingbird

/// The representation a reader asked for: `?format=json|text|csv`, else the `Accept` header,
/// else JSON (the default: what scripts and the OpenAPI description expect; people in a terminal
/// add `?format=text`).
enum ResponseFormat: String, CaseIterable, Sendable {
    case json, text, csv

    var contentType: String {
        switch self {
        case .json: "application/json"
        case .text: "text/plain; charset=utf-8"
        case .csv: "text/csv; charset=utf-8"
        }
    }

    static func negotiate(_ request: Request) throws -> ResponseFormat {
        if let asked = request.uri.queryParameters["format"] {
            guard let format = ResponseFormat(rawValue: String(asked)) else {
                throw HTTPError(.badRequest, message: "unknown format '\(asked)'; choose json, text or csv")
            }
            return format
        }
        let accept = request.headers[.accept]?.lowercased() ?? ""
        if accept.contains("text/csv") { return .csv }
        if accept.contains("text/plain") { return .text }
        return .json
    }

    /// Welsh when `?lang=cy` or `Accept-Language` starts with cy.
    static func welsh(_ request: Request) -> Bool {
        if let lang = request.uri.queryParameters["lang"] { return lang.lowercased() == "cy" }
        return request.headers[.acceptLanguage]?.lowercased().hasPrefix("cy") ?? false
    }
}
