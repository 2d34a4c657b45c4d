import OutcomesCore
import OutcomesStore

/// `GET /v1/aims/{n}` and `/v1/dimensions/{x}`: one indicator under the aim or dimension, for one
/// area — its latest `all` point (value, 95% interval, comparison with Wales, trend), the series
/// behind the sparkline, and the priority groups' gaps at their latest point. Values withheld by
/// small-number suppression are null (text: blank), as in `/v1/indicators/{id}`.
package struct DepthRow: TableRow, EveryKeyEncodable {
    package struct Point: EveryKeyEncodable, Sendable {
        var period: String
        var value: Double?
    }

    /// A priority group's latest point against all children (gap = group minus all children,
    /// significant when the 95% intervals of the difference exclude zero).
    package struct Gap: EveryKeyEncodable, Sendable {
        var breakdown: String
        var name: String
        var period: String
        var value: Double?
        var gap: Double?
        var significant: Bool?
    }

    package var indicator: String
    package var title: String
    package var unit: String
    package var polarity: String
    package var period: String?
    package var value: Double?
    package var lower95: Double?
    package var upper95: Double?
    package var vs_wales: ComparisonLevels?
    package var trend: TrendLabel?
    package var stale: Bool?
    package var notes: String
    package var series: [Point]
    package var gaps: [Gap]
    /// The language of the text notes (not encoded).
    package var welsh: Bool
    package static let unencoded: Set<String> = ["welsh"]

    package init(indicator: Indicator, series: [MeasureQueries.Series], catalogue: Catalogue, suppress: Bool, welsh: Bool) {
        func shown(_ r: MeasureQueries.Record) -> MeasureQueries.Record { suppress ? Suppression.apply(r, indicator: indicator) : r }
        self.indicator = indicator.id
        self.welsh = welsh
        title = indicator.title.text(welsh: welsh)
        unit = indicator.unit
        polarity = indicator.polarity.rawValue
        let all = series.first { $0.breakdown == Breakdown.allKey }?.records.map(shown) ?? []
        let latest = all.last
        period = latest?.period
        value = latest?.value
        lower95 = latest?.lower95
        upper95 = latest?.upper95
        vs_wales = latest?.benchmark
        trend = latest?.trend
        stale = latest?.stale
        notes = latest?.notes ?? ""
        self.series = all.map { Point(period: $0.period, value: $0.value) }
        gaps = series.compactMap { s -> Gap? in
            guard s.breakdown != Breakdown.allKey, let point = s.latest.map(shown) else { return nil }
            let name = catalogue.breakdowns.first { $0.key == s.breakdown }?.name.text(welsh: welsh) ?? s.breakdown
            return Gap(breakdown: s.breakdown, name: name, period: point.period, value: point.value, gap: point.gap,
                       significant: point.gapSignificant)
        }
    }

    package static let columns = ["indicator", "title", "unit", "period", "value", "lower95", "upper95", "vs_wales", "trend", "stale",
                          "notes", "significant_gaps"]
    package var cells: [String] {
        [indicator, title, unit, period ?? "", CellText.number(value), CellText.number(lower95), CellText.number(upper95),
         vs_wales?.rawValue ?? "", trend?.rawValue ?? "", stale.map { String($0) } ?? "", notes, significantGapsText]
    }

    /// "looked_after -12.3; free_school_meals -4.1": the priority groups significantly apart.
    package var significantGapsText: String {
        gaps.filter { $0.significant == true }.map { "\($0.breakdown) \(CellText.number($0.gap))".trimmingTrailingSpaces() }
            .joined(separator: "; ")
    }

    package static let textColumns = ["indicator", "period", "value", "95% interval", "vs Wales", "trend", "series"]
    package var textCells: [String] {
        guard let period else { return [indicator, "", "", "", "", "", Words.t("no data", "dim data", welsh)] }
        let interval = lower95.flatMap { l in upper95.map { u in MeasuresText.fmt(l) + "–" + MeasuresText.fmt(u) } } ?? ""
        return [indicator, period + (stale == true ? "!" : ""), value.map(MeasuresText.fmt) ?? (notes.contains("c") ? "c" : ""),
                interval, vs_wales?.rawValue ?? "", MeasuresText.arrow(trend), MeasuresText.sparkline(series.suffix(12).map(\.value))]
    }

    package var textNotes: [String] {
        var lines = ["\(title) (\(unit))"]
        let apart = gaps.filter { $0.significant == true }
        if !apart.isEmpty {
            lines.append(Words.t("gaps", "bylchau", welsh) + ": " + apart.map { Words.keep($0.name, $0.gap.map(MeasuresText.signed) ?? "c") }.joined(separator: "; "))
        }
        return lines
    }
}
