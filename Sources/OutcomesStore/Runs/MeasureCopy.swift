import OutcomesCore

/// Encodes measure rows for a binary COPY (``BinaryCopyRows``): each series as one row of
/// `result_series` (``columns``: the key, then one array per measure column, in period order,
/// then the generation; migrations 17 and 18), and a series' latest point for `result_latest` (``latestColumns``, the roll-up
/// inputs). Categories are written as their stored codes (StoredCodes.swift in OutcomesCore).
/// Each field's type is its column's (migrations 8 and 17).
///
/// A run's rows share a few dozen periods: each period's text and first day are encoded once
/// per ``MeasureCopy`` value (one per batch written).
struct MeasureCopy {
    static let key = ["indicator_id", "result_set_id", "area_id", "breakdown_id"]
    static let columns = key + ["period", "period_start", "value", "lower95", "upper95", "lower998", "upper998", "numerator",
                                "denominator", "derived", "notes", "vs_wales", "vs_board", "trend", "trend_chi2", "change_abs",
                                "change_rel", "quintile", "target_met", "stale", "gap", "gap_significant", "generation"]

    static let latestColumns = ["indicator_id", "result_set_id", "area_id", "breakdown_id", "period", "value", "numerator",
                                "denominator", "vs_wales", "vs_board", "trend", "target_met", "stale", "gap", "gap_significant"]

    private var periods: [Period: (text: [UInt8], days: Int)] = [:]

    /// One row of `result_series`: one series' rows (one area and breakdown, in period order, at
    /// least one row), each measure column as an array.
    mutating func appendSeries(_ series: ArraySlice<MeasureRow>, resultSet: Int64, generation: Int64, to out: inout BinaryCopyRows) {
        guard let first = series.first else { return }
        let periods = series.map { encoded($0.period) }
        var text = 0
        for (period, row) in zip(periods, series) { text += period.text.count + row.notes.utf8.count }
        let arrays = Self.columns.count - Self.key.count - 1
        let size = BinaryCopyRow.bound(fields: Self.key.count + 1, text: text) + arrays * BinaryCopyRow.arrayBound(elements: series.count)
        out.append(fields: Int16(Self.columns.count), maxBytes: size) { out in
            Self.key(first, resultSet, to: &out)
            out.array(.text, periods) { a, p in p.text.withUnsafeBytes { a.text(utf8: $0) } }
            out.array(.date, periods) { a, p in a.date(daysSinceEpoch: p.days) }
            out.array(.float8, series.indices) { a, i in a.float8(series[i].value) }
            out.array(.float8, series.indices) { a, i in a.float8(series[i].interval95?.lower) }
            out.array(.float8, series.indices) { a, i in a.float8(series[i].interval95?.upper) }
            out.array(.float8, series.indices) { a, i in a.float8(series[i].interval998?.lower) }
            out.array(.float8, series.indices) { a, i in a.float8(series[i].interval998?.upper) }
            out.array(.float8, series.indices) { a, i in a.float8(series[i].numerator) }
            out.array(.float8, series.indices) { a, i in a.float8(series[i].denominator) }
            out.array(.bool, series.indices) { a, i in a.bool(series[i].derived) }
            out.array(.text, series.indices) { a, i in a.text(series[i].notes) }
            out.array(.int2, series.indices) { a, i in a.int16(series[i].vsWales.category.code) }
            out.array(.int2, series.indices) { a, i in a.int16(series[i].vsBoard.category.code) }
            out.array(.int2, series.indices) { a, i in a.int16(series[i].trend.label.code) }
            out.array(.float8, series.indices) { a, i in a.float8(series[i].trend.chiSquared) }
            out.array(.float8, series.indices) { a, i in a.float8(series[i].change?.absolute) }
            out.array(.float8, series.indices) { a, i in a.float8(series[i].change?.relative) }
            out.array(.int2, series.indices) { a, i in a.int16(series[i].quintile.map { Int16(truncatingIfNeeded: $0) }) }
            out.array(.bool, series.indices) { a, i in a.bool(series[i].targetMet) }
            out.array(.bool, series.indices) { a, i in a.bool(series[i].stale) }
            out.array(.float8, series.indices) { a, i in a.float8(series[i].gap?.difference) }
            out.array(.bool, series.indices) { a, i in a.bool(series[i].gap?.significant) }
            out.int64(generation)
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
