import Foundation
import OutcomesCore
import OutcomesStore

/// One series' measures as an aligned table with a sparkline of the values.
public enum MeasuresText {
    static let bars: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// ↑ increasing, ↓ decreasing, → no significant change, · not assessed; `+` getting better,
    /// `-` getting worse (blank for no-judgement indicators).
    public static func arrow(_ trend: String?) -> String {
        switch trend {
        case "increasing_and_getting_better": "↑+"
        case "increasing_and_getting_worse": "↑-"
        case "decreasing_and_getting_better": "↓+"
        case "decreasing_and_getting_worse": "↓-"
        case "increasing": "↑"
        case "decreasing": "↓"
        case "no_significant_change": "→"
        default: "·"
        }
    }

    public static let legend = "trend: ↑ increasing, ↓ decreasing, → no significant change, · not assessed; + getting better, - getting worse"

    public static func render(indicator: Indicator, area: Area, breakdown: String, run: Int64, records: [MeasureQueries.Record]) -> String {
        var out = "\(indicator.title.en) — \(area.name.en) (\(area.code)), \(breakdown), run \(run)\n"
        out += "unit: \(indicator.unit); polarity: \(indicator.polarity.rawValue); \(sparkline(records.map(\.value)))\n"
        out += "period      value      95% interval          vs Wales  trend                           quintile\n"
        for r in records {
            let interval = r.lower95.flatMap { l in r.upper95.map { u in "\(fmt(l)) – \(fmt(u))" } } ?? "-"
            out += pad(r.period + (r.derived ? "*" : ""), 10) + lpad(r.value.map(fmt) ?? "-", 9) + "  " + pad(interval, 22)
                + pad(r.benchmark ?? "-", 10) + pad(arrow(r.trend) + " " + (r.trend ?? "-").replacingOccurrences(of: "_", with: " "), 32)
                + (r.quintile.map(String.init) ?? "-") + (r.stale == true ? "  stale" : "") + "\n"
        }
        if records.contains(where: \.derived) { out += "* derived from the local authorities' figures\n" }
        out += legend + "\n"
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

    static func fmt(_ x: Double) -> String { String(format: abs(x) >= 1000 ? "%.0f" : "%.1f", x) }
    static func pad(_ s: String, _ w: Int) -> String { s.count >= w ? s + " " : s + String(repeating: " ", count: w - s.count) }
    static func lpad(_ s: String, _ w: Int) -> String { s.count >= w ? s : String(repeating: " ", count: w - s.count) + s }
}
