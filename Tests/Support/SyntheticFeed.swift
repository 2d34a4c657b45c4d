public import OutcomesCore

/// Valid feed text with many distinct keys, for volume and crash tests: every indicator of one
/// partner × Wales and the local authorities × allowed breakdowns × periods back from 2023.
public enum SyntheticFeed {
    /// Up to `rows` rows (fewer when the partner's key space runs out); returns the text and the row count.
    public static func csv(_ catalogue: Catalogue, partner: String, rows: Int, variant: Int = 0) -> (text: String, rows: Int) {
        var out = "indicator,area,period,breakdown,numerator,denominator,value,lower,upper,note\n"
        out.reserveCapacity(rows * 60)
        let areas = catalogue.areas.filter { $0.kind != .healthBoard }.map(\.code)
        var produced = 0
        var step = 0
        let indicators = catalogue.indicators.filter { $0.partner == partner }
        guard !indicators.isEmpty else { return (out, 0) }
        outer: while true {
            for indicator in indicators {
                guard let last = Period(type: indicator.periodType, year: 2023, index: indicator.periodType == .quarter || indicator.periodType == .month ? 1 : 0) else { continue }
                let period = last.advanced(by: -step)
                guard Period.years.contains(period.year) else { continue }
                for area in areas {
                    for breakdown in indicator.breakdowns {
                        out += "\(indicator.id),\(area),\(period),\(breakdown),"
                        switch indicator.kind {
                        case .proportion: out += "\(1 + variant),\(20 + variant),,,,\n"
                        case .rate: out += "\(1 + variant),\(Int(indicator.multiplier) * 10),,,,\n"
                        case .count, .mean: out += ",,\(indicator.validRange.min + Double(variant)),,,\n"
                        case .valueWithCI:
                            let v = indicator.validRange.min + Double(variant)
                            out += ",,\(v),\(v),\(v),\n"
                        }
                        produced += 1
                        if produced >= rows { break outer }
                    }
                }
            }
            step += 1
            if step > 1500 { break }
        }
        return (out, produced)
    }
}
