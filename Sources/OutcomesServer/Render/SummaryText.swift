import OutcomesCore

/// The plain-text roll-up of an area: for a person in a terminal, under 100 columns.
public enum SummaryText {
    public static func render(_ summary: AreaSummary, run: Int64, welsh: Bool = false) -> String {
        let name = welsh ? (summary.areaNameCy ?? summary.areaName) : summary.areaName
        var out = "\(name) (\(summary.area)) — how children are doing, run \(run)\n"
        out += String(repeating: "=", count: min(99, out.count - 1)) + "\n"
        out += "Counts of indicators; vs Wales: better/similar/worse; trend: improving/no change/worsening.\n"
        out += "red-red = significantly worse than Wales and significantly worsening.\n\n"
        out += section("Seven core aims", summary.aims, label: { "Aim \($0.key)" }, welsh: welsh)
        out += "\n"
        out += section("Well-being dimensions, s25(11)", summary.dimensions, label: { "(\($0.key))" }, welsh: welsh)
        return out
    }

    static func section(_ heading: String, _ groups: [AreaSummary.Group], label: (AreaSummary.Group) -> String, welsh: Bool) -> String {
        var out = heading + "\n" + String(repeating: "-", count: heading.count) + "\n"
        out += pad("", 7) + pad("title", 42) + col("n", 3) + col("cur", 5) + col("stl", 4) + col("mis", 4) + " |"
            + col("bet", 4) + col("sim", 4) + col("wor", 4) + " |" + col("imp", 4) + col("nc", 4) + col("wor", 4) + " |"
            + col("r-r", 4) + "\n"
        for g in groups {
            let title = welsh ? (g.titleCy ?? g.title) : g.title
            out += pad(label(g), 7) + pad(title, 42)
                + num(g.indicators.count, 3) + num(g.current.count, 5) + num(g.stale.count, 4) + num(g.missing.count, 4) + " |"
                + num(g.better.count, 4) + num(g.similar.count, 4) + num(g.worse.count, 4) + " |"
                + num(g.improving.count, 4) + num(g.noSignificantChange.count, 4) + num(g.worsening.count, 4) + " |"
                + num(g.redRed.count, 4) + "\n"
            for (what, list) in [("worse", g.worse), ("red-red", g.redRed), ("worsening", g.worsening), ("gaps", g.significantGaps),
                                 ("missing", g.missing), ("stale", g.stale)] where !list.isEmpty {
                out += wrap("        \(what): ", list.joined(separator: ", "))
            }
        }
        return out
    }

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? String(s.prefix(width - 1)) + "…" : s + String(repeating: " ", count: width - s.count)
    }

    static func num(_ n: Int, _ width: Int) -> String { col(String(n), width) }

    /// Right-aligned in `width` columns.
    static func col(_ s: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - s.count)) + s
    }

    /// Wraps a list to 99 columns under a hanging label.
    static func wrap(_ label: String, _ text: String) -> String {
        var lines: [String] = []
        var line = label
        for word in text.split(separator: " ") {
            if line.count + word.count + 1 > 99 {
                lines.append(line)
                line = String(repeating: " ", count: label.count)
            }
            line += (line.hasSuffix(" ") ? "" : " ") + word
        }
        lines.append(line)
        return lines.joined(separator: "\n") + "\n"
    }
}
