import OutcomesCore

/// Encodes measure rows as PostgreSQL COPY text: whole rows for `result` (``columns``), and a
/// series' latest point for `result_latest` (``latestColumns``, the roll-up inputs). Categories
/// are written as their stored codes (StoredCodes.swift in OutcomesCore).
enum MeasureCopy {
    static let columns = ["indicator_id", "result_set_id", "area_id", "breakdown_id", "period", "period_start", "value",
                          "lower95", "upper95", "lower998", "upper998", "numerator", "denominator", "derived", "notes",
                          "vs_wales", "vs_board", "trend", "trend_chi2", "change_abs", "change_rel", "quintile",
                          "target_met", "stale", "gap", "gap_significant"]

    static func append(_ row: MeasureRow, resultSet: Int64, to out: inout [UInt8]) {
        var line = Line(out: out)
        out = []
        line.key(row, resultSet)
        line.field(row.period.description)
        line.field(row.period.firstDay.description)
        line.number(row.value)
        line.number(row.interval95?.lower)
        line.number(row.interval95?.upper)
        line.number(row.interval998?.lower)
        line.number(row.interval998?.upper)
        line.number(row.numerator)
        line.number(row.denominator)
        line.flag(row.derived)
        line.field(row.notes)   // note letters only: nothing to escape
        line.code(row.vsWales.category.code)
        line.code(row.vsBoard.category.code)
        line.code(row.trend.label.code)
        line.number(row.trend.chiSquared)
        line.number(row.change?.absolute)
        line.number(row.change?.relative)
        line.field(row.quintile.map(String.init))
        line.flag(row.targetMet)
        line.flag(row.stale)
        line.number(row.gap?.difference)
        line.last(row.gap?.significant)
        out = line.out
    }

    static let latestColumns = ["indicator_id", "result_set_id", "area_id", "breakdown_id", "period", "value", "numerator",
                                "denominator", "vs_wales", "vs_board", "trend", "target_met", "stale", "gap", "gap_significant"]

    static func appendLatest(_ row: MeasureRow, resultSet: Int64, to out: inout [UInt8]) {
        var line = Line(out: out)
        out = []
        line.key(row, resultSet)
        line.field(row.period.description)
        line.number(row.value)
        line.number(row.numerator)
        line.number(row.denominator)
        line.code(row.vsWales.category.code)
        line.code(row.vsBoard.category.code)
        line.code(row.trend.label.code)
        line.flag(row.targetMet)
        line.flag(row.stale)
        line.number(row.gap?.difference)
        line.last(row.gap?.significant)
        out = line.out
    }

    /// One COPY text line being written: tab-separated fields, `\N` for NULL.
    private struct Line {
        var out: [UInt8]

        mutating func field(_ s: String?) {
            if let s { out.append(contentsOf: s.utf8) } else { out.append(contentsOf: "\\N".utf8) }
            out.append(0x09)
        }
        mutating func number(_ d: Double?) { field(d.flatMap { $0.isFinite ? String($0) : nil }) }
        mutating func flag(_ b: Bool?) { field(b.map { $0 ? "t" : "f" }) }
        /// A category's stored code (``ComparisonLevels/code``, ``TrendLabel/code``).
        mutating func code(_ c: Int16) { field(String(c)) }
        mutating func key(_ row: MeasureRow, _ resultSet: Int64) {
            field(String(row.indicator))
            field(String(resultSet))
            field(String(row.area))
            field(String(row.breakdown))
        }
        /// The last field: a newline instead of a tab.
        mutating func last(_ b: Bool?) {
            out.append(contentsOf: (b.map { $0 ? "t" : "f" } ?? "\\N").utf8)
            out.append(0x0A)
        }
    }
}
