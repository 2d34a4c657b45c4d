import Foundation
import Hummingbird
import HummingbirdCore
import OutcomesRender

/// The representation a request asks for: `?format=json|text|csv`, else the `Accept` header,
/// else JSON (the enum and its content types are OutcomesRender's, shared with the command line).
extension ResponseFormat {
    /// The query of a request, parsed once per request (Hummingbird parses it on every access).
    typealias Query = FlatDictionary<Substring, Substring>

    static func negotiate(_ request: Request, _ query: Query? = nil) throws -> ResponseFormat {
        if let asked = (query ?? request.uri.queryParameters)["format"] {
            guard let format = ResponseFormat(rawValue: String(asked)) else {
                throw HTTPError(.badRequest, message: "unknown format '\(asked)'; choose json, text or csv")
            }
            return format
        }
        // No `Accept` (most scripts): JSON, without Foundation's substring search (0.6% of a
        // cached summary's CPU time, even on an empty string).
        guard let accept = request.headers[.accept]?.lowercased(), !accept.isEmpty else { return .json }
        if accept.contains("text/csv") { return .csv }
        if accept.contains("text/plain") { return .text }
        return .json
    }

    /// Welsh when `?lang=cy`, else when `Accept-Language` ranks Welsh (`cy`, `cy-GB`) above English
    /// (RFC 9110 §12.5.4 quality values; the first listed wins a tie). Any other language, or none,
    /// is English: an unknown language is never an error.
    static func welsh(_ request: Request, _ query: Query? = nil) -> Bool {
        if let lang = (query ?? request.uri.queryParameters)["lang"] { return lang.lowercased().hasPrefix("cy") }
        guard let header = request.headers[.acceptLanguage] else { return false }
        return prefersWelsh(acceptLanguage: header)
    }
}
