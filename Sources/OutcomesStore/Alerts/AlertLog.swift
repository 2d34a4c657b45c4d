import Foundation
public import OutcomesCore
public import PostgresNIO
public import Logging

/// Alerts as listed: `GET /v1/alerts`, `GET /v1/alerts/events` and `outcomesd alerts`.
public struct AlertLog: Sendable {
    /// One alert's current state.
    public struct Entry: Sendable, EveryKeyEncodable {
        public var fingerprint: String
        public var rule: String
        public var kind: String
        public var indicator: String
        public var area: String
        public var breakdown: String
        public var partner: String
        public var state: String
        public var severity: String
        /// When the current state began.
        public var since: Date
        /// The reporting period the current state began in.
        public var since_period: String?
        /// The latest period judged (late feeds: the period due).
        public var period: String?
        /// null when withheld from this reader (small numbers) or not a value alert.
        public var value: Double?
        public var withheld: Bool
        public var inhibited: Bool
        public var summary: String
        public var summary_cy: String
        public var updated_run: Int64?
        public var last_notified_at: Date?
    }

    /// One transition, newest first.
    public struct Event: Sendable, EveryKeyEncodable {
        public var id: Int64
        public var at: Date
        public var run: Int64?
        public var fingerprint: String
        public var rule: String
        public var kind: String
        public var indicator: String
        public var area: String
        public var breakdown: String
        public var severity: String
        public var from: String?
        public var to: String
        public var period: String?
        public var value: Double?
        public var withheld: Bool
        public var summary: String
        public var summary_cy: String
    }

    /// What to list. Indicator sets come from the caller (an aim's or a dimension's indicators).
    public struct Filter: Sendable {
        /// nil: every state but inactive.
        public var states: [AlertStateName]?
        public var area: String?
        public var indicators: [String]?
        public var severity: AlertRule.Severity?
        public var since: Date?
        public var limit: Int = 1000

        public init(states: [AlertStateName]? = nil, area: String? = nil, indicators: [String]? = nil,
                    severity: AlertRule.Severity? = nil, since: Date? = nil, limit: Int = 1000) {
            self.states = states
            self.area = area
            self.indicators = indicators
            self.severity = severity
            self.since = since
            self.limit = limit
        }
    }

    let client: PostgresClient
    let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// Alerts matching the filter: firing first, then pending, then resolved; by severity, newest.
    public func alerts(_ filter: Filter) async throws -> [Entry] {
        let binds = Self.binds(filter, states: (filter.states ?? [.pending, .firing, .resolved]).map(\.rawValue))
        let rows = try await client.query(PostgresQuery(unsafeSQL: """
            SELECT fingerprint, rule, kind, indicator, area, breakdown, partner, state, severity, since, since_period, period,
                   value, withheld, inhibited, summary, summary_cy, updated_run, last_notified_at
            FROM alert
            WHERE state = ANY($1) AND ($2::text IS NULL OR area = $2) AND ($3::text[] IS NULL OR indicator = ANY($3))
              AND ($4::text IS NULL OR severity = $4)
            ORDER BY array_position(ARRAY['firing', 'pending', 'resolved', 'inactive'], state),
                     array_position(ARRAY['critical', 'warning', 'info'], severity), since DESC, fingerprint
            LIMIT \(filter.limit)
            """, binds: binds), logger: logger)
        var out: [Entry] = []
        for try await r in rows.decode((String, String, String, String, String, String, String, String, String, Date, String?, String?,
                                        Double?, Bool, Bool, String, String, Int64?, Date?).self) {
            out.append(Entry(fingerprint: r.0, rule: r.1, kind: r.2, indicator: r.3, area: r.4, breakdown: r.5, partner: r.6,
                             state: r.7, severity: r.8, since: r.9, since_period: r.10, period: r.11, value: r.12, withheld: r.13,
                             inhibited: r.14, summary: r.15, summary_cy: r.16, updated_run: r.17, last_notified_at: r.18))
        }
        return out
    }

    /// Transitions matching the filter (its `states` are the states entered), newest first.
    public func events(_ filter: Filter) async throws -> [Event] {
        var binds = Self.binds(filter, states: (filter.states ?? AlertStateName.allCases).map(\.rawValue))
        binds.append(filter.since)
        let rows = try await client.query(PostgresQuery(unsafeSQL: """
            SELECT id, at, run_id, fingerprint, rule, kind, indicator, area, breakdown, severity, from_state, to_state, period,
                   value, withheld, summary, summary_cy
            FROM alert_event
            WHERE to_state = ANY($1) AND ($2::text IS NULL OR area = $2) AND ($3::text[] IS NULL OR indicator = ANY($3))
              AND ($4::text IS NULL OR severity = $4) AND ($5::timestamptz IS NULL OR at >= $5)
            ORDER BY id DESC LIMIT \(filter.limit)
            """, binds: binds), logger: logger)
        var out: [Event] = []
        for try await r in rows.decode((Int64, Date, Int64?, String, String, String, String, String, String, String, String?, String,
                                        String?, Double?, Bool, String, String).self) {
            out.append(Event(id: r.0, at: r.1, run: r.2, fingerprint: r.3, rule: r.4, kind: r.5, indicator: r.6, area: r.7,
                             breakdown: r.8, severity: r.9, from: r.10, to: r.11, period: r.12, value: r.13, withheld: r.14,
                             summary: r.15, summary_cy: r.16))
        }
        return out
    }

    /// Firing alerts per indicator (for counts per aim and dimension), optionally for one area.
    public func firingCounts(area: String?) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for try await (indicator, n) in try await client.query("""
            SELECT indicator, count(*)::int FROM alert
            WHERE state = 'firing' AND (\(area)::text IS NULL OR area = \(area)) GROUP BY indicator
            """, logger: logger).decode((String, Int).self) {
            counts[indicator] = n
        }
        return counts
    }

    static func binds(_ filter: Filter, states: [String]) -> PostgresBindings {
        var binds = PostgresBindings()
        binds.append(states)
        binds.append(filter.area)
        binds.append(filter.indicators)
        binds.append(filter.severity?.rawValue)
        return binds
    }
}
