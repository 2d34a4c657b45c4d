import OutcomesCore
import OutcomesStore

/// Table cells shared by the pages.
package enum Cells {
    /// A value, or the suppression mark `c` (with its meaning) when the record was withheld.
    package static func value(_ r: MeasureQueries.Record?, _ welsh: Bool) -> String {
        guard let r else { return "" }
        if r.value == nil, r.notes.contains("c") { return withheld(welsh) }
        return HTMLText.escape(HTMLText.number(r.value))
    }

    package static func withheld(_ welsh: Bool) -> String {
        "<abbr class=\"c\" title=\"" + HTMLText.attribute(Words.t("withheld: below the small-number threshold",
                                                                  "wedi'i atal: o dan y trothwy rhifau bach", welsh)) + "\">c</abbr>"
    }

    /// The count (numerator) or, for a count indicator, nothing more than the value already says.
    package static func count(_ r: MeasureQueries.Record?, _ welsh: Bool) -> String {
        guard let r else { return "" }
        if r.numerator == nil, r.notes.contains("c") { return withheld(welsh) }
        return HTMLText.escape(CellText.number(r.numerator))
    }

    package static func unitWords(_ i: Indicator) -> String { i.unit }

    package static func polarityWords(_ p: Indicator.Polarity, _ welsh: Bool) -> String {
        switch p {
        case .highIsGood: Words.t("higher is better", "uwch yn well", welsh)
        case .lowIsGood: Words.t("lower is better", "is yn well", welsh)
        case .noJudgement: Words.t("neither higher nor lower is better", "nid yw uwch nac is yn well", welsh)
        }
    }

    package static func methodWords(_ i: Indicator, _ welsh: Bool) -> String {
        switch i.kind {
        case .proportion: Words.t("Proportion (numerator ÷ denominator × \(CellText.number(i.multiplier))); 95% and 99.8% intervals by Wilson's score method.",
                                  "Cyfran (rhifiadur ÷ enwadur × \(CellText.number(i.multiplier))); cyfyngau 95% a 99.8% drwy ddull sgôr Wilson.", welsh)
        case .rate: Words.t("Rate (events ÷ population × \(CellText.number(i.multiplier))); intervals by Byar's method (exact Poisson below 10 events).",
                            "Cyfradd (digwyddiadau ÷ poblogaeth × \(CellText.number(i.multiplier))); cyfyngau drwy ddull Byar (Poisson union o dan 10 digwyddiad).", welsh)
        case .count: Words.t("Count; intervals from the Poisson distribution.", "Cyfrif; cyfyngau o ddosraniad Poisson.", welsh)
        case .mean: Words.t("Mean, with the interval the source supplies.", "Cymedr, gyda'r cyfwng a roddir gan y ffynhonnell.", welsh)
        case .valueWithCI: Words.t("Value with the interval the source supplies.", "Gwerth gyda'r cyfwng a roddir gan y ffynhonnell.", welsh)
        }
    }

    package static func areaKind(_ k: Area.Kind, _ welsh: Bool) -> String {
        switch k {
        case .country: Words.t("country", "gwlad", welsh)
        case .healthBoard: Words.t("health board", "bwrdd iechyd", welsh)
        case .localAuthority: Words.t("local authority", "awdurdod lleol", welsh)
        }
    }
}
