import Foundation

/// The representation a reader asked for: `?format=json|text|csv`, else the `Accept` header,
/// else JSON (the default: what scripts and the OpenAPI description expect; people in a terminal
/// add `?format=text`). The server negotiates it from a request (OutcomesServer's
/// `ResponseFormat.negotiate`); the command line takes it as `--format`.
public enum ResponseFormat: String, CaseIterable, Sendable {
    case json, text, csv

    package var contentType: String {
        switch self {
        case .json: "application/json"
        case .text: "text/plain; charset=utf-8"
        case .csv: "text/csv; charset=utf-8"
        }
    }

    /// Whether an `Accept-Language` header ranks Welsh (`cy`, `cy-GB`) above English (RFC 9110
    /// §12.5.4 quality values; the first listed wins a tie). Any other language, or none, is
    /// English: an unknown language is never an error.
    package static func prefersWelsh(acceptLanguage header: String) -> Bool {
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
