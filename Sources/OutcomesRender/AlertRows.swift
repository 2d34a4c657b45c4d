import Foundation
import OutcomesCore
import OutcomesStore

/// `GET /v1/alerts` and `outcomesd alerts`: one alert's current state. `summary` is in the asked
/// language (`summary_en`/`summary_cy` always carry both); `value` is null when it is withheld
/// from this reader (small numbers) or the alert has none (late feeds). The summary texts never
/// contain a withheld number.
struct AlertEntryRow: TableRow, EveryKeyEncodable {
    var fingerprint: String
    var rule: String
    var kind: String
    var indicator: String
    var area: String
    var breakdown: String
    var partner: String
    var state: String
    var severity: String
    /// When the current state began.
    var since: Date
    var since_period: String?
    var period: String?
    var value: Double?
    var withheld: Bool
    var inhibited: Bool
    var summary: String
    var summary_en: String
    var summary_cy: String
    var updated_run: Int64?
    var last_notified_at: Date?

    /// `suppress`: the reader may not see small numbers of this alert's indicator.
    init(_ e: AlertLog.Entry, suppress: Bool, welsh: Bool) {
        fingerprint = e.fingerprint; rule = e.rule; kind = e.kind; indicator = e.indicator; area = e.area
        breakdown = e.breakdown; partner = e.partner; state = e.state; severity = e.severity; since = e.since
        since_period = e.since_period; period = e.period
        value = AlertRows.shown(e.value, withheld: e.withheld, suppress: suppress)
        withheld = e.withheld; inhibited = e.inhibited
        summary = welsh ? e.summary_cy : e.summary
        summary_en = e.summary; summary_cy = e.summary_cy
        updated_run = e.updated_run; last_notified_at = e.last_notified_at
    }

    static let columns = ["fingerprint", "rule", "kind", "indicator", "area", "breakdown", "partner", "state", "severity", "since",
                          "since_period", "period", "value", "withheld", "inhibited", "summary", "summary_en", "summary_cy",
                          "updated_run", "last_notified_at"]
    var cells: [String] {
        [fingerprint, rule, kind, indicator, area, breakdown, partner, state, severity, CellText.date(since), since_period ?? "",
         period ?? "", value.map { String($0) } ?? "", String(withheld), String(inhibited), summary, summary_en, summary_cy,
         updated_run.map(String.init) ?? "", CellText.date(last_notified_at)]
    }
    static let textColumns = ["state", "severity", "since (UTC)", "period", "value", "area", "indicator"]
    var textCells: [String] {
        [state + (inhibited ? "*" : ""), severity, String(CellText.date(since).prefix(10)), period ?? "",
         AlertRows.text(value, withheld: withheld), area, AlertRows.series(indicator, breakdown)]
    }
    var textNotes: [String] { [summary] }
}

/// `GET /v1/alerts/events`: one transition of one alert, newest first. `from` is null for an
/// alert's first event; `value` is null as in ``AlertEntryRow``.
struct AlertEventRow: TableRow, EveryKeyEncodable {
    var id: Int64
    var at: Date
    var run: Int64?
    var fingerprint: String
    var rule: String
    var kind: String
    var indicator: String
    var area: String
    var breakdown: String
    var severity: String
    var from: String?
    var to: String
    var period: String?
    var value: Double?
    var withheld: Bool
    var summary: String
    var summary_en: String
    var summary_cy: String

    init(_ e: AlertLog.Event, suppress: Bool, welsh: Bool) {
        id = e.id; at = e.at; run = e.run; fingerprint = e.fingerprint; rule = e.rule; kind = e.kind
        indicator = e.indicator; area = e.area; breakdown = e.breakdown; severity = e.severity
        from = e.from; to = e.to; period = e.period
        value = AlertRows.shown(e.value, withheld: e.withheld, suppress: suppress)
        withheld = e.withheld
        summary = welsh ? e.summary_cy : e.summary
        summary_en = e.summary; summary_cy = e.summary_cy
    }

    static let columns = ["id", "at", "run", "fingerprint", "rule", "kind", "indicator", "area", "breakdown", "severity", "from", "to",
                          "period", "value", "withheld", "summary", "summary_en", "summary_cy"]
    var cells: [String] {
        [String(id), CellText.date(at), run.map(String.init) ?? "", fingerprint, rule, kind, indicator, area, breakdown, severity,
         from ?? "", to, period ?? "", value.map { String($0) } ?? "", String(withheld), summary, summary_en, summary_cy]
    }
    /// The series goes beneath, with the summary: an indicator id as a column would leave too little room.
    static let textColumns = ["at (UTC)", "run", "change", "severity", "period", "value", "area"]
    var textCells: [String] {
        [String(CellText.date(at).prefix(16)), run.map(String.init) ?? "", (from ?? "") + "→" + to, severity, period ?? "",
         AlertRows.text(value, withheld: withheld), area]
    }
    var textNotes: [String] { [AlertRows.series(indicator, breakdown) + ": " + summary] }
}

/// What the alert rows share: small-number suppression of their values and the text legend.
enum AlertRows {
    /// The value as this reader may see it.
    static func shown(_ value: Double?, withheld: Bool, suppress: Bool) -> Double? {
        withheld && suppress ? nil : value.flatMap { $0.isFinite ? $0 : nil }
    }

    /// A value in a text cell: `c` when withheld from this reader, blank when there is none.
    static func text(_ value: Double?, withheld: Bool) -> String {
        if let value { return AlertTemplate.number(value) }
        return withheld ? "c" : ""
    }

    /// `indicator`, or `indicator (breakdown)` for a priority group (a space, so text wraps there).
    static func series(_ indicator: String, _ breakdown: String) -> String {
        breakdown == Breakdown.allKey ? indicator : indicator + " (" + breakdown + ")"
    }

    /// Whether `principal` may not see the small numbers of an indicator supplied by `partner`
    /// (nil: an indicator no longer in the catalogue, withheld from all but admins).
    static func suppress(_ principal: Principal?, partner: String?) -> Bool {
        guard let principal else { return true }
        switch principal.role {
        case .admin: return false
        case .partner: return partner == nil || principal.partner != partner
        case .reader: return true
        }
    }

    static func legend(events: Bool, _ welsh: Bool) -> [String] {
        var lines = [Words.t("value: the latest value judged; c withheld (below the small-number threshold).",
                             "gwerth: y gwerth diweddaraf a farnwyd; c wedi'i atal (o dan y trothwy rhifau bach).", welsh)]
        if !events {
            lines.append(Words.t("* held: the indicator's feed is late, so the alert neither fires nor resolves until it arrives.",
                                 "* wedi'i ddal: mae ffrwd y dangosydd yn hwyr, felly nid yw'r rhybudd yn tanio nac yn datrys nes iddi gyrraedd.",
                                 welsh))
        }
        return lines
    }
}
