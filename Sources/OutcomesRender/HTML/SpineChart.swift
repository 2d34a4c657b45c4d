import Foundation
import OutcomesCore

/// A spine chart of one indicator for one area (the public-health profiles' chart): the range of
/// the local authorities' values from worst (left) to best (right) — for a no-judgement indicator
/// lowest to highest — their interquartile range, a line at the Wales value, and the area's
/// marker (``Marker``). An inline SVG with a title and a description that say the same in words;
/// the table row it sits in holds the figures.
package struct SpineChart: Sendable {
    /// The local authorities' values at the period shown (small numbers already left out).
    package var values: [Double]
    package var wales: Double?
    package var area: Double?
    package var marker: Marker
    package var polarity: Indicator.Polarity

    package static let width = 240.0
    package static let height = 24.0

    package init(values: [Double], wales: Double?, area: Double?, marker: Marker, polarity: Indicator.Polarity) {
        self.values = values
        self.wales = wales
        self.area = area
        self.marker = marker
        self.polarity = polarity
    }

    /// Linear-interpolated quantile (the same as a spreadsheet's QUARTILE.INC).
    package static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        guard sorted.count > 1 else { return sorted.first ?? 0 }
        let h = Double(sorted.count - 1) * q
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }

    /// The chart, or nil when there are fewer than two local authorities' values to draw a range.
    /// `id`: unique on the page (for the title and description); `name`: the area; `title`: the
    /// indicator.
    package func svg(id: String, name: String, title: String, welsh: Bool) -> String? {
        let sorted = values.sorted()
        guard sorted.count >= 2, let lowest = sorted.first, let highest = sorted.last else { return nil }
        let q1 = Self.quantile(sorted, 0.25), q3 = Self.quantile(sorted, 0.75)
        let all = sorted + [wales, area].compactMap { $0 }
        let lo = all.min() ?? lowest, hi = all.max() ?? highest
        // Worst on the left: for low-is-good the axis runs from the highest value down.
        let reversed = polarity == .lowIsGood
        let pad = 8.0, span = Self.width - 2 * pad
        func x(_ v: Double) -> Double {
            guard hi > lo else { return Self.width / 2 }
            let f = (v - lo) / (hi - lo)
            return pad + (reversed ? 1 - f : f) * span
        }
        func rect(_ cls: String, _ a: Double, _ b: Double, y: Double, h: Double) -> String {
            let l = min(x(a), x(b)), r = max(x(a), x(b))
            return "<rect class=\"\(cls)\" x=\"\(HTMLText.coordinate(l))\" y=\"\(HTMLText.coordinate(y))\" width=\"\(HTMLText.coordinate(max(r - l, 1)))\" height=\"\(HTMLText.coordinate(h))\"/>"
        }
        let n = HTMLText.number
        let (worst, best) = reversed ? (highest, lowest) : (lowest, highest)
        var desc = polarity == .noJudgement
            ? Words.t("Local authorities from \(n(lowest)) (lowest) to \(n(highest)) (highest)",
                      "Awdurdodau lleol o \(n(lowest)) (isaf) i \(n(highest)) (uchaf)", welsh)
            : Words.t("Local authorities from \(n(worst)) (worst) to \(n(best)) (best)",
                      "Awdurdodau lleol o \(n(worst)) (gwaethaf) i \(n(best)) (gorau)", welsh)
        desc += Words.t("; middle half \(n(min(q1, q3))) to \(n(max(q1, q3)))", "; yr hanner canol \(n(min(q1, q3))) i \(n(max(q1, q3)))", welsh)
        if let wales { desc += Words.t("; Wales \(n(wales))", "; Cymru \(n(wales))", welsh) }
        if let area { desc += "; \(name) \(n(area)), " + marker.words(welsh) } else {
            desc += "; \(name): " + Words.t("no value shown", "dim gwerth i'w ddangos", welsh)
        }
        let label = title + " – " + name
        var out = "<svg class=\"spine\" width=\"240\" height=\"24\" viewBox=\"0 0 240 24\" role=\"img\" aria-labelledby=\"\(id)t \(id)d\">"
        out += "<title id=\"\(id)t\">\(HTMLText.escape(label))</title><desc id=\"\(id)d\">\(HTMLText.escape(desc + "."))</desc>"
        out += rect("range", lowest, highest, y: 7, h: 10) + rect("iqr", q1, q3, y: 7, h: 10)
        if let wales {
            let wx = HTMLText.coordinate(x(wales))
            out += "<line class=\"wales\" x1=\"\(wx)\" y1=\"2\" x2=\"\(wx)\" y2=\"22\"/>"
        }
        if let area { out += marker.svg(x: x(area), y: 12) }
        return out + "</svg>"
    }
}
