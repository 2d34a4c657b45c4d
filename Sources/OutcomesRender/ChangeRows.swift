import Foundation
import OutcomesCore
import OutcomesStore

/// One change in `GET /v1/changes` and `outcomesd changes`: a new latest period, a revised value,
/// a comparison with Wales, trend or target status that moved, or an alert that fired or
/// resolved. `from`/`to` are periods or category codes (`better`, `increasing_and_getting_worse`,
/// `met`), `old_value`/`new_value` the figures; both are null where withheld from this reader
/// (small numbers: `withheld` is then true).
struct ChangeRow: TableRow, EveryKeyEncodable {
    var group: String
    var group_title: String
    var indicator: String
    var title: String
    var area: String
    var breakdown: String
    var change: String
    var period: String?
    var from: String?
    var to: String?
    var old_value: Double?
    var new_value: Double?
    var run: Int64
    var feed: Int64?
    var published: Bool?
    var reason: String?
    var withheld: Bool
    var summary: String?

    static let unencoded: Set<String> = ["group", "group_title"]
    static let columns = ["group", "group_title", "indicator", "title", "area", "breakdown", "change", "period", "from", "to",
                          "old_value", "new_value", "run", "feed", "published", "reason", "withheld", "summary"]
    var cells: [String] {
        [group, group_title, indicator, title, area, breakdown, change, period ?? "", from ?? "", to ?? "",
         old_value.map { String($0) } ?? "", new_value.map { String($0) } ?? "", String(run), feed.map(String.init) ?? "",
         published.map { String($0) } ?? "", reason ?? "", String(withheld), summary ?? ""]
    }
}

/// Builds change rows from what the store read, for one reader (``Suppression``) and language.
struct ChangeRows {
    let catalogue: Catalogue
    let principal: Principal?
    let suppressAll: Bool
    let welsh: Bool

    /// `principal` nil with `suppressAll` false is the operator at the command line (sees all).
    init(catalogue: Catalogue, audience: AlertAudience, welsh: Bool) {
        self.catalogue = catalogue
        self.welsh = welsh
        switch audience {
        case .operator: (principal, suppressAll) = (nil, false)
        case .caller(let p): (principal, suppressAll) = (p, p == nil)
        }
    }

    /// Whether small numbers of this indicator are withheld from the reader (an indicator no
    /// longer in the catalogue: from all but admins and the operator).
    private func suppressed(_ indicator: Indicator?) -> Bool {
        if suppressAll { return true }
        guard let principal else { return false }
        guard let indicator else { return principal.role != .admin }
        return Suppression.applies(to: principal, indicator: indicator)
    }

    private func small(_ indicator: Indicator?, _ numerator: Double?, _ denominator: Double?, _ value: Double?) -> Bool {
        guard let indicator else { return true }
        return SmallNumbers.isSmall(indicator, numerator: numerator, denominator: denominator, value: value)
    }

    func rows(_ c: ChangeLog.Changes) -> [ChangeRow] {
        var out: [ChangeRow] = []
        for s in c.status {
            let indicator = catalogue.indicator(s.indicator)
            let withheld = suppressed(indicator) && (small(indicator, s.fromNumerator, s.fromDenominator, s.fromValue)
                                                    || small(indicator, s.toNumerator, s.toDenominator, s.toValue))
            let (from, to): (String?, String?) = s.kind == .latestPeriod
                ? (s.fromPeriod, s.toPeriod)
                : (withheld ? (nil, nil) : (Self.code(s.from), Self.code(s.to)))
            out.append(row(s.indicator, indicator, area: s.area, breakdown: s.breakdown, change: s.kind.label, period: s.toPeriod,
                           from: from, to: to, old: withheld ? nil : s.fromValue, new: withheld ? nil : s.toValue, run: s.run,
                           withheld: withheld))
        }
        for r in c.revisions {
            let indicator = catalogue.indicator(r.indicator)
            let withheld = suppressed(indicator) && (small(indicator, r.oldNumerator, r.oldDenominator, r.oldValue)
                                                    || small(indicator, r.newNumerator, r.newDenominator, r.newValue))
            out.append(row(r.indicator, indicator, area: r.area, breakdown: r.breakdown, change: "revised", period: r.period,
                           from: nil, to: nil, old: withheld ? nil : r.oldValue, new: withheld ? nil : r.newValue, run: r.run,
                           withheld: withheld, feed: r.feed, published: r.published, reason: r.reason))
        }
        for a in c.alerts {
            let indicator = catalogue.indicator(a.indicator)
            let withheld = a.withheld && suppressed(indicator)
            out.append(row(a.indicator, indicator, area: a.area, breakdown: a.breakdown, change: "alert_" + a.to, period: a.period,
                           from: nil, to: a.severity, old: nil, new: withheld ? nil : a.value, run: a.run, withheld: withheld,
                           summary: welsh ? a.summaryCy : a.summary))
        }
        return out
    }

    private func row(_ key: String, _ indicator: Indicator?, area: String, breakdown: String, change: String, period: String?,
                     from: String?, to: String?, old: Double?, new: Double?, run: Int64, withheld: Bool, feed: Int64? = nil,
                     published: Bool? = nil, reason: String? = nil, summary: String? = nil) -> ChangeRow {
        ChangeRow(group: "", group_title: "", indicator: key, title: indicator?.title.text(welsh: welsh) ?? key, area: area,
                  breakdown: breakdown, change: change, period: period, from: from, to: to,
                  old_value: old.flatMap { $0.isFinite ? $0 : nil }, new_value: new.flatMap { $0.isFinite ? $0 : nil }, run: run,
                  feed: feed, published: published, reason: reason, withheld: withheld, summary: summary)
    }

    /// The category's stable code, as the JSON and CSV of every other view spell it.
    static func code(_ status: ChangeLog.Status?) -> String? {
        switch status {
        case nil: nil
        case .comparison(let c): c.rawValue
        case .trend(let t): t.rawValue
        case .target(let met): met ? "met" : "not_met"
        }
    }

    /// What a change is called in the text view.
    static func word(_ change: String, _ welsh: Bool) -> String {
        switch change {
        case "new_period": Words.t("new period", "cyfnod newydd", welsh)
        case "revised": Words.t("revised", "diwygiwyd", welsh)
        case "comparison": Words.t("vs Wales", "v Cymru", welsh)
        case "trend": Words.t("trend", "tuedd", welsh)
        case "target": Words.t("target", "targed", welsh)
        case "alert_firing": Words.t("alert fired", "rhybudd yn tanio", welsh)
        case "alert_resolved": Words.t("alert resolved", "rhybudd wedi'i ddatrys", welsh)
        default: change
        }
    }

    /// A category code in words, for the text view.
    static func words(_ code: String, _ welsh: Bool) -> String {
        guard welsh else { return code.replacingOccurrences(of: "_", with: " ") }
        return welshWords[code] ?? code
    }

    /// The Welsh of each category code (built once, not per row).
    static let welshWords: [String: String] = [
        "best": "gorau", "better": "gwell", "similar": "tebyg", "worse": "gwaeth", "worst": "gwaethaf", "higher": "uwch",
        "lower": "is", "higher_99_8": "uwch (99.8%)", "lower_99_8": "is (99.8%)", "not_compared": "heb ei gymharu",
        "cannot_be_calculated": "ni ellir ei gyfrifo", "increasing_and_getting_better": "yn cynyddu ac yn gwella",
        "increasing_and_getting_worse": "yn cynyddu ac yn gwaethygu", "decreasing_and_getting_better": "yn gostwng ac yn gwella",
        "decreasing_and_getting_worse": "yn gostwng ac yn gwaethygu", "increasing": "yn cynyddu", "decreasing": "yn gostwng",
        "no_significant_change": "dim newid arwyddocaol", "met": "wedi'i gyrraedd", "not_met": "heb ei gyrraedd",
        "warning": "rhybudd", "critical": "difrifol", "info": "gwybodaeth",
    ]
}
