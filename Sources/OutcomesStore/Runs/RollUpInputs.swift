import OutcomesCore
import PostgresNIO
import Logging

/// What an area's roll-up in a run is built from, and the one thing a run writes for it.
///
/// A run's roll-ups are derived when read (migration 13), not written by the run: from the latest
/// point of each series of the run's result sets (`result_latest`, kept with each set by
/// ``ResultWriter`` — for an incremental run the changed indicators' new rows and, for every other
/// indicator, the rows of the set it refers to) and the alerts firing after the run
/// (`alert_firing_span`, which the run updates in its own transaction for what changed). So an incremental run costs
/// what its changed indicators cost, not a rebuild of every area's summary; a reader builds one
/// area from one row per series (``MeasureQueries/summary(area:run:catalogue:keys:)``), and the
/// render cache keeps the result for the run.
enum RollUpInputs {
    /// Records which alerts fire after run `run` (read in its transaction, after its
    /// evaluation) as spans of runs per indicator and area (`alert_firing_span`, migration 15):
    /// for `indicators` (the ones the run evaluated; all of them for a full run, nil), the spans
    /// of pairs no longer firing end at `run` and pairs newly firing open one. Every other span
    /// goes on covering `run` with nothing written, so an incremental run writes only the changes
    /// its indicators made. Alerts of areas or indicators retired from the catalogue are left out.
    /// - Returns: the spans ended and opened.
    @discardableResult
    static func recordFiring(run: Int64, indicators: [Int32]?, on connection: PostgresConnection,
                             logger: Logger) async throws -> (ended: Int, opened: Int) {
        let all = indicators == nil
        let ids = indicators ?? []
        for try await counts in try await connection.query("""
            WITH firing AS (
                SELECT DISTINCT i.id AS indicator_id, a.id AS area_id
                FROM alert al
                JOIN indicator i ON i.key = al.indicator AND i.retired_at IS NULL
                JOIN area a ON a.code = al.area AND a.retired_at IS NULL
                WHERE al.state = 'firing' AND (\(all) OR i.id = ANY(\(ids)::int[]))),
            ended AS (
                UPDATE alert_firing_span s SET until_run = \(run)
                WHERE s.until_run IS NULL AND s.from_run < \(run) AND (\(all) OR s.indicator_id = ANY(\(ids)::int[]))
                  AND NOT EXISTS (SELECT 1 FROM firing f WHERE f.indicator_id = s.indicator_id AND f.area_id = s.area_id)
                RETURNING 1),
            opened AS (
                INSERT INTO alert_firing_span (indicator_id, area_id, from_run)
                SELECT f.indicator_id, f.area_id, \(run) FROM firing f
                WHERE NOT EXISTS (SELECT 1 FROM alert_firing_span s
                                  WHERE s.until_run IS NULL AND s.indicator_id = f.indicator_id AND s.area_id = f.area_id)
                RETURNING 1)
            SELECT (SELECT count(*) FROM ended)::int, (SELECT count(*) FROM opened)::int
            """, logger: logger).decode((Int, Int).self) {
            return counts
        }
        return (0, 0)
    }

    /// After pruning: deletes the firing spans that cover no finished run.
    static func deleteUncoveredFiring(on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("""
            DELETE FROM alert_firing_span sp
            WHERE sp.until_run IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM run k WHERE k.status = 'finished' AND k.id >= sp.from_run AND k.id < sp.until_run)
            """, logger: logger)
    }

    /// The latest point of every series of `area` in run `run`: one row per series, through the
    /// run's map to its result sets and each set's roll-up inputs (by their key, which leads with
    /// the indicator: one index probe per indicator of the run), in no particular order.
    static func latest(run: Int64, area: Area, areaID: Int32, keys: CatalogueKeys, on connection: PostgresConnection,
                       logger: Logger) async throws -> [LatestMeasure] {
        var latest: [LatestMeasure] = []
        for try await row in try await connection.query("""
            SELECT l.indicator_id, \(unescaped: columns)
            FROM run_result rr
            JOIN result_latest l ON l.indicator_id = rr.indicator_id AND l.result_set_id = rr.result_set_id AND l.area_id = \(areaID)
            WHERE rr.run_id = \(run)
            """, logger: logger) {
            var cells = RowCells(row)
            let i = try cells.next(Int32.self), b = try cells.next(Int16.self)
            if let m = try decode(&cells, indicator: i, breakdown: b, area: area, keys: keys) { latest.append(m) }
        }
        return latest
    }

    /// What run `run` changed in its map since `previous`, for `area`: the indicators it
    /// recomputed (the spans it ended or opened, migration 15) and the latest point of each of
    /// their series in `area` in their new sets (an indicator left with no measure has none).
    /// The inputs of `run` are then `previous`'s, less those indicators' rows, plus these.
    ///
    /// Nil unless `run` is an incremental run based on `previous` and `previous` is still
    /// finished: pruning marks a run pruned before it deletes the spans only that run covered
    /// (among them those `run` ended), and this is one statement, so one snapshot.
    static func changes(run: Int64, since previous: Int64, area: Area, areaID: Int32, keys: CatalogueKeys,
                        on connection: PostgresConnection, logger: Logger) async throws -> (indicators: Set<String>, latest: [LatestMeasure])? {
        var based = false
        var indicators: Set<String> = [], latest: [LatestMeasure] = []
        for try await row in try await connection.query("""
            SELECT sp.indicator_id, \(unescaped: columns)
            FROM run r
            JOIN run p ON p.id = r.based_on AND p.id = \(previous) AND p.status = 'finished'
            LEFT JOIN result_span sp ON sp.from_run = r.id OR sp.until_run = r.id
            LEFT JOIN result_latest l ON sp.from_run = r.id AND l.indicator_id = sp.indicator_id
                                     AND l.result_set_id = sp.result_set_id AND l.area_id = \(areaID)
            WHERE r.id = \(run) AND NOT r.full_run
            """, logger: logger) {
            based = true
            var cells = RowCells(row)
            // A run that recomputed nothing: its one row has no span.
            guard let i = try cells.next(Int32?.self) else { continue }
            if let key = keys.indicatorKeys[i] { indicators.insert(key) }
            // An ended span, or a new set without a series in the area: no row of result_latest.
            guard let b = try cells.next(Int16?.self) else { continue }
            if let m = try decode(&cells, indicator: i, breakdown: b, area: area, keys: keys) { latest.append(m) }
        }
        return based ? (indicators, latest) : nil
    }

    /// The columns of `result_latest` read for a series' latest point: the breakdown, then what
    /// ``decode(_:indicator:breakdown:area:keys:)`` reads, in its order.
    private static let columns = """
        l.breakdown_id, l.period, l.value, l.vs_wales, l.vs_board, l.trend, l.target_met, l.stale, l.gap, l.gap_significant,
        l.numerator, l.denominator
        """

    /// One series' latest point from the rest of the ``columns`` of a row; nil for a series of an indicator
    /// or breakdown retired since the run (not in the catalogue's roll-up).
    private static func decode(_ cells: inout RowCells, indicator i: Int32, breakdown b: Int16, area: Area,
                               keys: CatalogueKeys) throws -> LatestMeasure? {
        let period = try cells.next(String.self), value = try cells.next(Double?.self)
        let vsWales = try cells.next(Int16.self), vsBoard = try cells.next(Int16.self), trend = try cells.next(Int16.self)
        let targetMet = try cells.next(Bool?.self), stale = try cells.next(Bool?.self), gap = try cells.next(Double?.self)
        let significant = try cells.next(Bool?.self), numerator = try cells.next(Double?.self), denominator = try cells.next(Double?.self)
        guard let indicator = keys.indicatorKeys[i], let breakdown = keys.breakdownKeys[b] else { return nil }
        return LatestMeasure(indicator: indicator, area: area.code, breakdown: breakdown, period: period, value: value,
                             vsWales: try StoredCategory.comparison(vsWales, column: "result_latest.vs_wales"),
                             vsBoard: try StoredCategory.comparison(vsBoard, column: "result_latest.vs_board"),
                             trend: try StoredCategory.trend(trend, column: "result_latest.trend"), targetMet: targetMet,
                             stale: stale, gap: gap, gapSignificant: significant, numerator: numerator, denominator: denominator)
    }

    /// The indicators with an alert firing in `area` after run `run`.
    static func firing(run: Int64, areaID: Int32, keys: CatalogueKeys, on connection: PostgresConnection,
                       logger: Logger) async throws -> Set<String> {
        var firing: Set<String> = []
        for try await id in try await connection.query("""
            SELECT indicator_id FROM alert_firing_span
            WHERE area_id = \(areaID) AND from_run <= \(run) AND (until_run IS NULL OR until_run > \(run))
            """, logger: logger).decode(Int32.self) {
            if let key = keys.indicatorKeys[id] { firing.insert(key) }
        }
        return firing
    }
}
