import Foundation
import Hummingbird
import HummingbirdCore

/// The representation a reader asked for: `?format=json|text|csv`, else the `Accept` header,
/// else JSON (the default: what scripts and the OpenAPI description expect; people in a terminal
/// add `?format=text`).
public enum ResponseFormat: String, CaseIterable, Sendable {
    case json, text, csv

    var contentType: String {
        switch self {
        case .json: "application/json"
        case .text: "text/plain; charset=utf-8"
        case .csv: "text/csv; charset=utf-8"
        }
    }

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

    static func prefersWelsh(acceptLanguage header: String) -> Bool {
        var best: (q: Double, welsh: Bool)?
        for item in header.lowercased().split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first, !tag.isEmpty else { continue }
            let welsh = tag == "cy" || tag.hasPrefix("cy-")
            guard welsh || tag == "en" || tag.hasPrefix("en-") else { continue }
            var q = 1.0
            for p in parts.dropFirst() where p.hasPrefix("q=") { q = Double(p.dropFirst(2)) ?? 0 }
            if q > 0, q > (best?.q ?? 0) { best = (q, welsh) }
        }
        return best?.welsh ?? false
    }
}
