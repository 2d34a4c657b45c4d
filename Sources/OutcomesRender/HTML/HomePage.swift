import Foundation
import OutcomesCore

/// `GET /`: the areas (Wales, the health boards with their local authorities, every local
/// authority) and the core aims and s25(11) dimensions, each a link into a profile.
package struct HomePage: Sendable {
    package var catalogue: Catalogue
    package var today: CivilDate

    package init(catalogue: Catalogue, today: CivilDate) {
        self.catalogue = catalogue
        self.today = today
    }

    package func render(_ c: PageContext) -> String {
        let welsh = c.welsh
        let current = catalogue.areas.filter { $0.isValid(on: today) }
        func name(_ a: Area) -> String { a.name.text(welsh: welsh) }
        func link(_ a: Area) -> String {
            "<a href=\"\(c.link("/profiles/" + HTMLText.path(a.code)))\">" + HTMLText.escape(name(a)) + "</a>"
        }
        let wales = current.first { $0.code == ComputeContext.walesCode }
        let boards = current.filter { $0.kind == .healthBoard }.sorted { name($0) < name($1) }
        let las = current.filter { $0.kind == .localAuthority }.sorted { name($0) < name($1) }
        var b = "<h1>" + c.t("Children's outcomes in Wales: area profiles", "Canlyniadau plant yng Nghymru: proffiliau ardal") + "</h1>\n"
        b += "<p class=\"lede\">" + c.t("Every indicator of the outcomes framework for an area, compared with Wales and with the other local authorities, from the latest compute run.",
                                       "Pob dangosydd yn y fframwaith canlyniadau ar gyfer ardal, o'i gymharu â Chymru a'r awdurdodau lleol eraill, o'r rhediad cyfrifo diweddaraf.") + "</p>\n"
        b += "<h2 id=\"wales\">" + c.t("Wales", "Cymru") + "</h2>\n<ul><li>" + (wales.map(link) ?? "") + "</li></ul>\n"
        b += "<h2 id=\"boards\">" + c.t("Health boards and their local authorities", "Byrddau iechyd a'u hawdurdodau lleol") + "</h2>\n<ul>"
        for board in boards {
            let members = las.filter { $0.parent(on: today) == board.code }
            b += "<li>" + link(board) + (members.isEmpty ? "" : ": " + members.map(link).joined(separator: ", ")) + "</li>"
        }
        b += "</ul>\n<h2 id=\"authorities\">" + c.t("Local authorities", "Awdurdodau lleol") + " (\(las.count))</h2>\n<ul class=\"cols\">"
        for la in las { b += "<li>" + link(la) + "</li>" }
        b += "</ul>\n<h2 id=\"aims\">" + c.t("The seven core aims", "Y saith nod craidd") + "</h2>\n<ul>"
        for aim in catalogue.aims.sorted(by: { $0.number < $1.number }) {
            b += "<li><a href=\"\(c.link("/profiles/" + ComputeContext.walesCode, [("by", "aim")], fragment: "aim-\(aim.number)"))\">"
                + c.t("Aim", "Nod") + " \(aim.number): " + HTMLText.escape(aim.title.text(welsh: welsh)) + "</a> ("
                + String(catalogue.indicatorCountByAim[aim.number] ?? 0) + ")</li>"
        }
        b += "</ul>\n<h2 id=\"dimensions\">" + c.t("The well-being dimensions of s25(11)", "Agweddau llesiant a25(11)") + "</h2>\n<ul>"
        for d in catalogue.dimensions {
            b += "<li><a href=\"\(c.link("/profiles/" + ComputeContext.walesCode, [("by", "dimension")], fragment: HTMLText.id("dimension-" + d.letter)))\">("
                + HTMLText.escape(d.letter) + ") " + HTMLText.escape(d.title.text(welsh: welsh)) + "</a> ("
                + String(catalogue.indicatorCountByDimension[d.letter] ?? 0) + ")</li>"
        }
        b += "</ul>\n"
        return PageLayout.page(c, title: c.t("Area profiles", "Proffiliau ardal"), crumbs: [(c.t("Areas", "Ardaloedd"), nil)], path: "/", body: b)
    }
}
