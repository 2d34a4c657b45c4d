import OutcomesCore

/// Encodes measure rows for a binary COPY (``BinaryCopyRows``): whole rows for `result`
/// (``columns``), and a series' latest point for `result_latest` (``latestColumns``, the roll-up
/// inputs). Categories are written as their stored codes (StoredCodes.swift in OutcomesCore).
/// Each field's type is its column's (migration 8).
///
/// A run's rows share a few dozen periods: each period's text and first day are encoded once
/// per ``MeasureCopy`` value (one per batch written).
struct MeasureCopy {
    static let columns = ["indicator_id", "result_set_id", "area_id", "breakdown_id", "period", "period_start", "value",
                          "lower95", "upper95", "lower998", "upper998", "numerator", "denominator", "derived", "notes",
                          "vs_wales", "vs_board", "trend", "trend_chi2", "change_abs", "change_rel", "quintile",
                          "target_met", "stale", "gap", "gap_significant"]

    static let latestColumns = ["indicator_id", "result_set_id", "area_id", "breakdown_id", "period", "value", "numerator",
                                "denominator", "vs_wales", "vs_board", "trend", "target_met", "stale", "gap", "gap_significant"]

    private var periods: [Period: (text: [UInt8], days: Int)] = [:]

    /// One row of `result`.
    mutating func append(_ row: MeasureRow, resultSet: Int64, to rows: inout BinaryCopyRows) {
        let period = encoded(row.period)
        let size = BinaryCopyRow.bound(fields: Self.columns.count, text: period.text.count + row.notes.utf8.count)
        rows.append(fields: Int16(Self.columns.count), maxBytes: size) { out in
            Self.key(row, resultSet, to: &out)
            period.text.withUnsafeBytes { out.text(utf8: $0) }
            out.date(daysSinceEpoch: period.days)
            out.float8(row.value)
            out.float8(row.interval95?.lower)
            out.float8(row.interval95?.upper)
            out.float8(row.interval998?.lower)
            out.float8(row.interval998?.upper)
            out.float8(row.numerator)
            out.float8(row.denominator)
            out.bool(row.derived)
            out.text(row.notes)
            out.int16(row.vsWales.category.code)
            out.int16(row.vsBoard.category.code)
            out.int16(row.trend.label.code)
            out.float8(row.trend.chiSquared)
            out.float8(row.change?.absolute)
            out.float8(row.change?.relative)
            out.int16(row.quintile.map { Int16(truncatingIfNeeded: $0) })
            out.bool(row.targetMet)
            out.bool(row.stale)
            out.float8(row.gap?.difference)
            out.bool(row.gap?.significant)
        }
    }

    /// One row of `result_latest`: the latest point of a series.
    mutating func appendLatest(_ row: MeasureRow, resultSet: Int64, to rows: inout BinaryCopyRows) {
        let period = encoded(row.period)
        let size = BinaryCopyRow.bound(fields: Self.latestColumns.count, text: period.text.count)
        rows.append(fields: Int16(Self.latestColumns.count), maxBytes: size) { out in
            Self.key(row, resultSet, to: &out)
            period.text.withUnsafeBytes { out.text(utf8: $0) }
            out.float8(row.value)
            out.float8(row.numerator)
            out.float8(row.denominator)
            out.int16(row.vsWales.category.code)
            out.int16(row.vsBoard.category.code)
            out.int16(row.trend.label.code)
            out.bool(row.targetMet)
            out.bool(row.stale)
            out.float8(row.gap?.difference)
            out.bool(row.gap?.significant)
        }
    }

    private static func key(_ row: MeasureRow, _ resultSet: Int64, to out: inout BinaryCopyRow) {
        out.int32(row.indicator)
        out.int64(resultSet)
        out.int32(row.area)
        out.int16(row.breakdown)
    }

    private mutating func encoded(_ period: Period) -> (text: [UInt8], days: Int) {
        if let known = periods[period] { return known }
        let made = (text: Array(period.description.utf8), days: period.firstDay.daysSinceEpoch)
        periods[period] = made
        return made
    }
}
