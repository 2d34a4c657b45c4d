import Foundation

/// A series over time as an inline SVG: the area's values joined by a line with its 95% interval
/// as a band, and the Wales and health-board series as dashed and dotted lines (different dash
/// patterns, not only colours). Periods run left to right in the order given; gaps (no value, or
/// a withheld one) break the lines. The table under the chart holds the figures; the chart's title
/// and description say what it shows.
package struct LineChart: Sendable {
    package struct Point: Sendable {
        package var value: Double?
        package var lower: Double?
        package var upper: Double?
        package init(value: Double?, lower: Double? = nil, upper: Double? = nil) {
            self.value = value
            self.lower = lower
            self.upper = upper
        }
    }

    package var periods: [String]
    /// Per period (same order as `periods`); missing periods are nil.
    package var area: [Point?]
    package var wales: [Double?]
    package var board: [Double?]

    package static let width = 720.0
    package static let height = 300.0

    package init(periods: [String], area: [Point?], wales: [Double?], board: [Double?]) {
        self.periods = periods
        self.area = area
        self.wales = wales
        self.board = board
    }

    /// About five round steps covering lo...hi.
    package static func ticks(_ lo: Double, _ hi: Double) -> [Double] {
        guard hi > lo else { return [lo] }
        let raw = (hi - lo) / 5
        let mag = pow(10, (log10(raw)).rounded(.down))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * mag }.first { $0 >= raw } ?? raw
        var t = (lo / step).rounded(.down) * step
        var out: [Double] = []
        while t <= hi + step * 1e-9 { out.append(t); t += step }
        if let last = out.last, last < hi { out.append(last + step) }
        return out
    }

    package func svg(id: String, title: String, description: String) -> String {
        let left = 64.0, right = 16.0, top = 16.0, bottom = 44.0
        let w = Self.width - left - right, h = Self.height - top - bottom
        var all: [Double] = []
        for p in area.compactMap({ $0 }) { all += [p.value, p.lower, p.upper].compactMap { $0 } }
        all += wales.compactMap { $0 } + board.compactMap { $0 }
        var out = "<svg class=\"line\" width=\"720\" height=\"300\" viewBox=\"0 0 720 300\" role=\"img\" aria-labelledby=\"\(id)t \(id)d\">"
        out += "<title id=\"\(id)t\">\(HTMLText.escape(title))</title><desc id=\"\(id)d\">\(HTMLText.escape(description))</desc>"
        guard let minV = all.min(), let maxV = all.max(), !periods.isEmpty else { return out + "</svg>" }
        let ticks = Self.ticks(minV, maxV)
        let lo = ticks.first ?? minV, hi = max(ticks.last ?? maxV, lo + 1e-9)
        func x(_ i: Int) -> Double { periods.count == 1 ? left + w / 2 : left + Double(i) / Double(periods.count - 1) * w }
        func y(_ v: Double) -> Double { top + (1 - (v - lo) / (hi - lo)) * h }
        let c = HTMLText.coordinate
        for t in ticks {
            out += "<line class=\"grid\" x1=\"\(c(left))\" y1=\"\(c(y(t)))\" x2=\"\(c(left + w))\" y2=\"\(c(y(t)))\"/>"
            out += "<text x=\"\(c(left - 6))\" y=\"\(c(y(t) + 4))\" text-anchor=\"end\">\(HTMLText.escape(HTMLText.number(t)))</text>"
        }
        let every = max(1, Int((Double(periods.count) / 10).rounded(.up)))
        for (i, p) in periods.enumerated() where i % every == 0 || i == periods.count - 1 {
            out += "<text x=\"\(c(x(i)))\" y=\"\(c(top + h + 18))\" text-anchor=\"middle\">\(HTMLText.escape(p))</text>"
        }
        // Runs of consecutive periods with a value (a gap breaks the line and the band).
        func runs(_ has: (Int) -> Bool) -> [[Int]] {
            var out: [[Int]] = [], cur: [Int] = []
            for i in periods.indices { if has(i) { cur.append(i) } else if !cur.isEmpty { out.append(cur); cur = [] } }
            if !cur.isEmpty { out.append(cur) }
            return out
        }
        for run in runs({ area[$0]?.lower != nil && area[$0]?.upper != nil }) where run.count > 1 {
            let upper = run.map { "\(c(x($0))),\(c(y(area[$0]!.upper!)))" }
            let lower = run.reversed().map { "\(c(x($0))),\(c(y(area[$0]!.lower!)))" }
            out += "<polygon class=\"band\" points=\"\((upper + lower).joined(separator: " "))\"/>"
        }
        func line(_ cls: String, _ values: [Double?]) {
            for run in runs({ values[$0] != nil }) {
                if run.count == 1 {
                    let i = run[0]
                    out += "<line class=\"\(cls)\" x1=\"\(c(x(i) - 6))\" y1=\"\(c(y(values[i]!)))\" x2=\"\(c(x(i) + 6))\" y2=\"\(c(y(values[i]!)))\"/>"
                } else {
                    out += "<polyline class=\"\(cls)\" points=\"" + run.map { "\(c(x($0))),\(c(y(values[$0]!)))" }.joined(separator: " ") + "\"/>"
                }
            }
        }
        line("wales", wales)
        line("board", board)
        line("area", area.map { $0?.value })
        for (i, p) in area.enumerated() { if let v = p?.value { out += "<circle class=\"pt\" cx=\"\(c(x(i)))\" cy=\"\(c(y(v)))\" r=\"3.5\"/>" } }
        return out + "</svg>"
    }
}
