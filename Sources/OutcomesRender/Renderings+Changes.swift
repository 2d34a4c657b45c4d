import Foundation
public import OutcomesCore
public import OutcomesStore

/// How `GET /v1/changes` groups what changed: by core aim (default) or by s25(11) dimension. An
/// indicator serving several aims is listed under each.
public enum ChangeGrouping: String, Sendable, CaseIterable {
    case aim, dimension
}

extension Renderings {
    /// What changed between two runs (`GET /v1/changes`, `outcomesd changes`), grouped by aim or
    /// dimension, for one area or all; small numbers withheld from `audience` as everywhere.
    public static func changes(_ changes: ChangeLog.Changes, area: Area?, grouping: ChangeGrouping, catalogue: Catalogue,
                               audience: AlertAudience, format: ResponseFormat, welsh: Bool) throws -> String {
        let rows = ChangeRows(catalogue: catalogue, audience: audience, welsh: welsh).rows(changes)
        let groups = Self.group(rows, by: grouping, catalogue: catalogue, welsh: welsh)
        switch format {
        case .json:
            struct Group: Encodable { var key: String; var title: String; var changes: [ChangeRow] }
            struct Body: Encodable {
                var since_run: Int64; var to_run: Int64; var area: String?; var group_by: String; var count: Int
                var counts: [String: Int]; var groups: [Group]
            }
            return try JSONText.encode(Body(since_run: changes.sinceRun, to_run: changes.toRun, area: area?.code,
                                            group_by: grouping.rawValue, count: rows.count,
                                            counts: Dictionary(rows.map { ($0.change, 1) }, uniquingKeysWith: +),
                                            groups: groups.map { Group(key: $0.key, title: $0.title, changes: $0.rows) }))
        case .csv:
            return Table.csv(header: ChangeRow.columns, rows: groups.flatMap { $0.rows.map(\.cells) })
        case .text:
            return text(changes, area: area, groups: groups, count: rows.count, grouping: grouping, welsh: welsh)
        }
    }

    /// Rows under each aim or dimension, in the catalogue's order; those of indicators no longer
    /// in the catalogue go last, under "other".
    static func group(_ rows: [ChangeRow], by grouping: ChangeGrouping, catalogue: Catalogue,
                      welsh: Bool) -> [(key: String, title: String, rows: [ChangeRow])] {
        var keyed: [String: [ChangeRow]] = [:]
        for row in rows {
            let indicator = catalogue.indicator(row.indicator)
            let keys: [String] = switch grouping {
            case .aim: indicator.map { Set($0.aims).sorted().map(String.init) } ?? []
            case .dimension: indicator.map { Set($0.dimensions).sorted() } ?? []
            }
            for key in keys.isEmpty ? ["other"] : keys { keyed[key, default: []].append(row) }
        }
        let order: [(String, String)] = switch grouping {
        case .aim: catalogue.aims.map { (String($0.number), $0.title.text(welsh: welsh)) }
        case .dimension: catalogue.dimensions.map { ($0.letter, $0.title.text(welsh: welsh)) }
        }
        var out: [(key: String, title: String, rows: [ChangeRow])] = []
        for (key, title) in order + [("other", Words.t("Indicators no longer in the catalogue", "Dangosyddion nad ydynt yn y catalog mwyach", welsh))] {
            guard let rows = keyed[key] else { continue }
            out.append((key, title, rows.map { var r = $0; r.group = key; r.group_title = title; return r }))
        }
        return out
    }

    private static func text(_ changes: ChangeLog.Changes, area: Area?, groups: [(key: String, title: String, rows: [ChangeRow])],
                             count: Int, grouping: ChangeGrouping, welsh: Bool) -> String {
        let t = { (en: String, cy: String) in Words.t(en, cy, welsh) }
        let place = area.map { $0.name.text(welsh: welsh) + " (\($0.code))" } ?? t("all areas", "pob ardal")
        let heading = t("What changed since run", "Beth sydd wedi newid ers rhediad") + " \(changes.sinceRun) "
            + t("up to run", "hyd at rediad") + " \(changes.toRun): " + place
        var out = heading + "\n" + String(repeating: "=", count: min(Table.textWidth - 1, heading.count)) + "\n"
        if count == 0 { return out + "\n" + t("Nothing changed.", "Dim byd wedi newid.") + "\n" }
        for group in groups {
            let label = grouping == .aim ? t("Aim", "Nod") + " \(group.key)" : "(\(group.key))"
            out += "\n" + TextWrap.hanging("", label + ": " + group.title)
            let cells = group.rows.map { r -> (cells: [String], notes: [String]) in
                let from = r.from.map { ChangeRows.words($0, welsh) } ?? CellText.number(r.old_value)
                let to = r.to.map { ChangeRows.words($0, welsh) } ?? CellText.number(r.new_value)
                let shown = r.withheld ? "c" : (from.isEmpty && to.isEmpty ? "" : from + " → " + to)
                var notes: [String] = []
                if let reason = r.reason { notes.append(t("reason", "rheswm") + ": " + reason) }
                if r.published == true { notes.append(t("a published figure, revision confirmed", "ffigur cyhoeddedig, diwygiad wedi'i gadarnhau")) }
                if let summary = r.summary { notes.append(summary) }
                return ([r.indicator, r.area, ChangeRows.word(r.change, welsh), r.period ?? "", shown, r.title], notes)
            }
            out += Table.text(header: ["indicator", "area", "change", "period", "from → to", "title"].map { Words.column($0, welsh) },
                              rows: cells, heading: [], footer: [], welsh: welsh)
        }
        out += "\n" + TextWrap.hanging("", t("c: withheld (small numbers). Values and labels are as the runs computed them.",
                                            "c: wedi'i atal (rhifau bach). Mae'r gwerthoedd a'r labeli fel y'u cyfrifwyd gan y rhediadau."))
        return out
    }
}
