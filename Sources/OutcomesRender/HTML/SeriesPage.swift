import Foundation
import OutcomesCore
import OutcomesStore

/// `GET /profiles/{area}/indicators/{id}`: the area's series as a line chart with its 95%
/// interval band, the Wales and health-board series beside it, the table of values under it (the
/// chart's source of truth), the priority groups' latest values, and what the indicator is.
package struct SeriesPage: Sendable {
    package var indicator: Indicator
    package var area: Area
    package var board: Area?
    /// Already withheld as the reader requires.
    package var records: [MeasureQueries.Record]
    package var wales: [MeasureQueries.Record]
    package var boardRecords: [MeasureQueries.Record]
    /// The area's priority-group series (breakdown key → records), withheld as required.
    package var groups: [(key: String, records: [MeasureQueries.Record])]
    package var catalogue: Catalogue

    package init(indicator: Indicator, area: Area, board: Area?, records: [MeasureQueries.Record], wales: [MeasureQueries.Record],
                 boardRecords: [MeasureQueries.Record], groups: [(key: String, records: [MeasureQueries.Record])], catalogue: Catalogue) {
        self.indicator = indicator
        self.area = area
        self.board = board
        self.records = records
        self.wales = wales
        self.boardRecords = boardRecords
        self.groups = groups
        self.catalogue = catalogue
    }

    package func render(_ c: PageContext) -> String {
        let welsh = c.welsh
        let name = area.name.text(welsh: welsh)
        let title = indicator.title.text(welsh: welsh)
        let areaPath = "/profiles/" + HTMLText.path(area.code)
        let path = areaPath + "/indicators/" + HTMLText.path(indicator.id)
        let isWales = area.code == ComputeContext.walesCode
        // Periods in the area's order, then any only Wales or the board has (sorted in).
        var periods = records.map(\.period)
        for p in (wales + boardRecords).map(\.period) where !periods.contains(p) { periods.append(p) }
        if periods != records.map(\.period) { periods.sort() }
        let byArea = Dictionary(records.map { ($0.period, $0) }, uniquingKeysWith: { a, _ in a })
        let byWales = Dictionary(wales.map { ($0.period, $0) }, uniquingKeysWith: { a, _ in a })
        let byBoard = Dictionary(boardRecords.map { ($0.period, $0) }, uniquingKeysWith: { a, _ in a })
        let boardName = board?.name.text(welsh: welsh)

        var b = "<h1>" + HTMLText.escape(title) + " <span class=\"u\">– " + HTMLText.escape(name) + "</span></h1>\n"
        b += "<p class=\"lede\">" + HTMLText.escape(indicator.definition) + " (" + HTMLText.escape(indicator.unit) + "; "
            + HTMLText.escape(Cells.polarityWords(indicator.polarity, welsh)) + ")</p>\n"
        let chart = LineChart(periods: periods,
                              area: periods.map { p in byArea[p].map { LineChart.Point(value: $0.value, lower: $0.lower95, upper: $0.upper95) } },
                              wales: isWales ? periods.map { _ in nil } : periods.map { byWales[$0]?.value },
                              board: periods.map { byBoard[$0]?.value })
        let n = HTMLText.number
        var desc: String
        if let first = records.first(where: { $0.value != nil }), let last = records.last(where: { $0.value != nil }) {
            desc = Words.t("\(name) from \(first.period) (\(n(first.value))) to \(last.period) (\(n(last.value)))",
                           "\(name) o \(first.period) (\(n(first.value))) i \(last.period) (\(n(last.value)))", welsh)
            desc += ", " + TrendMark.words(last.trend, welsh)
        } else {
            desc = name + ": " + Words.t("no values shown", "dim gwerthoedd i'w dangos", welsh)
        }
        if !isWales, let w = wales.last(where: { $0.value != nil }) {
            desc += Words.t("; Wales \(n(w.value)) in \(w.period)", "; Cymru \(n(w.value)) yn \(w.period)", welsh)
        }
        if let boardName, let bl = boardRecords.last(where: { $0.value != nil }) {
            desc += "; \(boardName) \(n(bl.value)) (\(bl.period))"
        }
        desc += ". " + Words.t("The table below gives every value.", "Mae'r tabl isod yn rhoi pob gwerth.", welsh)
        b += "<figure>" + chart.svg(id: "series", title: title + " – " + name, description: desc) + "<figcaption><ul class=\"key\">"
        b += "<li><svg width=\"28\" height=\"12\" aria-hidden=\"true\" class=\"line\"><rect class=\"band\" x=\"0\" y=\"1\" width=\"28\" height=\"10\"/><line class=\"area\" x1=\"0\" y1=\"6\" x2=\"28\" y2=\"6\"/></svg> "
            + HTMLText.escape(name) + c.t(" with its 95% interval (solid line, shaded band)", " gyda'i gyfwng 95% (llinell solet, band cysgodol)") + "</li>"
        if !isWales {
            b += "<li><svg width=\"28\" height=\"12\" aria-hidden=\"true\" class=\"line\"><line class=\"wales\" x1=\"0\" y1=\"6\" x2=\"28\" y2=\"6\"/></svg> "
                + c.t("Wales (dashed line)", "Cymru (llinell doredig)") + "</li>"
        }
        if let boardName {
            b += "<li><svg width=\"28\" height=\"12\" aria-hidden=\"true\" class=\"line\"><line class=\"board\" x1=\"0\" y1=\"6\" x2=\"28\" y2=\"6\"/></svg> "
                + HTMLText.escape(boardName) + c.t(" (dotted line)", " (llinell ddotiog)") + "</li>"
        }
        b += "</ul></figcaption></figure>\n"

        b += "<h2 id=\"values\">" + c.t("Values", "Gwerthoedd") + "</h2>\n<table><caption class=\"vh\">" + HTMLText.escape(title + " – " + name)
            + "</caption><thead><tr><th scope=\"col\">" + c.t("Period", "Cyfnod") + "</th><th scope=\"col\" class=\"n\">" + HTMLText.escape(name)
            + "</th><th scope=\"col\" class=\"n\">" + c.t("95% interval", "Cyfwng 95%") + "</th><th scope=\"col\" class=\"n\">" + c.t("Count", "Cyfrif")
            + "</th><th scope=\"col\" class=\"n\">" + c.t("Denominator", "Enwadur") + "</th>"
        if !isWales { b += "<th scope=\"col\" class=\"n\">" + c.t("Wales", "Cymru") + "</th>" }
        if let boardName { b += "<th scope=\"col\" class=\"n\">" + HTMLText.escape(boardName) + "</th>" }
        b += "<th scope=\"col\">" + c.t("Compared with Wales", "O'i gymharu â Chymru") + "</th><th scope=\"col\">" + c.t("Trend", "Tuedd") + "</th></tr></thead><tbody>\n"
        for p in periods {
            let r = byArea[p]
            b += "<tr><th scope=\"row\">" + HTMLText.escape(p) + "</th><td class=\"n\">" + Cells.value(r, welsh) + "</td><td class=\"n\">"
            if let lo = r?.lower95, let hi = r?.upper95 { b += HTMLText.escape(n(lo) + "–" + n(hi)) }
            b += "</td><td class=\"n\">" + Cells.count(r, welsh) + "</td><td class=\"n\">"
            b += (r?.denominator == nil && r?.notes.contains("c") == true) ? Cells.withheld(welsh) : HTMLText.escape(CellText.number(r?.denominator))
            b += "</td>"
            if !isWales { b += "<td class=\"n\">" + Cells.value(byWales[p], welsh) + "</td>" }
            if boardName != nil { b += "<td class=\"n\">" + Cells.value(byBoard[p], welsh) + "</td>" }
            b += "<td>" + (r?.value == nil || isWales ? "" : HTMLText.escape(Marker(r?.benchmark).words(welsh))) + "</td><td>"
                + (r == nil ? "" : TrendMark.html(r?.trend, welsh)) + "</td></tr>\n"
        }
        b += "</tbody></table>\n"

        b += "<h2 id=\"groups\">" + c.t("Priority groups", "Grwpiau blaenoriaeth") + "</h2>\n"
        let shown = groups.filter { !$0.records.isEmpty }
        if shown.isEmpty {
            b += "<p>" + c.t("No priority-group breakdown of this indicator for this area.",
                             "Dim dadansoddiad grŵp blaenoriaeth o'r dangosydd hwn ar gyfer yr ardal hon.") + "</p>\n"
        } else {
            b += "<table><caption class=\"vh\">" + HTMLText.escape(c.t("Priority groups", "Grwpiau blaenoriaeth") + " – " + name)
                + "</caption><thead><tr><th scope=\"col\">" + c.t("Group", "Grŵp") + "</th><th scope=\"col\">" + c.t("Period", "Cyfnod")
                + "</th><th scope=\"col\" class=\"n\">" + c.t("Value", "Gwerth") + "</th><th scope=\"col\" class=\"n\">" + c.t("95% interval", "Cyfwng 95%")
                + "</th><th scope=\"col\" class=\"n\">" + c.t("Gap to all children", "Bwlch i bob plentyn") + "</th><th scope=\"col\">"
                + c.t("Significant gap", "Bwlch arwyddocaol") + "</th></tr></thead><tbody>\n"
            for g in shown {
                let gname = catalogue.breakdowns.first { $0.key == g.key }?.name.text(welsh: welsh) ?? g.key
                guard let r = g.records.last else { continue }
                b += "<tr><th scope=\"row\">" + HTMLText.escape(gname) + "</th><td>" + HTMLText.escape(r.period) + "</td><td class=\"n\">"
                    + Cells.value(r, welsh) + "</td><td class=\"n\">"
                if let lo = r.lower95, let hi = r.upper95 { b += HTMLText.escape(n(lo) + "–" + n(hi)) }
                b += "</td><td class=\"n\">" + HTMLText.escape(n(r.gap)) + "</td><td>"
                    + (r.gapSignificant.map { $0 ? c.t("yes", "ydy") : c.t("no", "nac ydy") } ?? "") + "</td></tr>\n"
            }
            b += "</tbody></table>\n"
        }

        b += "<h2 id=\"about\">" + c.t("About this indicator", "Am y dangosydd hwn") + "</h2>\n<dl class=\"meta\">"
        b += "<dt>" + c.t("Definition", "Diffiniad") + "</dt><dd>" + HTMLText.escape(indicator.definition) + "</dd>"
        b += "<dt>" + c.t("Source", "Ffynhonnell") + "</dt><dd>" + HTMLText.escape(indicator.source) + "</dd>"
        b += "<dt>" + c.t("Method", "Dull") + "</dt><dd>" + HTMLText.escape(Cells.methodWords(indicator, welsh)) + " "
            + c.t("Compared with Wales when the 95% intervals show a difference; small numbers (below \(CellText.number(SmallNumbers.threshold(indicator)))) are withheld.",
                  "Wedi'i gymharu â Chymru pan fo'r cyfyngau 95% yn dangos gwahaniaeth; mae rhifau bach (o dan \(CellText.number(SmallNumbers.threshold(indicator)))) yn cael eu hatal.") + "</dd>"
        b += "<dt>" + c.t("Supplied by", "Cyflenwyd gan") + "</dt><dd>" + HTMLText.escape(catalogue.partners.first { $0.key == indicator.partner }?.name.text(welsh: welsh) ?? indicator.partner) + "</dd>"
        b += "<dt>" + c.t("Identifier", "Dynodydd") + "</dt><dd><code>" + HTMLText.escape(indicator.id) + "</code> (GET /v1/indicators/"
            + HTMLText.escape(indicator.id) + "?area=" + HTMLText.escape(area.code) + ")</dd></dl>\n"

        return PageLayout.page(c, title: title + " – " + name,
                               crumbs: [(c.t("Areas", "Ardaloedd"), c.link("/")), (name, c.link(areaPath)), (title, nil)], path: path, body: b)
    }
}
