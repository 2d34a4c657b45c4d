import Foundation
public import OutcomesCore
public import PostgresNIO
public import Logging

/// Reads a finished run's results: one series' measures, or an area's roll-up.
public struct MeasureQueries: Sendable {
    /// One period of a series, as stored in a run.
    public struct Record: Sendable, Codable, Equatable {
        public var period: String
        public var value: Double?
        public var lower95: Double?
        public var upper95: Double?
        public var lower998: Double?
        public var upper998: Double?
        public var numerator: Double?
        public var denominator: Double?
        /// Compared with Wales; nil when not compared.
        public var benchmark: ComparisonLevels?
        /// Compared with the area's health board; nil when not compared.
        public var benchmarkBoard: ComparisonLevels?
        public var trend: TrendLabel?
        public var trendChi2: Double?
        public var change: Double?
        public var changeRelative: Double?
        public var quintile: Int?
        public var target: Bool?
        public var derived: Bool
        public var stale: Bool?
        public var notes: String
        public var gap: Double?
        public var gapSignificant: Bool?

        enum CodingKeys: String, CodingKey {
            case period, value, lower95, upper95, lower998, upper998, numerator, denominator, benchmark
            case benchmarkBoard = "benchmark_board", trend, trendChi2 = "trend_chi2", change
            case changeRelative = "change_relative", quintile, target, derived, stale, notes, gap
            case gapSignificant = "gap_significant"
        }

        public func encode(to encoder: any Encoder) throws {
            // Every key present, null when not applicable.
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(period, forKey: .period)
            try c.encode(value, forKey: .value)
            try c.encode(lower95, forKey: .lower95)
            try c.encode(upper95, forKey: .upper95)
            try c.encode(lower998, forKey: .lower998)
            try c.encode(upper998, forKey: .upper998)
            try c.encode(numerator, forKey: .numerator)
            try c.encode(denominator, forKey: .denominator)
            try c.encode(benchmark, forKey: .benchmark)
            try c.encode(benchmarkBoard, forKey: .benchmarkBoard)
            try c.encode(trend, forKey: .trend)
            try c.encode(trendChi2, forKey: .trendChi2)
            try c.encode(change, forKey: .change)
            try c.encode(changeRelative, forKey: .changeRelative)
            try c.encode(quintile, forKey: .quintile)
            try c.encode(target, forKey: .target)
            try c.encode(derived, forKey: .derived)
            try c.encode(stale, forKey: .stale)
            try c.encode(notes, forKey: .notes)
            try c.encode(gap, forKey: .gap)
            try c.encode(gapSignificant, forKey: .gapSignificant)
        }
    }

    public struct NoRun: Error, CustomStringConvertible {
        public var description: String { "no finished run yet: run `outcomesd compute` (or wait for the daemon's first run)" }
    }

    let client: PostgresClient
    let logger: Logger
    /// The newest roll-up inputs read per area (the daemon's, shared by its routes); nil: every
    /// summary reads its run's inputs whole.
    let rollUps: RollUpInputsCache?

    public init(client: PostgresClient, logger: Logger, rollUps: RollUpInputsCache? = nil) {
        self.client = client
        self.logger = logger
        self.rollUps = rollUps
    }

    /// The run to read: the one asked for, else the latest finished at or before `asOf`, else the
    /// latest finished.
    public func run(_ requested: Int64? = nil, asOf: Date? = nil) async throws -> (id: Int64, finishedAt: Date) {
        for try await (id, finished) in try await client.query("""
            SELECT id, finished_at FROM run WHERE status = 'finished' AND (\(requested)::bigint IS NULL OR id = \(requested))
              AND (\(asOf)::timestamptz IS NULL OR finished_at <= \(asOf))
            ORDER BY id DESC LIMIT 1
            """, logger: logger).decode((Int64, Date).self) {
            return (id, finished)
        }
        throw NoRun()
    }

    /// The generation of result series that run `run` reads (``ResultGeneration``), nil for no
    /// such run. A query of `measure` names it as a value, so that PostgreSQL plans it for that
    /// one partition of `result_series`: planned over every kept generation, the query of
    /// ``series(indicator:area:breakdown:run:)`` took 11 ms to plan at 10 generations, 76 ms at
    /// 100 and 972 ms at 400 (`EXPLAIN (SUMMARY)`; 7 ms at one).
    func generation(of run: Int64) async throws -> Int64? {
        for try await generation in try await client.query("SELECT generation FROM run WHERE id = \(run)", logger: logger).decode(Int64.self) {
            return generation
        }
        return nil
    }

    /// Every period of one series in a run, oldest first.
    public func series(indicator: String, area: String, breakdown: String = Breakdown.allKey, run: Int64) async throws -> [Record] {
        guard let generation = try await generation(of: run) else { return [] }
        let rows = try await client.query("""
            SELECT m.period, m.value, m.lower95, m.upper95, m.lower998, m.upper998, m.numerator, m.denominator,
                   m.vs_wales, m.vs_board, m.trend, m.trend_chi2, m.change_abs, m.change_rel, m.quintile::int,
                   m.target_met, m.derived, m.stale, m.notes, m.gap, m.gap_significant
            FROM measure m
            JOIN indicator i ON i.id = m.indicator_id JOIN area a ON a.id = m.area_id JOIN breakdown b ON b.id = m.breakdown_id
            WHERE m.run_id = \(run) AND m.generation = \(generation) AND i.key = \(indicator) AND a.code = \(area) AND b.key = \(breakdown)
            ORDER BY m.period_start
            """, logger: logger)
        var records: [Record] = []
        for try await row in rows {
            let c = try row.decode((String, Double?, Double?, Double?, Double?, Double?, Double?, Double?, Int16, Int16, Int16,
                                    Double?, Double?, Double?, Int?, Bool?, Bool, Bool?, String, Double?, Bool?).self)
            records.append(Record(period: c.0, value: c.1, lower95: c.2, upper95: c.3, lower998: c.4, upper998: c.5,
                                  numerator: c.6, denominator: c.7, benchmark: try Self.compared(c.8, "measure.vs_wales"),
                                  benchmarkBoard: try Self.compared(c.9, "measure.vs_board"),
                                  trend: try StoredCategory.trend(c.10, column: "measure.trend"), trendChi2: c.11, change: c.12, changeRelative: c.13, quintile: c.14, target: c.15,
                                  derived: c.16, stale: c.17, notes: c.18, gap: c.19, gapSignificant: c.20))
        }
        return records
    }

    /// The stored comparison, nil when not compared.
    static func compared(_ code: Int16, _ column: String) throws -> ComparisonLevels? {
        let category = try StoredCategory.comparison(code, column: column)
        return category == .notCompared ? nil : category
    }

    /// The roll-up of one area in a run, built from what the run keeps for it (``RollUpInputs``:
    /// one row per series and the alerts firing after the run) through `catalogue`'s aims and
    /// dimensions; nil for an area retired from the catalogue.
    ///
    /// With a ``RollUpInputsCache`` holding the area's inputs in the run this one is based on
    /// (an incremental run's predecessor), the inputs are those less the recomputed indicators'
    /// rows plus their new ones (``RollUpInputs/changes(run:since:area:areaID:keys:on:logger:)``):
    /// what the run changed is read, not the whole run.
    public func summary(area: Area, run: Int64, catalogue: Catalogue, keys: CatalogueKeys) async throws -> AreaSummary? {
        guard area.validTo == nil, let areaID = keys.areas[area.code] else { return nil }
        let (logger, rollUps) = (logger, rollUps)
        let held = rollUps?.get(area: areaID).flatMap { $0.catalogue == catalogue.fingerprint ? $0 : nil }
        let (latest, firing) = try await client.withConnection { connection in
            let latest: [LatestMeasure]
            if let held, held.run == run {
                latest = held.latest
            } else if let held, held.run < run,
                      let changed = try await RollUpInputs.changes(run: run, since: held.run, area: area, areaID: areaID, keys: keys,
                                                                   on: connection, logger: logger) {
                latest = held.latest.filter { !changed.indicators.contains($0.indicator) } + changed.latest
                logger.debug("roll-up inputs from the previous run's", metadata: [
                    "run": "\(run)", "based_on": "\(held.run)", "area": "\(area.code)",
                    "indicators_changed": "\(changed.indicators.count)", "series_read": "\(changed.latest.count)"])
            } else {
                latest = try await RollUpInputs.latest(run: run, area: area, areaID: areaID, keys: keys, on: connection, logger: logger)
            }
            // The firing spans covering a finished run never change: no snapshot shared with the above.
            return (latest, try await RollUpInputs.firing(run: run, areaID: areaID, keys: keys, on: connection, logger: logger))
        }
        rollUps?.put(area: areaID, .init(run: run, catalogue: catalogue.fingerprint, latest: latest))
        return AreaSummary.build(area: area, catalogue: catalogue, latest: latest, firing: firing)
    }
}

extension MeasureQueries {
    /// One series of an area in a run: an indicator, a breakdown and its points, oldest first.
    public struct Series: Sendable {
        public var indicator: String
        public var breakdown: String
        public var records: [Record]

        /// The newest point, which summaries and depth views show.
        public var latest: Record? { records.last }
    }

    /// Every series of `indicators` in one area (all breakdowns, every period), in a run: what an
    /// aim or dimension in depth shows (latest points, gaps, and the `all` series for a sparkline).
    public func series(area: String, indicators: [String], run: Int64) async throws -> [Series] {
        guard let generation = try await generation(of: run) else { return [] }
        let rows = try await client.query("""
            SELECT i.key, b.key,
                   m.period, m.value, m.lower95, m.upper95, m.lower998, m.upper998, m.numerator, m.denominator,
                   m.vs_wales, m.vs_board, m.trend, m.trend_chi2, m.change_abs, m.change_rel, m.quintile::int,
                   m.target_met, m.derived, m.stale, m.notes, m.gap, m.gap_significant
            FROM measure m
            JOIN indicator i ON i.id = m.indicator_id JOIN area a ON a.id = m.area_id JOIN breakdown b ON b.id = m.breakdown_id
            WHERE m.run_id = \(run) AND m.generation = \(generation) AND a.code = \(area) AND i.key = ANY(\(indicators))
            ORDER BY i.key, b.key, m.period_start
            """, logger: logger)
        var out: [Series] = []
        for try await row in rows {
            let c = try row.decode((String, String, String, Double?, Double?, Double?, Double?, Double?, Double?, Double?, Int16, Int16,
                                    Int16, Double?, Double?, Double?, Int?, Bool?, Bool, Bool?, String, Double?, Bool?).self)
            let record = Record(period: c.2, value: c.3, lower95: c.4, upper95: c.5, lower998: c.6, upper998: c.7,
                                numerator: c.8, denominator: c.9, benchmark: try Self.compared(c.10, "measure.vs_wales"),
                                benchmarkBoard: try Self.compared(c.11, "measure.vs_board"),
                                trend: try StoredCategory.trend(c.12, column: "measure.trend"), trendChi2: c.13, change: c.14, changeRelative: c.15, quintile: c.16, target: c.17,
                                derived: c.18, stale: c.19, notes: c.20, gap: c.21, gapSignificant: c.22)
            if let last = out.indices.last, out[last].indicator == c.0, out[last].breakdown == c.1 {
                out[last].records.append(record)
            } else {
                out.append(Series(indicator: c.0, breakdown: c.1, records: [record]))
            }
        }
        return out
    }
}
