import Foundation
import OutcomesCore
import PostgresNIO
import Logging

/// Builds every area's roll-up from the latest point of each series in a run and stores it.
///
/// The latest point is found by the primary key's order, read backwards (no sort of the run):
/// within one indicator every period has one canonical form whose text order is time order
/// (`2024` < `2025`, `2024-25` < `2025-26`, `2024-Q3` < `2024-Q4`, `2024-07` < `2024-08`).
struct SummaryWriter {
    let catalogue: Catalogue
    let keys: KeyMaps
    let logger: Logger

    /// - Parameter firing: per area code, the indicators with an alert firing (read after the run's
    ///   alert evaluation, in its transaction).
    func write(run: Int64, firing: [String: Set<String>] = [:], on connection: PostgresConnection) async throws {
        let indicatorKeys = keys.indicatorKeys, areaCodes = keys.areaCodes, breakdownKeys = keys.breakdownKeys
        var latest: [LatestMeasure] = []
        for try await (i, a, b, period, value, vsWales, vsBoard, trend, targetMet, stale, gap, significant, numerator, denominator) in try await connection.query("""
            SELECT DISTINCT ON (indicator_id, area_id, breakdown_id)
                   indicator_id, area_id, breakdown_id, period, value, vs_wales, vs_board, trend, target_met, stale, gap, gap_significant,
                   numerator, denominator
            FROM measure WHERE run_id = \(run)
            ORDER BY indicator_id DESC, area_id DESC, breakdown_id DESC, period DESC
            """, logger: logger).decode((Int32, Int32, Int16, String, Double?, String, String, String, Bool?, Bool?, Double?, Bool?, Double?, Double?).self) {
            guard let indicator = indicatorKeys[i], let area = areaCodes[a], let breakdown = breakdownKeys[b] else { continue }
            latest.append(LatestMeasure(indicator: indicator, area: area, breakdown: breakdown, period: period, value: value,
                                        vsWales: vsWales, vsBoard: vsBoard, trend: trend, targetMet: targetMet, stale: stale, gap: gap,
                                        gapSignificant: significant, numerator: numerator, denominator: denominator))
        }
        var byArea: [String: [LatestMeasure]] = [:]
        for m in latest { byArea[m.area, default: []].append(m) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var ids: [Int] = [], documents: [String] = []
        for area in catalogue.areas {
            guard let id = keys.areas[area.code], area.validTo == nil else { continue }
            let summary = AreaSummary.build(area: area, catalogue: catalogue, latest: byArea[area.code] ?? [], firing: firing[area.code] ?? [])
            ids.append(Int(id))
            documents.append(String(decoding: try encoder.encode(summary), as: UTF8.self))
        }
        try await connection.query("""
            INSERT INTO area_summary (run_id, area_id, summary)
            SELECT \(run), a, s::jsonb FROM unnest(\(ids)::int[], \(documents)::text[]) AS t(a, s)
            """, logger: logger)
    }
}
