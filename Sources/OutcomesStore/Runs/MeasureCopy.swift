import OutcomesCore

/// Encodes measure rows as PostgreSQL COPY text, in the column order of ``MeasureCopy/columns``.
enum MeasureCopy {
    static let columns = ["run_id", "indicator_id", "area_id", "breakdown_id", "period", "period_start", "value",
                          "lower95", "upper95", "lower998", "upper998", "numerator", "denominator", "derived", "notes",
                          "vs_wales", "vs_board", "trend", "trend_chi2", "change_abs", "change_rel", "quintile",
                          "target_met", "stale", "gap", "gap_significant"]

    static func append(_ row: MeasureRow, run: Int64, to out: inout [UInt8]) {
        func text(_ s: String) { out.append(contentsOf: s.utf8) }
        func field(_ s: String?) {
            if let s { text(s) } else { text("\\N") }
            out.append(0x09)
        }
        func number(_ d: Double?) { field(d.flatMap { $0.isFinite ? String($0) : nil }) }
        func flag(_ b: Bool?) { field(b.map { $0 ? "t" : "f" }) }
        field(String(run))
        field(String(row.indicator))
        field(String(row.area))
        field(String(row.breakdown))
        field(row.period.description)
        field(row.period.firstDay.description)
        number(row.value)
        number(row.interval95?.lower)
        number(row.interval95?.upper)
        number(row.interval998?.lower)
        number(row.interval998?.upper)
        number(row.numerator)
        number(row.denominator)
        flag(row.derived)
        field(row.notes)   // note letters only: nothing to escape
        field(row.vsWales.label)
        field(row.vsBoard.label)
        field(row.trend.label.rawValue)
        number(row.trend.chiSquared)
        number(row.change?.absolute)
        number(row.change?.relative)
        field(row.quintile.map(String.init))
        flag(row.targetMet)
        flag(row.stale)
        number(row.gap?.difference)
        // Last column: newline instead of tab.
        if let significant = row.gap?.significant { text(significant ? "t" : "f") } else { text("\\N") }
        out.append(0x0A)
    }
}
