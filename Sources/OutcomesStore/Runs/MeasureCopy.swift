import OutcomesCore

/// Encodes measure rows for a binary COPY (``BinaryCopyRows``): each series as rows of
/// `result_series` (``columns``: the key, then one array per measure column, in period order,
/// then the part of the series and the generation; migrations 17 and 18), and a series' latest
/// point for `result_latest` (``latestColumns``, the roll-up inputs). Categories are written as
/// their stored codes (StoredCodes.swift in OutcomesCore). Each field's type is its column's
/// (migrations 8, 17 and 18).
///
/// A run's rows share a few dozen periods: each period's text and first day are encoded once
/// per ``MeasureCopy`` value (one per batch written).
struct MeasureCopy {
    static let key = ["indicator_id", "result_set_id", "area_id", "breakdown_id"]
    /// One array per measure column, in the order ``appendPart`` writes them.
    static let arrays = ["period", "period_start", "value", "lower95", "upper95", "lower998", "upper998", "numerator",
                         "denominator", "derived", "notes", "vs_wales", "vs_board", "trend", "trend_chi2", "change_abs",
                         "change_rel", "quintile", "target_met", "stale", "gap", "gap_significant"]
    /// After the arrays: the part of the series, and its generation.
    static let trailer = ["part", "generation"]
    static let columns = key + arrays + trailer

    static let latestColumns = ["indicator_id", "result_set_id", "area_id", "breakdown_id", "period", "value", "numerator",
                                "denominator", "vs_wales", "vs_board", "trend", "target_met", "stale", "gap", "gap_significant"]

    private var periods: [Period: (text: [UInt8], days: Int)] = [:]

    /// The rows of `result_series` for one series' rows (one area and breakdown, in period
    /// order): one row per part (``parts(_:)``), each measure column as an array.
    mutating func appendSeries(_ series: ArraySlice<MeasureRow>, resultSet: Int64, generation: Int64, to out: inout BinaryCopyRows) {
        let periods = series.map { encoded($0.period) }
        let text = zip(periods, series).map { $0.text.count + $1.notes.utf8.count }
        for (part, range) in Self.parts(text: text).enumerated() {
            let rows = series.startIndex + range.lowerBound..<series.startIndex + range.upperBound
            appendPart(series[rows], periods[range], text: text[range].reduce(0, +), part: Int16(clamping: part),
                       resultSet: resultSet, generation: generation, to: &out)
        }
    }

    /// The most a part's row may take in its page (the bound of ``parts(text:)``): under the
    /// partitions' `toast_tuple_target` (8,160), so no row of a series goes to TOAST.
    static let partBytes = 8_000

    /// The bound of a part's row on disk before its points: the tuple header, the null bitmap,
    /// the key and trailer, and each array's header with its null bitmap and alignment.
    static let rowBytes = 24 + 8 + 28 + arrays.count * 32

    /// The bound of a point in a part's row, beside its period's and notes' text: 8 bytes for
    /// each of the 11 doubles, 2 for each of the 4 smallints, 1 for each of the 4 booleans, 4
    /// for the date, a header for each of the two texts, and its bit in each null bitmap.
    static let pointBytes = 11 * 8 + 4 * 2 + 4 * 1 + 4 + 2 * 4 + arrays.count / 8 + 1

    /// A series' points cut, in period order, into parts whose rows stay in their heap page
    /// (`text`: each point's period and notes, in UTF-8 bytes). A part holds points while a bound
    /// of its row's size on disk (``rowBytes``, then ``pointBytes`` and the text per point) stays
    /// within ``partBytes``.
    ///
    /// Why: a TOASTed array is written elsewhere, and PostgreSQL writes TOAST rows one by one,
    /// without marking their pages all-visible even under `COPY … FREEZE`, so a generation's
    /// first vacuum would write every one of those pages again (262 MB at 10M observations, for
    /// series of up to 442 points). A series of the usual few dozen points is one part.
    static func parts(text: [Int]) -> [Range<Int>] {
        var parts: [Range<Int>] = []
        var (start, bytes) = (0, rowBytes)
        for (i, t) in text.enumerated() {
            if i > start, bytes + pointBytes + t > partBytes {
                parts.append(start..<i)
                (start, bytes) = (i, rowBytes)
            }
            bytes += pointBytes + t
        }
        if start < text.count { parts.append(start..<text.count) }
        return parts
    }

    /// One row of `result_series`: part `part` of a series (at least one point), whose periods
    /// are `periods` and whose periods' and notes' text takes `text` bytes.
    private func appendPart(_ series: ArraySlice<MeasureRow>, _ periods: ArraySlice<(text: [UInt8], days: Int)>, text: Int, part: Int16,
                            resultSet: Int64, generation: Int64, to out: inout BinaryCopyRows) {
        guard let first = series.first else { return }
        let size = BinaryCopyRow.bound(fields: Self.key.count + Self.trailer.count, text: text)
            + Self.arrays.count * BinaryCopyRow.arrayBound(elements: series.count)
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
            out.int16(part)
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
