import Foundation
import OutcomesCore
public import PostgresNIO
public import Logging

/// The durable outbox of alert notifications (`alert_outbox`), as the dispatcher uses it: what is
/// due per sink, marking rows delivered or failed (with backoff), queueing repeat notices for
/// alerts still firing, and the firing alerts to re-send to Alertmanager.
public struct AlertOutbox: Sendable {
    /// One notification for one sink.
    public struct Item: Sendable, Hashable {
        public var id: Int64
        public var fingerprint: String
        public var sink: String
        public var status: String
        public var labels: [String: String]
        public var annotations: [String: String]
        public var startsAt: Date
        public var endsAt: Date?
        public var attempts: Int
    }

    let logger: Logger

    public init(logger: Logger) {
        self.logger = logger
    }

    public func tryLock(_ key: Int64, on connection: PostgresConnection) async throws -> Bool {
        for try await got in try await connection.query("SELECT pg_try_advisory_lock(\(key))", logger: logger).decode(Bool.self) {
            return got
        }
        return false
    }

    public func unlock(_ key: Int64, on connection: PostgresConnection) async throws {
        try await connection.query("SELECT pg_advisory_unlock(\(key))", logger: logger)
    }

    /// Undelivered rows for the given sinks whose next attempt is due, oldest first. The ids are
    /// chosen first (on the partial index of undelivered rows), then only those rows are read in
    /// full: measured, selecting whole rows made PostgreSQL convert every pending row's JSON
    /// before the LIMIT, so a backlog cost its square in time.
    public func due(sinks: [String], limit: Int, on connection: PostgresConnection) async throws -> [Item] {
        try await items(where: """
            id IN (SELECT id FROM alert_outbox WHERE delivered_at IS NULL AND sink = ANY($1)
                   AND next_attempt_at <= clock_timestamp() ORDER BY id LIMIT \(limit))
            """, limit: limit, sinks: sinks, on: connection)
    }

    /// Deletes delivered rows older than `days` (the events table keeps the history).
    public func prune(deliveredBeforeDays days: Int, on connection: PostgresConnection) async throws {
        try await connection.query("""
            DELETE FROM alert_outbox WHERE delivered_at < clock_timestamp() - make_interval(days => \(days)::int)
            """, logger: logger)
    }

    /// Every row for the given sinks (tests and the CLI).
    public func all(on connection: PostgresConnection) async throws -> [Item] {
        try await items(where: "$1::text[] IS NOT NULL", limit: 1_000_000, sinks: [], on: connection)
    }

    private func items(where condition: String, limit: Int, sinks: [String], on connection: PostgresConnection) async throws -> [Item] {
        var binds = PostgresBindings()
        binds.append(sinks)
        var out: [Item] = []
        let rows = try await connection.query(PostgresQuery(unsafeSQL: """
            SELECT id, fingerprint, sink, status, labels::text, annotations::text, starts_at, ends_at, attempts
            FROM alert_outbox WHERE \(condition) ORDER BY id LIMIT \(limit)
            """, binds: binds), logger: logger)
        for try await (id, fingerprint, sink, status, labels, annotations, startsAt, endsAt, attempts)
            in rows.decode((Int64, String, String, String, String, String, Date, Date?, Int32).self) {
            out.append(Item(id: id, fingerprint: fingerprint, sink: sink, status: status, labels: Self.object(labels),
                            annotations: Self.object(annotations), startsAt: startsAt, endsAt: endsAt, attempts: Int(attempts)))
        }
        return out
    }

    static func object(_ json: String) -> [String: String] {
        (try? JSONDecoder().decode([String: String].self, from: Data(json.utf8))) ?? [:]
    }

    public func markDelivered(_ ids: [Int64], on connection: PostgresConnection) async throws {
        var binds = PostgresBindings()
        binds.append(ids)
        try await connection.query(PostgresQuery(unsafeSQL: """
            UPDATE alert_outbox SET delivered_at = clock_timestamp(), attempts = attempts + 1 WHERE id = ANY($1)
            """, binds: binds), logger: logger)
    }

    /// Records the error and schedules the next attempt: 1 s × 2^attempts, capped at 5 minutes,
    /// with ±25% jitter so many failed rows do not retry in lockstep.
    public func markFailed(_ items: [Item], error: String, on connection: PostgresConnection) async throws {
        for item in items {
            let delay = Self.backoff(attempts: item.attempts + 1, jitter: Double.random(in: 0.75...1.25))
            try await connection.query("""
                UPDATE alert_outbox SET attempts = attempts + 1, last_error = \(String(error.prefix(1000))),
                    next_attempt_at = clock_timestamp() + make_interval(secs => \(delay))
                WHERE id = \(item.id)
                """, logger: logger)
        }
    }

    /// Seconds before attempt `attempts + 1`: 2^(attempts−1), capped at 300, times `jitter`.
    public static func backoff(attempts: Int, jitter: Double) -> Double {
        min(300, pow(2, Double(max(0, min(attempts - 1, 16))))) * jitter
    }

    /// Queues a repeat notice for each alert firing (and not inhibited) whose last notice is older
    /// than `hours`, and stamps it: in one transaction, so a repeat is queued once.
    public func queueRepeats(olderThanHours hours: Int, sinks: [String], on connection: PostgresConnection) async throws {
        guard !sinks.isEmpty else { return }
        var binds = PostgresBindings()
        binds.append(sinks)
        binds.append(hours)
        try await connection.query("BEGIN", logger: logger)
        do {
            try await connection.query(PostgresQuery(unsafeSQL: """
                WITH due AS (
                    UPDATE alert SET last_notified_at = clock_timestamp()
                    WHERE state = 'firing' AND NOT inhibited
                      AND last_notified_at < clock_timestamp() - make_interval(hours => $2::int)
                    RETURNING fingerprint, rule, kind, indicator, area, breakdown, partner, severity, period, value, withheld,
                              summary, summary_cy, since)
                INSERT INTO alert_outbox (fingerprint, sink, status, labels, annotations, starts_at)
                SELECT d.fingerprint, s.sink, 'firing',
                       jsonb_build_object('alertname', d.rule, 'indicator', d.indicator, 'area', d.area, 'breakdown', d.breakdown,
                                          'severity', d.severity, 'kind', d.kind, 'partner', d.partner),
                       jsonb_build_object('summary', d.summary, 'summary_cy', d.summary_cy, 'period', coalesce(d.period, ''),
                                          'repeat', 'true'),
                       d.since
                FROM due d CROSS JOIN unnest($1::text[]) AS s(sink)
                """, binds: binds), logger: logger)
            try await connection.query("COMMIT", logger: logger)
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
    }

    /// Alerts firing now, as Alertmanager items (for the periodic re-send).
    public func firing(on connection: PostgresConnection) async throws -> [Item] {
        var out: [Item] = []
        for record in try await AlertStore.records(where: "state = 'firing' AND $1::text[] IS NOT NULL", binds: { $0.append([String]()) },
                                                   on: connection, logger: logger) {
            out.append(Item(id: 0, fingerprint: record.fingerprint, sink: "alertmanager", status: "firing", labels: record.labels,
                            annotations: AlertStore.UpdateRow.annotations(record), startsAt: Date(), endsAt: nil, attempts: 0))
        }
        return out
    }
}
