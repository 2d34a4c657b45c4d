import Foundation
import OutcomesCore
import OutcomesStore

/// `GET /profiles/{area}`: every indicator of the area under each core aim (or, with
/// `?by=dimension`, each s25(11) dimension) as a table row — period, value, count, the Wales
/// value, how it compares, a spine chart and the trend — with the area's firing alerts first.
package struct ProfilePage: Sendable {
    package enum Grouping: String, Sendable { case aim, dimension }

    /// One indicator's figures, already withheld as the reader requires.
    package struct Row: Sendable {
        package var latest: MeasureQueries.Record?
        /// The Wales value at its latest period; `walesWithheld` when it is below the threshold.
        package var wales: Double?
        package var walesWithheld: Bool
        /// The local authorities' values at the area's latest period (withheld ones left out).
        package var spread: [Double]
        package init(latest: MeasureQueries.Record?, wales: Double?, walesWithheld: Bool = false, spread: [Double]) {
            self.latest = latest
            self.wales = wales
            self.walesWithheld = walesWithheld
            self.spread = spread
        }
    }

    package struct Alert: Sendable {
        package var indicator: String
        package var severity: String
        package var summary: String
        package init(indicator: String, severity: String, summary: String) {
            self.indicator = indicator
            self.severity = severity
            self.summary = summary
        }
    }

    package var area: Area
    package var board: Area?
    package var grouping: Grouping
    package var rows: [String: Row]
    package var alerts: [Alert]
    package var catalogue: Catalogue

    package init(area: Area, board: Area?, grouping: Grouping, rows: [String: Row], alerts: [Alert], catalogue: Catalogue) {
        self.area = area
        self.board = board
        self.grouping = grouping
        self.rows = rows
        self.alerts = alerts
        self.catalogue = catalogue
    }

    package func render(_ c: PageContext) -> String {
        let welsh = c.welsh
        let name = area.name.text(welsh: welsh)
        let path = "/profiles/" + HTMLText.path(area.code)
        var b = "<h1>" + HTMLText.escape(name) + "</h1>\n"
        var lede = HTMLText.escape(Cells.areaKind(area.kind, welsh)) + " " + HTMLText.escape(area.code)
        if let board {
            lede += "; " + c.t("health board", "bwrdd iechyd") + ": <a href=\"\(c.link("/profiles/" + HTMLText.path(board.code), [("by", grouping.rawValue)]))\">"
                + HTMLText.escape(board.name.text(welsh: welsh)) + "</a>"
        }
        b += "<p class=\"lede\">\(lede)</p>\n"
        if !alerts.isEmpty {
            b += "<section class=\"alerts\" aria-labelledby=\"alerts-h\"><h2 id=\"alerts-h\">" + c.t("Firing alerts", "Rhybuddion yn tanio")
                + " (\(alerts.count))</h2><ul>"
            for a in alerts {
                let title = catalogue.indicator(a.indicator)?.title.text(welsh: welsh) ?? a.indicator
                b += "<li><strong>" + HTMLText.escape(a.severity) + "</strong>: <a href=\"\(c.link(path + "/indicators/" + HTMLText.path(a.indicator)))\">"
                    + HTMLText.escape(title) + "</a> – " + HTMLText.escape(a.summary) + "</li>"
            }
            b += "</ul></section>\n"
        }
        b += "<p class=\"switch\">" + c.t("Group by", "Grwpio yn ôl") + ": "
        for (g, label) in [(Grouping.aim, c.t("core aim", "nod craidd")), (.dimension, c.t("s25(11) dimension", "agwedd a25(11)"))] {
            b += g == grouping ? "<strong aria-current=\"true\">\(label)</strong>" : "<a href=\"\(c.link(path, [("by", g.rawValue)]))\">\(label)</a>"
        }
        b += "</p>\n" + Self.key(c)
        let groups: [(id: String, title: String, indicators: [Indicator])] = grouping == .aim
            ? catalogue.aims.sorted { $0.number < $1.number }.map { aim in
                ("aim-\(aim.number)", c.t("Aim", "Nod") + " \(aim.number): " + aim.title.text(welsh: welsh),
                 catalogue.indicators.filter { $0.aims.contains(aim.number) })
            }
            : catalogue.dimensions.map { d in
                ("dimension-\(d.letter)", "(\(d.letter)) " + d.title.text(welsh: welsh), catalogue.indicators.filter { $0.dimensions.contains(d.letter) })
            }
        for g in groups {
            b += "<h2 id=\"\(HTMLText.id(g.id))\">" + HTMLText.escape(g.title) + "</h2>\n"
            guard !g.indicators.isEmpty else { b += "<p>" + c.t("No indicators.", "Dim dangosyddion.") + "</p>\n"; continue }
            b += "<table><caption class=\"vh\">" + HTMLText.escape(g.title + " – " + name) + "</caption><thead><tr><th scope=\"col\">"
                + c.t("Indicator", "Dangosydd") + "</th><th scope=\"col\">" + c.t("Period", "Cyfnod") + "</th><th scope=\"col\" class=\"n\">"
                + HTMLText.escape(name) + "</th><th scope=\"col\" class=\"n\">" + c.t("Count", "Cyfrif") + "</th><th scope=\"col\" class=\"n\">"
                + c.t("Wales", "Cymru") + "</th><th scope=\"col\">" + c.t("Compared with Wales", "O'i gymharu â Chymru")
                + "</th><th scope=\"col\">" + c.t("Local authorities: worst to best", "Awdurdodau lleol: gwaethaf i orau")
                + "</th><th scope=\"col\">" + c.t("Trend", "Tuedd") + "</th></tr></thead><tbody>\n"
            for i in g.indicators {
                let row = rows[i.id]
                let latest = row?.latest
                let marker = Marker(latest?.benchmark)
                let title = i.title.text(welsh: welsh)
                b += "<tr><th scope=\"row\"><a href=\"\(c.link(path + "/indicators/" + HTMLText.path(i.id)))\">" + HTMLText.escape(title)
                    + "</a> <span class=\"u\">" + HTMLText.escape(i.unit) + "</span></th>"
                b += "<td>" + HTMLText.escape(latest?.period ?? "") + "</td><td class=\"n\">" + Cells.value(latest, welsh) + "</td><td class=\"n\">"
                    + Cells.count(latest, welsh) + "</td><td class=\"n\">" + (row?.walesWithheld == true ? Cells.withheld(welsh) : HTMLText.escape(HTMLText.number(row?.wales))) + "</td><td>"
                    + (latest?.value == nil ? "" : HTMLText.escape(marker.words(welsh))) + "</td><td class=\"chart\">"
                let chart = SpineChart(values: row?.spread ?? [], wales: row?.wales, area: latest?.value, marker: marker, polarity: i.polarity)
                b += chart.svg(id: HTMLText.id("s-\(g.id)-\(i.id)"), name: name, title: title, welsh: welsh) ?? ""
                b += "</td><td>" + (latest == nil ? "" : TrendMark.html(latest?.trend, welsh)) + "</td></tr>\n"
            }
            b += "</tbody></table>\n"
        }
        let title = name + " – " + c.t("profile", "proffil")
        return PageLayout.page(c, title: title, crumbs: [(c.t("Areas", "Ardaloedd"), c.link("/")), (name, nil)], path: path,
                               extra: [("by", grouping.rawValue)], body: b)
    }

    /// What the markers and the chart's parts mean (the shapes drawn as in the charts).
    static func key(_ c: PageContext) -> String {
        var out = "<ul class=\"key\" aria-label=\"" + c.t("Key to the charts", "Allwedd i'r siartiau") + "\">"
        for m in Marker.allCases {
            out += "<li><svg width=\"16\" height=\"16\" viewBox=\"0 0 16 16\" aria-hidden=\"true\">" + m.svg(x: 8, y: 8) + "</svg> "
                + HTMLText.escape(m.words(c.welsh)) + " (" + HTMLText.escape(m.shapeWords(c.welsh)) + ")</li>"
        }
        out += "<li><svg width=\"24\" height=\"16\" viewBox=\"0 0 24 16\" aria-hidden=\"true\" class=\"spine\"><rect class=\"range\" x=\"0\" y=\"3\" width=\"24\" height=\"10\"/><rect class=\"iqr\" x=\"7\" y=\"3\" width=\"10\" height=\"10\"/><line class=\"wales\" x1=\"12\" y1=\"0\" x2=\"12\" y2=\"16\"/></svg> "
            + c.t("range of the 22 local authorities, their middle half, and the Wales value (line)",
                  "ystod y 22 awdurdod lleol, yr hanner canol, a gwerth Cymru (llinell)") + "</li>"
        out += "<li>" + HTMLText.escape(Words.trendLegend(c.welsh)) + "</li>"
        out += "<li>c: " + c.t("withheld (below the small-number threshold)", "wedi'i atal (o dan y trothwy rhifau bach)") + "</li></ul>\n"
        return out
    }
}
