import OutcomesCore

/// The plain-text roll-up of an area: for a person in a terminal, under 100 columns. Each aim and
/// dimension gets one line of counts, then the indicators behind the worst signals (red-red,
/// worse than Wales, worsening, priority-group gaps), then what is missing or stale.
public enum SummaryText {
    public static func render(_ summary: AreaSummary, run: Int64, finished: String? = nil, board: String? = nil,
                              welsh: Bool = false) -> String {
        let name = welsh ? (summary.areaNameCy ?? summary.areaName) : summary.areaName
        var out = "\(name) (\(summary.area)) — " + Words.t("how children are doing", "sut mae plant yn dod ymlaen", welsh) + "\n"
        out += String(repeating: "=", count: min(99, out.count - 1)) + "\n"
        let from = Words.fromRun(run, finished, welsh)
        out += from.prefix(1).uppercased() + from.dropFirst() + ".\n"
        out += Words.t(
            "Counts of indicators. n: all; cur/stl/mis: current, stale, missing. vs Wales: bet/sim/wor =\n"
            + "significantly better, similar, significantly worse. Trend: imp/nc/wor = improving, no significant\n"
            + "change, worsening. r-r (red-red): significantly worse than Wales and worsening.\n\n",
            "Nifer y dangosyddion. n: pob un; cur/stl/mis: cyfredol, hen, ar goll. O'i gymharu â Chymru:\n"
            + "bet/sim/wor = gwell, tebyg, gwaeth (yn arwyddocaol). Tuedd: imp/nc/wor = gwella, dim newid\n"
            + "arwyddocaol, gwaethygu. r-r (coch-coch): gwaeth na Chymru ac yn gwaethygu.\n\n", welsh)
        out += section(Words.t("Seven core aims", "Y saith nod craidd", welsh), summary.aims,
                       label: { Words.t("Aim", "Nod", welsh) + " \($0.key)" }, welsh: welsh)
        out += "\n"
        out += section(Words.t("Well-being dimensions, s25(11)", "Agweddau ar les, a25(11)", welsh), summary.dimensions,
                       label: { "(\($0.key))" }, welsh: welsh)
        let groups = summary.aims + summary.dimensions
        if groups.contains(where: { !($0.boardBetter.isEmpty && $0.boardSimilar.isEmpty && $0.boardWorse.isEmpty) }) {
            out += "\n" + boardSection(summary, board: board, welsh: welsh)
        }
        return out
    }

    static func section(_ heading: String, _ groups: [AreaSummary.Group], label: (AreaSummary.Group) -> String, welsh: Bool) -> String {
        var out = heading + "\n" + String(repeating: "-", count: heading.count) + "\n"
        out += pad("", 7) + pad(Words.t("title", "teitl", welsh), 42) + col("n", 3) + col("cur", 5) + col("stl", 4) + col("mis", 4) + " |"
            + col("bet", 4) + col("sim", 4) + col("wor", 4) + " |" + col("imp", 4) + col("nc", 4) + col("wor", 4) + " |"
            + col("r-r", 4) + "\n"
        for g in groups {
            let title = welsh ? (g.titleCy ?? g.title) : g.title
            out += pad(label(g), 7) + pad(title, 42)
                + num(g.indicators.count, 3) + num(g.current.count, 5) + num(g.stale.count, 4) + num(g.missing.count, 4) + " |"
                + num(g.better.count, 4) + num(g.similar.count, 4) + num(g.worse.count, 4) + " |"
                + num(g.improving.count, 4) + num(g.noSignificantChange.count, 4) + num(g.worsening.count, 4) + " |"
                + num(g.redRed.count, 4) + "\n"
            let lists: [(String, [String])] = [
                (Words.t("red-red", "coch-coch", welsh), g.redRed),
                (Words.t("worse", "gwaeth", welsh), g.worse.filter { !g.redRed.contains($0) }),
                (Words.t("worsening", "gwaethygu", welsh), g.worsening.filter { !g.redRed.contains($0) }),
                (Words.t("gaps", "bylchau", welsh), g.significantGaps),
                (Words.t("missing", "ar goll", welsh), g.missing),
                (Words.t("stale", "hen", welsh), g.stale),
                (Words.t("withheld (small numbers)", "wedi'u hatal (rhifau bach)", welsh), g.withheld),
                (Words.t("alerts firing", "rhybuddion yn tanio", welsh), g.alertsFiring),
            ]
            for (what, list) in lists where !list.isEmpty {
                out += TextWrap.hanging("        \(what): ", list.joined(separator: ", "))
            }
        }
        return out
    }

    /// A local authority against its Local Health Board, aim by aim and dimension by dimension.
    static func boardSection(_ s: AreaSummary, board: String?, welsh: Bool) -> String {
        let heading = (board.map { Words.t("Against", Words.withAg($0), welsh) + " " + $0 }
            ?? Words.t("Against its Local Health Board", "O'i gymharu â'i Fwrdd Iechyd Lleol", welsh))
        var out = heading + "\n" + String(repeating: "-", count: heading.count) + "\n"
        out += pad("", 7) + pad(Words.t("title", "teitl", welsh), 42) + col("bet", 4) + col("sim", 4) + col("wor", 4) + "\n"
        for (label, g) in s.aims.map({ (Words.t("Aim", "Nod", welsh) + " \($0.key)", $0) }) + s.dimensions.map({ ("(\($0.key))", $0) }) {
            out += pad(label, 7) + pad(welsh ? (g.titleCy ?? g.title) : g.title, 42)
                + num(g.boardBetter.count, 4) + num(g.boardSimilar.count, 4) + num(g.boardWorse.count, 4) + "\n"
            if !g.boardWorse.isEmpty { out += TextWrap.hanging("        " + Words.t("worse", "gwaeth", welsh) + ": ", g.boardWorse.joined(separator: ", ")) }
        }
        return out
    }

    package static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? String(s.prefix(width - 1)) + "…" : s + String(repeating: " ", count: width - s.count)
    }

    static func num(_ n: Int, _ width: Int) -> String { col(String(n), width) }

    /// Right-aligned in `width` columns.
    static func col(_ s: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - s.count)) + s
    }
}
