import OutcomesCore

/// An area's roll-up as CSV: one row per aim or dimension with the counts.
enum SummaryCSV {
    static func render(_ s: AreaSummary, run: Int64, welsh: Bool) -> String {
        var out = "run,area,group,key,title,indicators,current,stale,missing,better,similar,worse,higher_or_lower,not_compared,"
            + "improving,no_significant_change,worsening,changing,trend_not_assessed,red_red,targets_met,targets_missed,significant_gaps,"
            + "board_better,board_similar,board_worse,small,small_gaps,withheld,alerts_firing\n"
        func row(_ kind: String, _ g: AreaSummary.Group) {
            let title = welsh ? (g.titleCy ?? g.title) : g.title
            let cells: [String] = [String(run), s.area, kind, g.key, quote(title)] + [
                g.indicators, g.current, g.stale, g.missing, g.better, g.similar, g.worse, g.higherOrLower, g.notCompared,
                g.improving, g.noSignificantChange, g.worsening, g.changing, g.trendNotAssessed, g.redRed, g.targetsMet,
                g.targetsMissed, g.significantGaps, g.boardBetter, g.boardSimilar, g.boardWorse, g.small, g.smallGaps, g.withheld,
                g.alertsFiring,
            ].map { String($0.count) }
            out += cells.joined(separator: ",") + "\n"
        }
        for g in s.aims { row("aim", g) }
        for g in s.dimensions { row("dimension", g) }
        return out
    }

    static func quote(_ s: String) -> String {
        s.contains(",") || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}

import Foundation
