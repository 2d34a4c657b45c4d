import Foundation

/// What every page shares: the language, the run it was rendered from, and how its links keep the
/// reader's choices (`?lang=`, and `?run=` or `?as_of=` when one was asked) as they move between
/// pages.
package struct PageContext: Sendable {
    package var welsh: Bool
    package var run: Int64
    package var finished: String
    /// Query items every internal link carries besides `lang` (the asked run, if any).
    package var keep: [(String, String)]

    package init(welsh: Bool, run: Int64, finished: String, keep: [(String, String)] = []) {
        self.welsh = welsh
        self.run = run
        self.finished = finished
        self.keep = keep
    }

    package func t(_ en: String, _ cy: String) -> String { Words.t(en, cy, welsh) }
    package var lang: String { welsh ? "cy" : "en" }

    /// A link to `path` in this page's language (escaped for an attribute).
    package func link(_ path: String, _ extra: [(String, String)] = [], welsh: Bool? = nil, fragment: String? = nil) -> String {
        let items = [("lang", (welsh ?? self.welsh) ? "cy" : "en")] + keep + extra
        let query = items.map { "\($0.0)=\(Self.queryEscape($0.1))" }.joined(separator: "&")
        return HTMLText.attribute(path + "?" + query + (fragment.map { "#" + $0 } ?? ""))
    }

    static func queryEscape(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~:"))) ?? ""
    }
}

/// The page around every view: document head (the one stylesheet, no scripts, no fonts from
/// elsewhere), a skip link, the site name, the language switch, the breadcrumb trail, and the run
/// the figures come from.
package enum PageLayout {
    package static let stylesheetPath = "/static/outcomesd.css"

    /// `crumbs`: (label, href) from the home page down; the last is the current page (no link).
    /// `path` and `extra`: this page, for the language switch.
    package static func page(_ c: PageContext, title: String, crumbs: [(String, String?)], path: String,
                             extra: [(String, String)] = [], body: String) -> String {
        let site = c.t("Children's outcomes in Wales", "Canlyniadau plant yng Nghymru")
        var out = """
            <!DOCTYPE html>
            <html lang="\(c.lang)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTMLText.escape(title)) – \(HTMLText.escape(site))</title>
            <link rel="stylesheet" href="\(HTMLText.attribute(Stylesheet.href))">
            </head>
            <body>
            <a class="skip" href="#main">\(c.t("Skip to content", "Neidio i'r cynnwys"))</a>
            <header class="site">
            <p class="brand"><a href="\(c.link("/"))">\(HTMLText.escape(site))</a></p>

            """
        let other = c.welsh
            ? "<a href=\"\(c.link(path, extra, welsh: false))\" hreflang=\"en\" lang=\"en\">English</a>"
            : "<a href=\"\(c.link(path, extra, welsh: true))\" hreflang=\"cy\" lang=\"cy\">Cymraeg</a>"
        out += "<nav class=\"lang\" aria-label=\"\(c.t("Language", "Iaith"))\">\(other)</nav>\n"
        out += "</header>\n"
        if crumbs.count > 1 {
            out += "<nav class=\"crumbs\" aria-label=\"\(c.t("Breadcrumb", "Briwsion bara"))\"><ol>"
            for (label, href) in crumbs {
                if let href {
                    out += "<li><a href=\"\(href)\">\(HTMLText.escape(label))</a></li>"
                } else {
                    out += "<li aria-current=\"page\">\(HTMLText.escape(label))</li>"
                }
            }
            out += "</ol></nav>\n"
        }
        out += "<main id=\"main\">\n" + body + "</main>\n"
        out += "<footer class=\"site\"><p>" + HTMLText.escape(c.t("Figures from compute run", "Ffigurau o rediad cyfrifo")) + " \(c.run), "
            + HTMLText.escape(c.finished) + ". "
            + HTMLText.escape(c.t("The same figures as JSON, text or CSV: /v1/summary and /v1/indicators/{id}.",
                                  "Yr un ffigurau fel JSON, testun neu CSV: /v1/summary a /v1/indicators/{id}."))
            + "</p></footer>\n</body>\n</html>\n"
        return out
    }
}
