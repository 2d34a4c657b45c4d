import Foundation
import OutcomesCore
import OutcomesStore

/// `GET /v1/publications`: one publication, in force or withdrawn (who withdrew it, when, why).
struct PublicationRow: TableRow, EveryKeyEncodable {
    var id: Int64
    /// The indicator, or null for every indicator.
    var indicator: String?
    var period: String?
    var through: String?
    var state: String
    var published_by: String
    var published_at: Date
    var note: String?
    var withdrawn_by: String?
    var withdrawn_at: Date?
    var withdraw_reason: String?

    init(_ e: PublicationStore.Entry) {
        id = e.id; indicator = e.indicator; period = e.period; through = e.through; state = e.active ? "published" : "withdrawn"
        published_by = e.published_by; published_at = e.published_at; note = e.note; withdrawn_by = e.withdrawn_by
        withdrawn_at = e.withdrawn_at; withdraw_reason = e.withdraw_reason
    }

    static let columns = ["id", "indicator", "period", "through", "state", "published_by", "published_at", "note", "withdrawn_by",
                          "withdrawn_at", "withdraw_reason"]
    var cells: [String] {
        [String(id), indicator ?? "", period ?? "", through ?? "", state, published_by, CellText.date(published_at), note ?? "",
         withdrawn_by ?? "", CellText.date(withdrawn_at), withdraw_reason ?? ""]
    }
    static let textColumns = ["id", "state", "period", "by", "at (UTC)", "indicator"]
    var textCells: [String] {
        [String(id), state, period ?? "≤ " + (through ?? ""), published_by, String(CellText.date(published_at).prefix(16)),
         indicator ?? "*"]
    }
    var textNotes: [String] {
        var notes: [String] = []
        if let note { notes.append(note) }
        if let withdrawn_at {
            notes.append("withdrawn by \(withdrawn_by ?? "?") at \(CellText.date(withdrawn_at))" + (withdraw_reason.map { ": " + $0 } ?? ""))
        }
        return notes
    }
}

/// `GET /v1/revisions`: one revision of one value, with who, how, when and why.
struct RevisionRow: TableRow, EveryKeyEncodable {
    var indicator: String
    var area: String
    var breakdown: String
    var period: String
    var revision: Int
    var old_value: Double?
    var new_value: Double?
    var old_numerator: Double?
    var new_numerator: Double?
    var old_denominator: Double?
    var new_denominator: Double?
    var feed: Int64
    var source: String
    var partner: String
    var submitted_by: String?
    var recorded_at: Date
    var reason: String?
    var published: Bool

    init(_ e: RevisionLog.Entry) {
        indicator = e.indicator; area = e.area; breakdown = e.breakdown; period = e.period; revision = e.revision
        old_value = e.old_value; new_value = e.new_value; old_numerator = e.old_numerator; new_numerator = e.new_numerator
        old_denominator = e.old_denominator; new_denominator = e.new_denominator; feed = e.feed; source = e.source
        partner = e.partner; submitted_by = e.submitted_by; recorded_at = e.recorded_at; reason = e.reason; published = e.published
    }

    static let columns = ["indicator", "area", "breakdown", "period", "revision", "old_value", "new_value", "old_numerator",
                          "new_numerator", "old_denominator", "new_denominator", "feed", "source", "partner", "submitted_by",
                          "recorded_at", "reason", "published"]
    var cells: [String] {
        [indicator, area, breakdown, period, String(revision), Self.cell(old_value), Self.cell(new_value), Self.cell(old_numerator),
         Self.cell(new_numerator), Self.cell(old_denominator), Self.cell(new_denominator), String(feed), source, partner,
         submitted_by ?? "", CellText.date(recorded_at), reason ?? "", String(published)]
    }
    static func cell(_ x: Double?) -> String { x.map { String($0) } ?? "" }

    static let textColumns = ["at (UTC)", "area", "period", "from → to", "feed", "by", "series"]
    var textCells: [String] {
        [String(CellText.date(recorded_at).prefix(16)), area, period,
         (revision == 1 ? "" : CellText.number(old_value) + " → ") + CellText.number(new_value) + (published ? " (P)" : ""),
         "\(feed) \(source)", submitted_by ?? "", AlertRows.series(indicator, breakdown)]
    }
    var textNotes: [String] { reason.map { ["reason: " + $0] } ?? [] }
}

extension Renderings {
    /// Publications, newest first (`GET /v1/publications`, `outcomesd publish --list`).
    public static func publications(_ entries: [PublicationStore.Entry], all: Bool, format: ResponseFormat, welsh: Bool) throws -> String {
        try Table.render(entries.map(PublicationRow.init), format: format, heading: [
            Words.t("Published figures", "Ffigurau cyhoeddedig", welsh) + " (\(entries.count))"
                + (all ? "; " + Words.t("withdrawn ones too", "gan gynnwys rhai a dynnwyd yn ôl", welsh) : ""),
            Words.t("A feed that would change a published value is refused for those rows unless it confirms the revision.",
                    "Gwrthodir rhesi ffrwd a fyddai'n newid gwerth cyhoeddedig oni bai ei bod yn cadarnhau'r diwygiad.", welsh),
        ], footer: [Words.t("≤ P: every period ending on or before the end of P. indicator *: every indicator.",
                            "≤ P: pob cyfnod sy'n dod i ben erbyn diwedd P. dangosydd *: pob dangosydd.", welsh)], welsh: welsh)
    }

    /// Revisions, newest first (`GET /v1/revisions`, `outcomesd revisions`).
    public static func revisions(_ entries: [RevisionLog.Entry], scope: String, filter: RevisionLog.Filter, format: ResponseFormat,
                                 welsh: Bool) throws -> String {
        var what = [scope]
        if let area = filter.area { what.append(area) }
        if let since = filter.since { what.append(Words.t("since", "ers", welsh) + " " + CellText.date(since)) }
        return try Table.render(entries.map(RevisionRow.init), format: format, heading: [
            Words.t("Revised values, newest first", "Gwerthoedd a ddiwygiwyd, y diweddaraf yn gyntaf", welsh)
                + " (\(entries.count)): " + what.joined(separator: ", "),
        ], footer: [Words.t("(P): a published figure, revised with confirmation. by: the token's name or the operating-system user.",
                            "(P): ffigur cyhoeddedig, wedi'i ddiwygio gyda chadarnhad. gan: enw'r tocyn neu ddefnyddiwr y system weithredu.",
                            welsh)], welsh: welsh)
    }
}
