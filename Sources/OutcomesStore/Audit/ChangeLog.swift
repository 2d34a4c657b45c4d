import Foundation
public import OutcomesCore
public import PostgresNIO
public import Logging

/// "What changed since run N": what the runs after N up to a later run introduced, read from
/// what each run recorded (``RunChanges``: `run_change`, `run_feed`) rather than by diffing two
/// whole runs. Status changes are collapsed per series and kind (the first run's "from", the
/// last run's "to"; a change undone in between is dropped); revised values per key (the value
/// before the first revision in the window, and after the last); alerts are listed as they fired
/// and resolved.
public struct ChangeLog: Sendable {
    /// A series' judgement as the core types it: nil where the series had none (new, or the
    /// latest-period kind, whose from and to are periods).
    public enum Status: Sendable, Equatable {
        case comparison(ComparisonLevels)
        case trend(TrendLabel)
        /// Whether the target is met (nil: no target judged).
        case target(Bool)
    }

    /// A series' comparison, trend, target status or latest period, from → to.
    public struct StatusChange: Sendable, Equatable {
        public var indicator: String
        public var area: String
        public var breakdown: String
        public var kind: RunChangeKind
        public var from: Status?
        public var to: Status?
        public var fromPeriod: String?
        public var toPeriod: String?
        public var fromValue: Double?
        public var toValue: Double?
        public var fromNumerator: Double?
        public var toNumerator: Double?
        public var fromDenominator: Double?
        public var toDenominator: Double?
        /// The run that made the (last) change.
        public var run: Int64
    }

    /// A value revised by a feed the window's runs included.
    public struct Revision: Sendable, Equatable {
        public var indicator: String
        public var area: String
        public var breakdown: String
        public var period: String
        public var oldValue: Double?
        public var newValue: Double?
        public var oldNumerator: Double?
        public var newNumerator: Double?
        public var oldDenominator: Double?
        public var newDenominator: Double?
        public var feed: Int64
        public var run: Int64
        public var published: Bool
        public var reason: String?
    }

    /// An alert that fired or resolved in one of the window's runs.
    public struct AlertChange: Sendable, Equatable {
        public var indicator: String
        public var area: String
        public var breakdown: String
        public var rule: String
        public var severity: String
        public var to: String
        public var period: String?
        public var value: Double?
        public var withheld: Bool
        public var summary: String
        public var summaryCy: String
        public var run: Int64
    }

    public struct Changes: Sendable, Equatable {
        public var sinceRun: Int64
        public var toRun: Int64
        public var status: [StatusChange]
        public var revisions: [Revision]
        public var alerts: [AlertChange]
    }

    /// Revised values listed at most (the count beyond is not read).
    public static let revisionLimit = 10_000

    let client: PostgresClient
    let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// The finished run before `run` (the default "since"), nil when `run` is the first.
    public func previousRun(before run: Int64) async throws -> Int64? {
        for try await id in try await client.query("SELECT max(id) FROM run WHERE status IN ('finished', 'pruned') AND id < \(run)",
                                                   logger: logger).decode(Int64?.self) {
            return id
        }
        return nil
    }

    /// What the runs after `since` up to `to` changed, for one area (`area`) or all.
    public func changes(since: Int64, to: Int64, area: String?) async throws -> Changes {
        Changes(sinceRun: since, toRun: to, status: try await status(since: since, to: to, area: area),
                revisions: try await revisions(since: since, to: to, area: area),
                alerts: try await alerts(since: since, to: to, area: area))
    }

    private func status(since: Int64, to: Int64, area: String?) async throws -> [StatusChange] {
        let rows = try await client.query("""
            SELECT i.key, a.code, b.key, c.kind, c.from_code, c.to_code, c.from_period, c.to_period, c.from_value, c.to_value,
                   c.from_numerator, c.to_numerator, c.from_denominator, c.to_denominator, c.run_id
            FROM run_change c
            JOIN indicator i ON i.id = c.indicator_id
            JOIN area a ON a.id = c.area_id
            JOIN breakdown b ON b.id = c.breakdown_id
            WHERE c.run_id > \(since) AND c.run_id <= \(to) AND (\(area)::text IS NULL OR a.code = \(area))
            ORDER BY i.key, a.code, b.key, c.kind, c.run_id
            """, logger: logger)
        var collapsed: [StatusChange] = []
        for try await row in rows {
            var c = RowCells(row)
            let indicator = try c.next(String.self), area = try c.next(String.self), breakdown = try c.next(String.self)
            guard let kind = RunChangeKind(rawValue: try c.next(Int16.self)) else { continue }
            let change = StatusChange(indicator: indicator, area: area, breakdown: breakdown, kind: kind,
                                      from: try Self.status(kind, try c.next(Int16?.self)), to: try Self.status(kind, try c.next(Int16?.self)),
                                      fromPeriod: try c.next(String?.self), toPeriod: try c.next(String?.self),
                                      fromValue: try c.next(Double?.self), toValue: try c.next(Double?.self),
                                      fromNumerator: try c.next(Double?.self), toNumerator: try c.next(Double?.self),
                                      fromDenominator: try c.next(Double?.self), toDenominator: try c.next(Double?.self),
                                      run: try c.next(Int64.self))
            if var last = collapsed.last, last.indicator == indicator, last.area == area, last.breakdown == breakdown, last.kind == kind {
                // A later run changed it again: keep the first "from", take this "to".
                last.to = change.to; last.toPeriod = change.toPeriod; last.toValue = change.toValue
                last.toNumerator = change.toNumerator; last.toDenominator = change.toDenominator; last.run = change.run
                collapsed[collapsed.count - 1] = last
            } else {
                collapsed.append(change)
            }
        }
        return collapsed.filter { $0.kind == .latestPeriod ? $0.fromPeriod != $0.toPeriod : $0.from != $0.to }
    }

    /// A stored code as the core's category, decoded here once.
    static func status(_ kind: RunChangeKind, _ code: Int16?) throws -> Status? {
        guard let code else { return nil }
        switch kind {
        case .comparison: return .comparison(try StoredCategory.comparison(code, column: "run_change.from_code/to_code"))
        case .trend: return .trend(try StoredCategory.trend(code, column: "run_change.from_code/to_code"))
        case .target: return .target(code != 0)
        case .latestPeriod: return nil
        }
    }

    private func revisions(since: Int64, to: Int64, area: String?) async throws -> [Revision] {
        let rows = try await client.query("""
            WITH feeds AS (SELECT feed_id, run_id FROM run_feed WHERE run_id > \(since) AND run_id <= \(to)),
            touched AS (SELECT DISTINCT unnest(f.indicators) AS indicator_id FROM feed f JOIN feeds ON feeds.feed_id = f.id),
            window_revisions AS (
                SELECT r.indicator_id, r.area_id, r.breakdown_id, r.period, min(r.revision) AS first, max(r.revision) AS last
                FROM observation_revision r JOIN feeds ON feeds.feed_id = r.feed_id
                WHERE r.indicator_id IN (SELECT indicator_id FROM touched)
                  AND (\(area)::text IS NULL OR r.area_id = (SELECT id FROM area WHERE code = \(area)))
                GROUP BY 1, 2, 3, 4
                HAVING min(r.revision) > 1)
            SELECT i.key, a.code, b.key, w.period, before.value, after.value, before.numerator, after.numerator,
                   before.denominator, after.denominator, after.feed_id, feeds.run_id,
                   EXISTS (SELECT 1 FROM observation_revision p WHERE p.indicator_id = w.indicator_id AND p.area_id = w.area_id
                           AND p.breakdown_id = w.breakdown_id AND p.period = w.period AND p.revision BETWEEN w.first AND w.last
                           AND p.published),
                   coalesce(after.reason, f.reason)
            FROM window_revisions w
            JOIN observation_revision before ON before.indicator_id = w.indicator_id AND before.area_id = w.area_id
                 AND before.breakdown_id = w.breakdown_id AND before.period = w.period AND before.revision = w.first - 1
            JOIN observation_revision after ON after.indicator_id = w.indicator_id AND after.area_id = w.area_id
                 AND after.breakdown_id = w.breakdown_id AND after.period = w.period AND after.revision = w.last
            JOIN feeds ON feeds.feed_id = after.feed_id
            JOIN feed f ON f.id = after.feed_id
            JOIN indicator i ON i.id = w.indicator_id
            JOIN area a ON a.id = w.area_id
            JOIN breakdown b ON b.id = w.breakdown_id
            ORDER BY i.key, a.code, b.key, w.period
            LIMIT \(Self.revisionLimit)
            """, logger: logger)
        var out: [Revision] = []
        for try await row in rows {
            var c = RowCells(row)
            out.append(Revision(indicator: try c.next(String.self), area: try c.next(String.self), breakdown: try c.next(String.self),
                                period: try c.next(String.self), oldValue: try c.next(Double?.self), newValue: try c.next(Double?.self),
                                oldNumerator: try c.next(Double?.self), newNumerator: try c.next(Double?.self),
                                oldDenominator: try c.next(Double?.self), newDenominator: try c.next(Double?.self),
                                feed: try c.next(Int64.self), run: try c.next(Int64.self), published: try c.next(Bool.self),
                                reason: try c.next(String?.self)))
        }
        return out
    }

    private func alerts(since: Int64, to: Int64, area: String?) async throws -> [AlertChange] {
        let rows = try await client.query("""
            SELECT e.indicator, e.area, e.breakdown, e.rule, e.severity, e.to_state, e.period, e.value, e.withheld, e.summary,
                   e.summary_cy, e.run_id
            FROM alert_event e
            WHERE e.run_id > \(since) AND e.run_id <= \(to) AND e.to_state IN ('firing', 'resolved')
              AND (\(area)::text IS NULL OR e.area = \(area))
            ORDER BY e.indicator, e.area, e.breakdown, e.id
            """, logger: logger)
        var out: [AlertChange] = []
        for try await row in rows {
            var c = RowCells(row)
            out.append(AlertChange(indicator: try c.next(String.self), area: try c.next(String.self), breakdown: try c.next(String.self),
                                   rule: try c.next(String.self), severity: try c.next(String.self), to: try c.next(String.self),
                                   period: try c.next(String?.self), value: try c.next(Double?.self), withheld: try c.next(Bool.self),
                                   summary: try c.next(String.self), summaryCy: try c.next(String.self), run: try c.next(Int64.self)))
        }
        return out
    }
}
