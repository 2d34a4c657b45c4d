import Foundation
import OutcomesCore
import OutcomesStore

/// The representations shared by the HTTP endpoints and the command line (`outcomesd summary`,
/// `outcomesd measures`), so the same run reads the same in a terminal either way.
public enum Renderings {
    /// An area's roll-up (built with `catalogue`'s names: ``MeasureQueries/summary(area:run:catalogue:keys:)``).
    public static func summary(_ s: AreaSummary, catalogue: Catalogue, run: Int64, finishedAt: Date, format: ResponseFormat,
                               welsh: Bool) throws -> String {
        switch format {
        case .json: return SummaryJSON.render(s, welsh: welsh)
        case .text:
            let board = catalogue.area(s.area)?.parent(on: CivilDate.today()).flatMap(catalogue.area)
            return SummaryText.render(s, run: run, finished: finishedText(finishedAt),
                                      board: board.map { "\($0.name.text(welsh: welsh)) (\($0.code))" }, welsh: welsh)
        case .csv: return SummaryCSV.render(s, run: run, welsh: welsh)
        }
    }

    /// One series of measures (already suppressed as the reader requires).
    public static func series(_ records: [MeasureQueries.Record], indicator: Indicator, area: Area, breakdown: String,
                              catalogue: Catalogue, run: Int64, finishedAt: Date, format: ResponseFormat, welsh: Bool) throws -> String {
        switch format {
        case .json: return try JSONText.encode(records)
        case .csv: return MeasuresCSV.render(records)
        case .text:
            let name = catalogue.breakdowns.first { $0.key == breakdown }?.name.text(welsh: welsh)
            return MeasuresText.render(indicator: indicator, area: area, breakdown: breakdown, breakdownName: name, run: run,
                                       finished: finishedText(finishedAt), records: records, welsh: welsh)
        }
    }

    /// The indicators of the catalogue (`GET /v1/indicators`, `outcomesd catalogue`).
    public static func indicators(_ catalogue: Catalogue, format: ResponseFormat, welsh: Bool) throws -> String {
        try Table.render(catalogue.indicators.map { IndicatorRow($0, welsh: welsh) }, format: format, heading: [
            Words.t("Indicators", "Dangosyddion", welsh) + " (\(catalogue.indicators.count))",
            Words.t("GET /v1/indicators/{id}?area=CODE&breakdown=KEY shows a series with its measures.",
                    "Mae GET /v1/indicators/{id}?area=COD&breakdown=ALLWEDD yn dangos cyfres a'i mesurau.", welsh),
        ], welsh: welsh)
    }

    /// How a run's finish time is shown: in the `X-Outcomesd-Run-Finished` header and in text.
    public static func finishedText(_ date: Date) -> String { date.formatted(Date.ISO8601FormatStyle()) }
}
