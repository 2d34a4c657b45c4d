import Foundation
public import OutcomesCore
public import PostgresNIO
public import Logging

/// Alert state in PostgreSQL: evaluates a run's measures with ``AlertEvaluator`` and writes the
/// state changes, their events and their notifications (one outbox row per sink) in the caller's
/// transaction — the run's own, so a run and the alerts it caused commit together or not at all.
///
/// ```swift
/// let n = try await AlertStore(logger: logger).evaluate(run: 42, rows: rows, indicators: touched,
///                                                       context: context, sinks: ["journal"], on: connection)
/// ```
public struct AlertStore: Sendable {
    let logger: Logger

    public init(logger: Logger) {
        self.logger = logger
    }

    /// One run's evaluation under way: the stored alerts of the indicators it computes, and the
    /// updates found so far. Fed one indicator at a time (``evaluate(_:rows:)``), so a run that
    /// streams indicator by indicator never holds more than one indicator's rows.
    public struct Pass: Sendable {
        let evaluator: AlertEvaluator
        let context: ComputeContext
        var stored: [String: [String: AlertRecord]]
        var updates: [AlertUpdate] = []
        /// Time spent on alerts alone (reading stored alerts, evaluating, writing), not on the
        /// run's computing between evaluations: what `alert_evaluation.seconds` reports.
        var spent: Duration = .zero

        /// Evaluates one indicator over its rows in this run (none: its data is gone).
        public mutating func evaluate(_ indicator: Indicator, rows: [MeasureRow]) {
            let started = ContinuousClock.now
            updates += evaluator.evaluate(indicator, rows: rows, stored: stored[indicator.id] ?? [:])
            spent += ContinuousClock.now - started
        }
    }

    /// Starts evaluating a run that computes `indicators`: reads their stored alerts.
    public func begin(indicators: [Indicator], context: ComputeContext, on connection: PostgresConnection) async throws -> Pass {
        let started = ContinuousClock.now
        var stored: [String: [String: AlertRecord]] = [:]
        for record in try await Self.records(where: "indicator = ANY($1)", binds: { $0.append(indicators.map(\.id)) }, on: connection, logger: logger) {
            stored[record.indicator, default: [:]][record.fingerprint] = record
        }
        var pass = Pass(evaluator: AlertEvaluator(context: context, settings: context.catalogue.alertSettings), context: context, stored: stored)
        pass.spent = ContinuousClock.now - started
        return pass
    }

    /// Writes what a pass found. Returns the number of alerts whose record changed.
    @discardableResult
    public func finish(_ pass: Pass, run: Int64, sinks: [String], on connection: PostgresConnection) async throws -> Int {
        let updates = pass.updates
        let started = ContinuousClock.now
        try await write(updates, run: run, sinks: sinks, on: connection)
        let seconds = (pass.spent + (ContinuousClock.now - started)).seconds
        try await connection.query("""
            INSERT INTO alert_evaluation (run_id, updates, seconds) VALUES (\(run), \(updates.count), \(seconds))
            ON CONFLICT (run_id) DO NOTHING
            """, logger: logger)
        let notices = updates.filter { $0.notice != nil }.count
        logger.info("alerts evaluated", metadata: ["run": "\(run)", "updates": "\(updates.count)", "notices": "\(notices)",
                                                   "seconds": "\(String(format: "%.3f", seconds))"])
        return updates.count
    }

    /// Evaluates the indicators a run recomputed (`indicators`) over that run's rows, all at once.
    /// Returns the number of alerts whose record changed.
    @discardableResult
    public func evaluate(run: Int64, rows: [MeasureRow], indicators: [Indicator], context: ComputeContext,
                         sinks: [String], on connection: PostgresConnection) async throws -> Int {
        var pass = try await begin(indicators: indicators, context: context, on: connection)
        var byIndicator: [Int32: [MeasureRow]] = [:]
        for row in rows { byIndicator[row.indicator, default: []].append(row) }
        for indicator in indicators {
            pass.evaluate(indicator, rows: context.indicatorIDs[indicator.id].flatMap { byIndicator[$0] } ?? [])
        }
        return try await finish(pass, run: run, sinks: sinks, on: connection)
    }

    /// Resolves the stored alerts of indicators no longer in the catalogue (a full run's duty).
    public func retire(keeping indicators: Set<String>, run: Int64, sinks: [String], on connection: PostgresConnection) async throws {
        let gone = try await Self.records(where: "NOT (indicator = ANY($1)) AND state IN ('firing', 'pending')",
                                          binds: { $0.append(Array(indicators)) }, on: connection, logger: logger)
        let updates = gone.map { old -> AlertUpdate in
            let record = AlertEvaluator.removed(old)
            return AlertUpdate(record: record, previous: old.state, notice: old.state == .firing ? .resolved : nil)
        }
        try await write(updates, run: run, sinks: sinks, on: connection)
    }

    /// Writes updates: outbox rows (they read the state being left), events and the alerts
    /// themselves.
    func write(_ updates: [AlertUpdate], run: Int64, sinks: [String], on connection: PostgresConnection) async throws {
        guard !updates.isEmpty else { return }
        let json = try Self.encoder.encode(updates.map(UpdateRow.init))
        var binds = PostgresBindings()
        binds.append(String(decoding: json, as: UTF8.self))
        binds.append(sinks)
        binds.append(run)
        // One statement, so the updates' JSON is parsed once. Its parts all see the snapshot from
        // before it: the outbox rows read the `since` of the state being left.
        try await connection.query(PostgresQuery(unsafeSQL: """
            WITH u AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(\(UpdateRow.columns))),
            outbox AS (
                INSERT INTO alert_outbox (fingerprint, run_id, sink, status, labels, annotations, starts_at, ends_at)
                SELECT u.fingerprint, $3, s.sink, u.notice, u.labels, u.annotations,
                       CASE WHEN u.notice = 'firing' THEN clock_timestamp() ELSE coalesce(a.since, clock_timestamp()) END,
                       CASE WHEN u.notice = 'resolved' THEN clock_timestamp() END
                FROM u LEFT JOIN alert a USING (fingerprint) CROSS JOIN unnest($2::text[]) AS s(sink)
                WHERE u.notice IS NOT NULL),
            events AS (
                INSERT INTO alert_event (fingerprint, run_id, from_state, to_state, rule, kind, indicator, area, breakdown,
                                         severity, period, value, withheld, summary, summary_cy)
                SELECT fingerprint, $3, previous, state, rule, kind, indicator, area, breakdown, severity, period, value,
                       withheld, summary, summary_cy
                FROM u WHERE previous IS DISTINCT FROM state)
            INSERT INTO alert AS a (fingerprint, rule, kind, indicator, area, breakdown, partner, state, severity, since_period,
                                    period, value, withheld, inhibited, summary, summary_cy, since, updated_at, updated_run,
                                    last_notified_at)
            SELECT fingerprint, rule, kind, indicator, area, breakdown, partner, state, severity, since_period, period, value,
                   withheld, inhibited, summary, summary_cy, clock_timestamp(), clock_timestamp(), $3,
                   CASE WHEN notice = 'firing' THEN clock_timestamp() END
            FROM u
            ON CONFLICT (fingerprint) DO UPDATE SET
                rule = EXCLUDED.rule, kind = EXCLUDED.kind, partner = EXCLUDED.partner, state = EXCLUDED.state,
                severity = EXCLUDED.severity, since_period = EXCLUDED.since_period, period = EXCLUDED.period,
                value = EXCLUDED.value, withheld = EXCLUDED.withheld, inhibited = EXCLUDED.inhibited,
                summary = EXCLUDED.summary, summary_cy = EXCLUDED.summary_cy,
                since = CASE WHEN a.state <> EXCLUDED.state THEN EXCLUDED.since ELSE a.since END,
                updated_at = EXCLUDED.updated_at, updated_run = EXCLUDED.updated_run,
                last_notified_at = coalesce(EXCLUDED.last_notified_at, a.last_notified_at)
            """, binds: binds), logger: logger)
    }

    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.withoutEscapingSlashes]
        return e
    }()

    /// One update as the JSON object the SQL above reads with `jsonb_to_recordset`.
    struct UpdateRow: Encodable {
        static let columns = """
            fingerprint text, rule text, kind text, indicator text, area text, breakdown text, partner text, state text,
            severity text, since_period text, period text, value float8, withheld bool, inhibited bool, summary text,
            summary_cy text, previous text, notice text, labels jsonb, annotations jsonb
            """
        var fingerprint, rule, kind, indicator, area, breakdown, partner, state, severity: String
        var since_period, period: String?
        var value: Double?
        var withheld, inhibited: Bool
        var summary, summary_cy: String
        var previous, notice: String?
        var labels, annotations: [String: String]

        init(_ update: AlertUpdate) {
            let r = update.record
            fingerprint = r.fingerprint; rule = r.rule; kind = r.kind.rawValue; indicator = r.indicator; area = r.area
            breakdown = r.breakdown; partner = r.partner; state = r.state.rawValue; severity = r.severity.rawValue
            since_period = r.sincePeriod?.description; period = r.period?.description
            value = r.value.flatMap { $0.isFinite ? $0 : nil }
            withheld = r.withheld; inhibited = r.inhibited; summary = r.summary; summary_cy = r.summaryCy
            previous = update.previous?.rawValue; notice = update.notice?.rawValue
            labels = r.labels
            annotations = Self.annotations(r)
        }

        static func annotations(_ r: AlertRecord) -> [String: String] {
            var a = ["summary": r.summary, "summary_cy": r.summaryCy, "period": r.period?.description ?? ""]
            if let v = r.value, v.isFinite, !r.withheld { a["value"] = AlertTemplate.number(v) }
            return a
        }
    }

    /// Stored alerts matching a condition on the `alert` table.
    static func records(where condition: String, binds fill: (inout PostgresBindings) -> Void, on connection: PostgresConnection,
                        logger: Logger) async throws -> [AlertRecord] {
        var binds = PostgresBindings()
        fill(&binds)
        var out: [AlertRecord] = []
        let rows = try await connection.query(PostgresQuery(unsafeSQL: """
            SELECT \(AlertRow.columns) FROM alert WHERE \(condition)
            """, binds: binds), logger: logger)
        for try await row in rows.decode(AlertRow.Tuple.self) {
            if let record = AlertRow.record(row) { out.append(record) }
        }
        return out
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
