import Foundation

/// The fixed words of the text renderings, in English and Welsh (`?lang=cy`). Names of areas,
/// aims, dimensions, breakdowns and indicators come from the catalogue; these are the headings,
/// labels and legends around them. The Welsh is the developers' own: have a Welsh-language
/// officer check it before it is published (Welsh Language Standards), and correct it here.
package enum Words {
    package static func t(_ en: String, _ cy: String, _ welsh: Bool) -> String { welsh ? cy : en }

    package static func run(_ welsh: Bool) -> String { t("run", "rhediad", welsh) }

    /// "O'i gymharu â" before a consonant, "ag" before a vowel.
    package static func withAg(_ name: String) -> String {
        "O'i gymharu " + ("AEIOUWYaeiouwy".contains(name.first ?? "x") ? "ag" : "â")
    }

    /// Column headings of the text tables in Welsh (English when there is no entry).
    package static func column(_ en: String, _ welsh: Bool) -> String {
        guard welsh else { return en }
        return columnsCy[en] ?? en
    }

    package static let columnsCy: [String: String] = [
        "indicator": "dangosydd", "period": "cyfnod", "value": "gwerth", "95% interval": "cyfwng 95%", "vs Wales": "v Cymru",
        "trend": "tuedd", "series": "cyfres", "code": "cod", "kind": "math", "parent": "rhiant", "from": "o", "to": "tan",
        "name": "enw", "aim": "nod", "indicators": "dangosyddion", "title": "teitl", "dimension": "agwedd", "type": "math",
        "dims": "agweddau", "aims": "nodau", "partner": "partner", "run": "rhediad", "trigger": "sbardun", "status": "statws",
        "started (UTC)": "dechrau (UTC)", "seconds": "eiliadau", "observations": "arsylwadau", "measures": "mesurau",
        "feed": "ffrwd", "received (UTC)": "derbyn (UTC)", "rows": "rhesi", "new": "newydd", "upd": "diwed", "same": "heb",
        "rej": "gwrth", "line": "llinell", "where": "ble", "field": "maes",
        "state": "cyflwr", "severity": "difrifoldeb", "since (UTC)": "ers (UTC)", "area": "ardal", "breakdown": "dadansoddiad",
        "at (UTC)": "am (UTC)", "change": "newid",
    ]

    /// "from run 3, 2026-…Z" (Welsh "o'r rhediad": no mutation after the article).
    package static func fromRun(_ run: Int64, _ finished: String?, _ welsh: Bool) -> String {
        t("from run", "o'r rhediad", welsh) + " \(run)" + (finished.map { ", \($0)" } ?? "")
    }

    /// Joins a label and its value so a wrapped line never separates them.
    package static func keep(_ label: String, _ value: String) -> String {
        (label + " " + value).replacingOccurrences(of: " ", with: "\u{00A0}")
    }

    package static func trendLegend(_ welsh: Bool) -> String {
        t("trend: ↑ increasing ↓ decreasing → no significant change · not assessed; + getting better - getting worse",
          "tuedd: ↑ cynyddu ↓ gostwng → dim newid arwyddocaol · heb ei asesu; + gwella - gwaethygu", welsh)
    }

    package static func sparkLegend(_ welsh: Bool) -> String {
        t("series: the values of the recent periods, oldest first, scaled ▁ (lowest) to █ (highest)",
          "cyfres: gwerthoedd y cyfnodau diweddar, yr hynaf yn gyntaf, o ▁ (isaf) i █ (uchaf)", welsh)
    }

    package static func marksLegend(_ welsh: Bool) -> String {
        t("! latest period older than expected (stale); c withheld (below the small-number threshold)",
          "! y cyfnod diweddaraf yn hŷn na'r disgwyl; c wedi'i atal (o dan y trothwy rhifau bach)", welsh)
    }
}
