import OutcomesCore

/// The one stylesheet of the HTML pages, served by the daemon at ``PageLayout/stylesheetPath``
/// (no fonts or scripts from elsewhere: the pages work on a network with no way out). System
/// fonts; colours that keep 4.5:1 contrast for text; marker shapes carry the comparison as well
/// as colour; printed pages drop the navigation and keep the charts' colours.
package enum Stylesheet {
    package static let css = """
        :root{--ink:#1b1b1b;--muted:#505a5f;--line:#b1b4b6;--bg:#fff;--link:#1d4f91;--focus:#ffdd00;--better:#00703c;--similar:#b58900;--worse:#c0392b;--none:#ffffff;--hi:#1d4f91;--lo:#8fb6e8;--range:#e4e6e8;--iqr:#9aa1a6}
        *{box-sizing:border-box}
        body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--bg)}
        a{color:var(--link)}
        a:focus,summary:focus{outline:3px solid var(--focus);outline-offset:0;background:var(--focus);color:var(--ink)}
        .skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;padding:4px 8px}
        header.site{display:flex;justify-content:space-between;align-items:center;padding:8px 24px;border-bottom:4px solid var(--link)}
        .brand{margin:0;font-weight:700}.brand a{text-decoration:none;color:var(--ink)}
        .crumbs ol{list-style:none;margin:0;padding:8px 24px;display:flex;flex-wrap:wrap;gap:4px}
        .crumbs li+li:before{content:"›";margin-right:4px;color:var(--muted)}
        main{padding:0 24px 24px;max-width:1200px}
        footer.site{padding:8px 24px;color:var(--muted);border-top:1px solid var(--line);font-size:14px}
        h1{font-size:28px;margin:16px 0 8px}h2{font-size:22px;margin:24px 0 8px}h3{font-size:18px;margin:16px 0 8px}
        .lede{color:var(--muted);margin-top:0}
        ul.cols{columns:3 16em;padding-left:20px}
        table{border-collapse:collapse;width:100%;margin:8px 0 16px}
        caption{text-align:left;font-weight:700;padding:4px 0}
        th,td{border-bottom:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:middle}
        thead th{font-size:14px;color:var(--muted);vertical-align:bottom}
        td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        td.chart{width:250px;padding:2px 6px}
        .u{color:var(--muted);font-size:14px}
        .switch a,.switch strong{margin-right:12px}
        .vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
        .alerts{border-left:6px solid var(--worse);padding:4px 12px;margin:12px 0;background:#fbeeec}
        .alerts ul{margin:4px 0;padding-left:20px}
        .key{display:flex;flex-wrap:wrap;gap:4px 16px;font-size:14px;color:var(--muted);padding:0;list-style:none}
        .key svg{vertical-align:middle}
        svg text{font:12px system-ui,sans-serif;fill:var(--ink)}
        .spine .range{fill:var(--range)}.spine .iqr{fill:var(--iqr)}.spine .wales{stroke:var(--ink);stroke-width:2}
        .m{stroke:var(--ink);stroke-width:1}
        .m.better{fill:var(--better)}.m.similar{fill:var(--similar)}.m.worse{fill:var(--worse)}.m.none{fill:var(--none)}
        .m.higher{fill:var(--hi)}.m.lower{fill:var(--lo)}
        .line .band{fill:#1d4f91;fill-opacity:.18}.line .area{stroke:#1d4f91;stroke-width:2.5;fill:none}
        .line .wales{stroke:var(--ink);stroke-width:1.5;stroke-dasharray:6 4;fill:none}
        .line .board{stroke:#8a4f00;stroke-width:1.5;stroke-dasharray:2 3;fill:none}
        .line .grid{stroke:var(--line);stroke-width:1}.line .pt{fill:#1d4f91}
        .trend{font-size:18px}
        dl.meta dt{font-weight:700;margin-top:8px}dl.meta dd{margin-left:0}
        @media print{.skip,nav.lang,.switch{display:none}header.site{border:0}a{color:var(--ink);text-decoration:none}
        *{-webkit-print-color-adjust:exact;print-color-adjust:exact}tr{break-inside:avoid}main{max-width:none}}

        """

    /// A strong validator for the stylesheet (it changes only with the binary).
    package static let etag = "\"css-" + FNV1a.hex(css) + "\""

    /// The link the pages use: the path with the stylesheet's hash, so a cached copy is never stale.
    package static let href = PageLayout.stylesheetPath + "?v=" + FNV1a.hex(css)
}
