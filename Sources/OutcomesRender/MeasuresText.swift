import Foundation
import OutcomesCore
import OutcomesStore

/// One series' measures as an aligned table with a sparkline of the values.
public enum MeasuresText {
    static let bars: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// ↑ increasing, ↓ decreasing, → no significant change, · not assessed; `+` getting better,
    /// `-` getting worse (blank for no-judgement indicators).
    public static func arrow(_ trend: TrendLabel?) -> String {
        switch trend {
        case .increasingAndGettingBetter: "↑+"
        case .increasingAndGettingWorse: "↑-"
        case .decreasingAndGettingBetter: "↓+"
        case .decreasingAndGettingWorse: "↓-"
        case .increasing: "↑"
        case .decreasing: "↓"
        case .noSignificantChange: "→"
        case .cannotBeCalculated, nil: "·"
        }
    }

    /// One series: a heading naming the indicator, area, breakdown and run; the unit, polarity
    /// and a sparkline; then one line per period, oldest first.
    public static func render(indicator: Indicator, area: Area, breakdown: String, breakdownName: String? = nil, run: Int64,
                              finished: String? = nil, records: [MeasureQueries.Record], welsh: Bool = false) -> String {
        let t = { (en: String, cy: String) in Words.t(en, cy, welsh) }
        let title = TextWrap.hanging("", indicator.title.text(welsh: welsh))
        var out = title + String(repeating: "=", count: title.split(separator: "\n").map(\.count).max() ?? 0) + "\n"
        out += TextWrap.hanging("", "\(area.name.text(welsh: welsh)) (\(area.code)); " + t("breakdown", "dadansoddiad")
                                + ": \(breakdownName ?? breakdown); " + Words.fromRun(run, finished, welsh))
        out += t("unit", "uned") + ": \(indicator.unit); " + t("polarity", "polaredd") + ": \(indicator.polarity.rawValue)"
            + (records.isEmpty ? "" : "; " + t("series", "cyfres") + " \(sparkline(records.map(\.value)))") + "\n\n"
        out += pad(t("period", "cyfnod"), 10) + lpad(t("value", "gwerth"), 9) + "  " + pad(t("95% interval", "cyfwng 95%"), 22)
            + pad(t("vs Wales", "v Cymru"), 10) + pad(t("trend", "tuedd"), 32) + t("quintile", "cwintel") + "\n"
        for r in records {
            let interval = r.lower95.flatMap { l in r.upper95.map { u in "\(fmt(l)) – \(fmt(u))" } } ?? "-"
            let value = r.value.map(fmt) ?? (r.notes.contains("c") ? "c" : "-")
            out += pad(r.period + (r.derived ? "*" : ""), 10) + lpad(value, 9) + "  " + pad(interval, 22)
                + pad(r.benchmark?.rawValue ?? "-", 10)
                + pad(arrow(r.trend) + " " + (r.trend?.rawValue ?? "-").replacingOccurrences(of: "_", with: " "), 32)
                + (r.quintile.map(String.init) ?? "-") + (r.stale == true ? "  " + t("stale", "hen") : "") + "\n"
        }
        if records.isEmpty { out += t("(no data for this series in this run)", "(dim data ar gyfer y gyfres hon yn y rhediad hwn)") + "\n" }
        out += "\n"
        if records.contains(where: \.derived) {
            out += t("* derived from the local authorities' figures", "* wedi'i gyfrifo o ffigurau'r awdurdodau lleol") + "\n"
        }
        out += TextWrap.hanging("", Words.trendLegend(welsh))
        if records.contains(where: { $0.notes.contains("c") }) { out += TextWrap.hanging("", Words.marksLegend(welsh)) }
        return out
    }

    static func sparkline(_ values: [Double?]) -> String {
        let present = values.compactMap { $0 }
        guard let lo = present.min(), let hi = present.max() else { return "" }
        return String(values.map { v in
            guard let v else { return " " }
            let i = hi > lo ? Int(((v - lo) / (hi - lo) * 7).rounded()) : 3
            return bars[max(0, min(7, i))]
        })
    }

    /// A difference with its sign: "+1.2", "-4.0".
    static func signed(_ x: Double) -> String { (x > 0 ? "+" : "") + fmt(x) }

    static func fmt(_ x: Double) -> String { String(format: abs(x) >= 1000 ? "%.0f" : "%.1f", x) }
    static func pad(_ s: String, _ w: Int) -> String { s.count >= w ? s + " " : s + String(repeating: " ", count: w - s.count) }
    static func lpad(_ s: String, _ w: Int) -> String { s.count >= w ? s : String(repeating: " ", count: w - s.count) + s }
}
