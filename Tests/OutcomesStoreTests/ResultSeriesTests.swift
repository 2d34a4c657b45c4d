import Foundation
import Testing
import OutcomesCore
@testable import OutcomesStore
import OutcomesTestSupport
import PostgresNIO

/// Result sets stored a row per series (migration 17): what the writer stores is every field of
/// every measure, each series in period order, read back through `result` as rows; and the
/// migration carries stored rows over unchanged.
@Suite("Results stored a row per series")
struct ResultSeriesTests {
    /// Rows of two areas and two breakdowns, given out of order, with every optional field both
    /// set and NULL somewhere.
    static func rows() throws -> [MeasureRow] {
        let comparisons = ComparisonLevels.allCases, trends = TrendLabel.allCases
        var rows: [MeasureRow] = []
        for (area, breakdown) in [(Int32(7), Int16(1)), (Int32(3), Int16(2)), (Int32(3), Int16(1))] {
            for (n, year) in [2019, 2023, 2017, 2021, 2018, 2022, 2020].enumerated() {
                let k = Int(area) * 10 + Int(breakdown) + n
                let value: Double? = k % 6 == 0 ? nil : Double(k) * 1.25 + 0.1
                rows.append(MeasureRow(
                    indicator: 42, area: area, breakdown: breakdown, period: try Period.parse(String(year), as: .calendar),
                    value: value, interval95: value.map { Interval(lower: $0 - 1.5, upper: $0 + 1.5) },
                    interval998: k % 4 == 0 ? nil : value.map { Interval(lower: $0 - 3, upper: $0 + 3.5) },
                    numerator: k % 5 == 0 ? nil : Double(k * 3), denominator: k % 5 == 0 ? nil : 1_000.5,
                    derived: k % 3 == 0, notes: k % 2 == 0 ? "" : "note \(k) — ŵ",
                    vsWales: BenchmarkComparison(at95: .notCompared, levels: comparisons[k % comparisons.count]),
                    vsBoard: BenchmarkComparison(at95: .notCompared, levels: comparisons[(k + 3) % comparisons.count]),
                    trend: TrendResult(label: trends[k % trends.count], chiSquared: k % 2 == 0 ? nil : Double(k) / 7),
                    change: k % 3 == 1 ? nil : Change(absolute: Double(k) - 20, relative: k % 3 == 2 ? nil : 0.25),
                    quintile: k % 6 == 5 ? nil : k % 5 + 1, targetMet: k % 4 == 1 ? nil : k % 2 == 0,
                    stale: year == 2023 ? k % 2 == 0 : nil,
                    gap: breakdown == 1 ? nil : EquityGap(difference: Double(k) / 4, intervalsOverlap: nil, significant: k % 3 == 0)))
            }
        }
        return rows
    }

    /// `rows` by area, breakdown, then period.
    static func seriesOrder(_ rows: [MeasureRow]) -> [MeasureRow] {
        rows.sorted { ($0.area, $0.breakdown) == ($1.area, $1.breakdown) ? $0.period < $1.period : ($0.area, $0.breakdown) < ($1.area, $1.breakdown) }
    }

    /// A field of ``text(_:)``: a double, or `-` for NULL.
    static func n(_ x: Double?) -> String { x.map { "\($0)" } ?? "-" }

    /// A field of ``text(_:)``: `t` or `f`, or `-` for NULL.
    static func b(_ x: Bool?) -> String { x.map { $0 ? "t" : "f" } ?? "-" }

    /// A row as `result` gives it, as text: the fields in MeasureCopy's column order.
    static func text(_ row: MeasureRow) -> String {
        [String(row.area), String(row.breakdown), row.period.description, String(row.period.firstDay.daysSinceEpoch),
                n(row.value), n(row.interval95?.lower), n(row.interval95?.upper), n(row.interval998?.lower), n(row.interval998?.upper),
                n(row.numerator), n(row.denominator), b(row.derived), row.notes, String(row.vsWales.category.code),
                String(row.vsBoard.category.code), String(row.trend.label.code), n(row.trend.chiSquared), n(row.change?.absolute),
                n(row.change?.relative), row.quintile.map(String.init) ?? "-", b(row.targetMet), b(row.stale), n(row.gap?.difference),
                b(row.gap?.significant)].joined(separator: "|")
    }

    /// How many series of result set `set` hold their points out of period order.
    static func unordered(_ client: PostgresClient, set: Int64) async throws -> Int {
        try await TestCluster.scalar(client, """
            SELECT count(*)::int FROM result_series
            WHERE result_set_id = \(set) AND period_start <> ARRAY(SELECT d FROM unnest(period_start) AS u(d) ORDER BY d)
            """)
    }

    /// Every row of `result` for result set `set`, in series then period order, as ``text(_:)``.
    static func stored(_ client: PostgresClient, set: Int64) async throws -> [String] {
        var out: [String] = []
        for try await row in try await client.query("""
            SELECT area_id, breakdown_id, period, (period_start - date '1970-01-01'), value, lower95, upper95, lower998, upper998,
                   numerator, denominator, derived, notes, vs_wales, vs_board, trend, trend_chi2, change_abs, change_rel,
                   quintile::int, target_met, stale, gap, gap_significant
            FROM result WHERE result_set_id = \(set) ORDER BY area_id, breakdown_id, period_start
            """, logger: TestCluster.logger) {
            let c = try row.decode((Int32, Int16, String, Int32, Double?, Double?, Double?, Double?, Double?, Double?, Double?, Bool,
                                    String, Int16, Int16, Int16, Double?, Double?, Double?, Int?, Bool?, Bool?, Double?, Bool?).self)
            out.append([String(c.0), String(c.1), c.2, String(c.3), n(c.4), n(c.5), n(c.6), n(c.7), n(c.8), n(c.9), n(c.10), b(c.11),
                        c.12, String(c.13), String(c.14), String(c.15), n(c.16), n(c.17), n(c.18), c.19.map(String.init) ?? "-",
                        b(c.20), b(c.21), n(c.22), b(c.23)].joined(separator: "|"))
        }
        return out
    }

    @Test("the writer stores every field of every measure, a row per series in period order, read back through `result` as rows")
    func writerStoresSeries() async throws {
        try await TestCluster.withMigratedDatabase { client, _ in
            let rows = try Self.rows()
            let run = Int64(try await TestCluster.scalar(client, """
                INSERT INTO run (trigger, full_run, catalogue_fingerprint, status, generation) VALUES ('cli', true, 'f', 'running', 0)
                RETURNING id::int
                """))
            try await client.withConnection { connection in
                // In the engine's order: by series, each in period order; into the migrated rows' generation.
                try await ResultWriter(logger: TestCluster.logger).write([.init(indicator: 42, rows: Self.seriesOrder(rows))], run: run,
                                                                         generation: .existing(0), on: connection)
            }
            let set = Int64(try await TestCluster.scalar(client, "SELECT id::int FROM result_set WHERE run_id = \(run)"))
            // Three series, three rows, each in period order; `result` gives back every field.
            #expect(try await TestCluster.scalar(client, "SELECT count(*)::int FROM result_series WHERE result_set_id = \(set)") == 3)
            #expect(try await Self.unordered(client, set: set) == 0)
            #expect(try await Self.stored(client, set: set) == Self.seriesOrder(rows).map(Self.text))
            // One latest point per series, for the roll-ups.
            #expect(try await TestCluster.scalar(client, "SELECT count(*)::int FROM result_latest WHERE result_set_id = \(set) AND period = '2023'") == 3)
        }
    }

    @Test("a series too long for one heap page is stored in parts, each in period order and in its page (no TOAST, every page frozen), read back whole")
    func longSeriesStoredInParts() async throws {
        try await TestCluster.withMigratedDatabase { client, _ in
            // One series of 150 yearly points with notes: about 19 KB of arrays.
            let template = try Self.rows()[0]
            var rows: [MeasureRow] = []
            for year in 1900..<2050 {
                var row = template
                row.period = try Period.parse(String(year), as: .calendar)
                row.value = Double(year) / 8
                row.notes = year % 3 == 0 ? "p,r,e" : "p"
                rows.append(row)
            }
            let text = rows.map { $0.period.description.utf8.count + $0.notes.utf8.count }
            let parts = MeasureCopy.parts(text: text)
            #expect(parts == [0..<59, 59..<118, 118..<150])  // 120 or 124 bytes a point by the bound, 764 a row
            #expect((MeasureCopy.rowBytes, MeasureCopy.pointBytes) == (764, 115))
            let run = Int64(try await TestCluster.scalar(client, """
                INSERT INTO run (trigger, full_run, catalogue_fingerprint, status, generation) VALUES ('cli', true, 'f', 'running', 0)
                RETURNING id::int
                """))
            // As a full run writes: its generation created, written frozen and attached in one transaction.
            try await client.withConnection { connection in
                try await connection.query("BEGIN", logger: TestCluster.logger)
                let generation = try await ResultGeneration.create(run: run, on: connection, logger: TestCluster.logger)
                try await ResultWriter(logger: TestCluster.logger).write([.init(indicator: 42, rows: rows)], run: run, generation: generation,
                                                                         on: connection)
                try await generation.attach(on: connection, logger: TestCluster.logger)
                try await connection.query("COMMIT", logger: TestCluster.logger)
            }
            let table = ResultGeneration.table(run)
            let set = Int64(try await TestCluster.scalar(client, "SELECT id::int FROM result_set WHERE run_id = \(run)"))
            #expect(try await TestCluster.scalar(client, "SELECT count(*)::int FROM \(table) WHERE result_set_id = \(set)") == parts.count)
            // The parts in order: part n holds the points its range gave it.
            #expect(try await TestCluster.scalar(client, """
                SELECT count(*)::int FROM \(table) WHERE result_set_id = \(set)
                  AND (part, cardinality(period)) IN (\(parts.enumerated().map { "(\($0.offset), \($0.element.count))" }.joined(separator: ", ")))
                """) == parts.count)
            #expect(try await Self.unordered(client, set: set) == 0)
            // Each row in its page: nothing in TOAST, and every page frozen as written.
            #expect(try await TestCluster.scalar(client, "SELECT max(pg_column_size(r.*))::int FROM \(table) r") <= MeasureCopy.partBytes)
            #expect(try await TestCluster.scalar(client, """
                SELECT pg_relation_size(reltoastrelid)::int FROM pg_class WHERE relname = '\(table)'
                """) == 0)
            let pages = try await ResultGenerationTests.frozenPages(client, table)
            #expect(pages.pages > 0 && pages.frozen == pages.pages)
            #expect(try await Self.stored(client, set: set) == rows.map(Self.text))
        }
    }

    @Test("a series is cut into parts only where the next point would take its row past the bound, and the parts cover every point once, in order")
    func partsCoverTheSeries() {
        #expect(MeasureCopy.parts(text: []) == [])
        #expect(MeasureCopy.parts(text: Array(repeating: 9, count: 36)) == [0..<36])
        for text in [Array(repeating: 9, count: 442), (0..<300).map { $0 % 7 == 0 ? 40 : 8 }] {
            let parts = MeasureCopy.parts(text: text)
            #expect(parts.first?.lowerBound == 0 && parts.last?.upperBound == text.count)
            #expect(zip(parts, parts.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
            // A part would not have taken its successor's first point.
            let bytes = { (r: Range<Int>) in MeasureCopy.rowBytes + r.reduce(0) { $0 + MeasureCopy.pointBytes + text[$1] } }
            #expect(parts.allSatisfy { bytes($0) <= MeasureCopy.partBytes })
            #expect(zip(parts, parts.dropFirst()).allSatisfy { bytes($0.lowerBound..<$1.lowerBound + 1) > MeasureCopy.partBytes })
        }
    }

    @Test("migration 17 carries every stored measure over: `result` reads the same rows, each series now one row in period order")
    func migrationCarriesOver() async throws {
        let target = try await TestCluster.shared.newDatabase()
        try await TestCluster.withClient(target) { client in
            let migrator = Migrator(client: client, logger: TestCluster.logger)
            _ = try await migrator.migrate(Array(Migration.all.prefix(16)))
            // The rows as migration 8's `result` held them, inserted newest period first.
            let rows = try Self.rows()
            for row in rows.reversed() {
                try await client.query("""
                    INSERT INTO result (indicator_id, result_set_id, area_id, breakdown_id, period, period_start, value, lower95, upper95,
                                        lower998, upper998, numerator, denominator, derived, notes, vs_wales, vs_board, trend,
                                        trend_chi2, change_abs, change_rel, quintile, target_met, stale, gap, gap_significant)
                    VALUES (42, 9, \(row.area), \(row.breakdown), \(row.period.description),
                            date '1970-01-01' + \(Int32(row.period.firstDay.daysSinceEpoch)), \(row.value), \(row.interval95?.lower),
                            \(row.interval95?.upper), \(row.interval998?.lower), \(row.interval998?.upper), \(row.numerator),
                            \(row.denominator), \(row.derived), \(row.notes), \(row.vsWales.category.code), \(row.vsBoard.category.code),
                            \(row.trend.label.code), \(row.trend.chiSquared), \(row.change?.absolute), \(row.change?.relative),
                            \(row.quintile.map { Int16($0) }), \(row.targetMet), \(row.stale), \(row.gap?.difference),
                            \(row.gap?.significant))
                    """, logger: TestCluster.logger)
            }
            let before = try await Self.stored(client, set: 9)
            #expect(before.count == rows.count)
            #expect(try await migrator.migrate() == [17, 18])
            #expect(try await TestCluster.scalar(client, "SELECT count(*)::int FROM result_series WHERE result_set_id = 9") == 3)
            // Migration 18 keeps them as generation 0, the partition the stored runs belong to.
            #expect(try await TestCluster.scalar(client, """
                SELECT count(*)::int FROM result_series_g0 WHERE result_set_id = 9 AND generation = 0
                """) == 3)
            #expect(try await Self.unordered(client, set: 9) == 0)
            #expect(try await Self.stored(client, set: 9) == before)
            #expect(before == Self.seriesOrder(rows).map(Self.text))
        }
    }
}
