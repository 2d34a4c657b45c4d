import OutcomesCore
import OutcomesStore

/// Small-number suppression for what readers see (the statistical disclosure control of
/// official statistics): a numerator, denominator or count below the indicator's threshold
/// (default 5) is withheld, and so is every value derived from it — value, intervals, change,
/// gap, and the comparisons, trend, quintile and target computed from them. Admins and the partner
/// that supplies the indicator see everything.
package enum Suppression {
    package static func applies(to principal: Principal?, indicator: Indicator) -> Bool {
        guard let principal else { return true }
        switch principal.role {
        case .admin: return false
        case .partner: return principal.partner != indicator.partner
        case .reader: return true
        }
    }

    /// Who a rendering is for, as a cache key: everything suppressed ("public"), nothing
    /// ("full"), or all but one partner's own indicators ("partner:KEY").
    package static func audience(_ principal: Principal?) -> String {
        guard let principal else { return "public" }
        switch principal.role {
        case .admin: return "full"
        case .partner: return "partner:" + (principal.partner ?? "")
        case .reader: return "public"
        }
    }

    /// The record with small numbers withheld (notes gain `c`, confidential).
    package static func apply(_ r: MeasureQueries.Record, indicator: Indicator) -> MeasureQueries.Record {
        let small = SmallNumbers.isSmall(indicator, numerator: r.numerator, denominator: r.denominator, value: r.value)
        guard small else { return r }
        var s = r
        s.value = nil; s.lower95 = nil; s.upper95 = nil; s.lower998 = nil; s.upper998 = nil
        s.numerator = nil; s.denominator = nil; s.change = nil; s.changeRelative = nil; s.gap = nil
        s.trendChi2 = nil
        // Comparisons and labels computed from the withheld figures would hint at them.
        s.benchmark = nil; s.benchmarkBoard = nil; s.trend = nil; s.quintile = nil; s.target = nil; s.gapSignificant = nil
        if !s.notes.contains("c") { s.notes = String((s.notes + "c").sorted()) }
        return s
    }
}
