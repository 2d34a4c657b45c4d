import PostgresNIO
import Logging

/// What a run changed for one series (indicator, area, breakdown), by kind: its comparison with
/// Wales, its trend, whether it meets its target, or its latest period (a new period arrived).
/// Stored as `run_change.kind`; the codes are fixed (rows outlive releases).
public enum RunChangeKind: Int16, Sendable, Hashable, CaseIterable, Codable {
    case comparison = 1
    case trend = 2
    case target = 3
    case latestPeriod = 4

    public var label: String {
        switch self {
        case .comparison: "comparison"
        case .trend: "trend"
        case .target: "target"
        case .latestPeriod: "new_period"
        }
    }
}

/// Records, inside a run's transaction, what the run introduced: the feeds it is the first to
/// include (`run_feed`) and, for each indicator whose result set it replaced, the series whose
/// comparison, trend, target status or latest period differ from the previous finished run
/// (`run_change`). Reads one row per series of the replaced indicators (``result_latest``), so an
/// incremental run pays for what it recomputed only.
struct RunChanges {
    let logger: Logger

    /// Claims the feeds committed before this run's snapshot that no earlier run included: all
    /// of them for a full run, else those whose indicators this run recomputed.
    func claimFeeds(run: Int64, full: Bool, computed: [Int32], on connection: PostgresConnection) async throws -> Int {
        let rows = try await connection.query("""
            WITH claimed AS (
                INSERT INTO run_feed (feed_id, run_id)
                SELECT f.id, \(run) FROM feed f
                WHERE f.status = 'applied' AND NOT EXISTS (SELECT 1 FROM run_feed rf WHERE rf.feed_id = f.id)
                  AND (\(full) OR f.indicators <@ \(computed)::integer[])
                RETURNING 1)
            SELECT count(*)::int FROM claimed
            """, logger: logger)
        for try await n in rows.decode(Int.self) { return n }
        return 0
    }

    /// Writes the status changes of this run against the previous finished run; returns how many.
    /// - Parameter recomputed: the indicators an incremental run computed (the only ones whose
    ///   set it can have replaced, so the map's other rows are not compared at all); nil for a
    ///   full run, which compares every indicator.
    func record(run: Int64, recomputed: [Int32]?, on connection: PostgresConnection) async throws -> Int {
        let rows = try await connection.query("""
            WITH previous AS (SELECT max(id) AS id FROM run WHERE status = 'finished' AND id < \(run)),
            -- The indicators whose result set this run replaced (an incremental run: the few it
            -- recomputed), first, so only their series are read.
            replaced AS MATERIALIZED (
                SELECT nr.indicator_id, nr.result_set_id AS new_set, pr.result_set_id AS old_set
                FROM run_result nr CROSS JOIN previous
                LEFT JOIN run_result pr ON pr.run_id = previous.id AND pr.indicator_id = nr.indicator_id
                WHERE nr.run_id = \(run) AND (\(recomputed == nil) OR nr.indicator_id = ANY(\(recomputed ?? [])::int[]))
                  AND previous.id IS NOT NULL AND pr.result_set_id IS DISTINCT FROM nr.result_set_id),
            written AS (
                INSERT INTO run_change (indicator_id, run_id, area_id, breakdown_id, kind, from_code, to_code, from_period, to_period,
                                        from_value, to_value, from_numerator, to_numerator, from_denominator, to_denominator)
                SELECT n.indicator_id, \(run), n.area_id, n.breakdown_id, k.kind, k.from_code, k.to_code, o.period, n.period,
                       o.value, n.value, o.numerator, n.numerator, o.denominator, n.denominator
                FROM replaced c
                JOIN result_latest n ON n.indicator_id = c.indicator_id AND n.result_set_id = c.new_set
                LEFT JOIN result_latest o ON o.indicator_id = c.indicator_id AND o.result_set_id = c.old_set
                     AND o.area_id = n.area_id AND o.breakdown_id = n.breakdown_id
                CROSS JOIN LATERAL (VALUES
                    (\(RunChangeKind.comparison.rawValue)::smallint, o.vs_wales, n.vs_wales),
                    (\(RunChangeKind.trend.rawValue)::smallint, o.trend, n.trend),
                    (\(RunChangeKind.target.rawValue)::smallint, o.target_met::int::smallint, n.target_met::int::smallint),
                    (\(RunChangeKind.latestPeriod.rawValue)::smallint, NULL::smallint, NULL::smallint)) AS k(kind, from_code, to_code)
                WHERE CASE WHEN k.kind = \(RunChangeKind.latestPeriod.rawValue) THEN o.period IS DISTINCT FROM n.period
                           ELSE o.indicator_id IS NOT NULL AND k.from_code IS DISTINCT FROM k.to_code END
                RETURNING 1)
            SELECT count(*)::int FROM written
            """, logger: logger)
        for try await n in rows.decode(Int.self) { return n }
        return 0
    }
}
