import Foundation

/// Escaping for the HTML pages: every text that is not markup we wrote goes through ``escape``
/// (names and titles from the catalogue, alert summaries, numbers), and through ``attribute`` in
/// an attribute value. `&`, `<`, `>`, `"` and `'` become character references, so no catalogue
/// text or feed-supplied string can open a tag or leave an attribute.
package enum HTMLText {
    package static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// The same as ``escape``: quotes are escaped too, so it is safe in a quoted attribute.
    package static func attribute(_ text: String) -> String { escape(text) }

    /// A fragment for an `id` attribute (letters, digits, `-` and `_`; anything else `-`).
    package static func id(_ text: String) -> String {
        String(text.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "-" })
    }

    /// A path segment (an area code or an indicator id) percent-encoded for a link.
    package static func path(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))) ?? ""
    }

    /// Numbers as the tables show them (4 significant figures); "" when absent.
    package static func number(_ x: Double?) -> String { CellText.number(x) }

    /// A coordinate in an SVG: one decimal place, no exponent.
    package static func coordinate(_ x: Double) -> String {
        let r = (x * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(format: "%.1f", r)
    }
}
