import Foundation
import OutcomesCore
import PostgresNIO
import Logging

/// Builds every area's roll-up from the latest point of each series in a run and stores it.
///
/// The latest points are the roll-up inputs kept with each result set (`result_latest`, written
/// by ``ResultWriter``): one row per series, whatever the depth of the series, and for an
/// incremental run the changed indicators' new rows plus the kept sets' rows, not a re-read of
/// the whole run.
struct SummaryWriter {
    let catalogue: Catalogue
    let keys: CatalogueKeys
    let logger: Logger

    /// - Parameter firing: per area code, the indicators with an alert firing (read after the run's
    ///   alert evaluation, in its transaction).
    func write(run: Int64, firing: [String: Set<String>] = [:], on connection: PostgresConnection) async throws {
        let indicatorKeys = keys.indicatorKeys, areaCodes = keys.areaCodes, breakdownKeys = keys.breakdownKeys
        let clock = ContinuousClock()
        let started = clock.now
        var latest: [LatestMeasure] = []
        for try await row in try await connection.query("""
            SELECT l.indicator_id, l.area_id, l.breakdown_id, l.period, l.value, l.vs_wales, l.vs_board, l.trend, l.target_met,
                   l.stale, l.gap, l.gap_significant, l.numerator, l.denominator
            FROM run_result rr JOIN result_latest l ON l.indicator_id = rr.indicator_id AND l.result_set_id = rr.result_set_id
            WHERE rr.run_id = \(run)
            """, logger: logger) {
            var cells = RowCells(row)
            let i = try cells.next(Int32.self), a = try cells.next(Int32.self), b = try cells.next(Int16.self)
            let period = try cells.next(String.self), value = try cells.next(Double?.self)
            let vsWales = try cells.next(Int16.self), vsBoard = try cells.next(Int16.self), trend = try cells.next(Int16.self)
            let targetMet = try cells.next(Bool?.self), stale = try cells.next(Bool?.self), gap = try cells.next(Double?.self)
            let significant = try cells.next(Bool?.self), numerator = try cells.next(Double?.self), denominator = try cells.next(Double?.self)
            guard let indicator = indicatorKeys[i], let area = areaCodes[a], let breakdown = breakdownKeys[b] else { continue }
            latest.append(LatestMeasure(indicator: indicator, area: area, breakdown: breakdown, period: period, value: value,
                                        vsWales: try StoredCategory.comparison(vsWales, column: "result_latest.vs_wales"),
                                        vsBoard: try StoredCategory.comparison(vsBoard, column: "result_latest.vs_board"),
                                        trend: try StoredCategory.trend(trend, column: "result_latest.trend"), targetMet: targetMet, stale: stale, gap: gap,
                                        gapSignificant: significant, numerator: numerator, denominator: denominator))
        }
        let read = clock.now
        var byArea: [String: [LatestMeasure]] = [:]
        for m in latest { byArea[m.area, default: []].append(m) }
        // Every area's summary, built and written out as JSON on every core.
        let catalogue = catalogue
        let areas = catalogue.areas.compactMap { area in keys.areas[area.code].flatMap { area.validTo == nil ? (area, $0) : nil } }
        let byAreaDone = byArea
        var ids: [Int] = [], documents: [String] = []
        await withTaskGroup(of: (Int, String).self) { group in
            for (area, id) in areas {
                let latest = byAreaDone[area.code] ?? [], firing = firing[area.code] ?? []
                group.addTask {
                    (Int(id), AreaSummary.build(area: area, catalogue: catalogue, latest: latest, firing: firing).jsonText())
                }
            }
            for await (id, document) in group {
                ids.append(id)
                documents.append(document)
            }
        }
        let built = clock.now
        try await connection.query("""
            INSERT INTO area_summary (run_id, area_id, summary)
            SELECT \(run), a, s FROM unnest(\(ids)::int[], \(documents)::text[]) AS t(a, s)
            """, logger: logger)
        logger.debug("roll-ups written", metadata: [
            "run": "\(run)", "series": "\(latest.count)", "areas": "\(ids.count)", "read": "\(read - started)",
            "build": "\(built - read)", "insert": "\(clock.now - built)",
        ])
    }
}
