public import OutcomesCore
public import PostgresNIO
public import Logging

/// Writes the catalogue into the database in one transaction, so observations can be keyed on
/// compact integers: partners and breakdowns get `smallint` keys, areas and indicators `integer`.
///
/// Re-syncing a changed catalogue updates rows in place and keeps their keys; items no longer
/// declared are retired, not deleted. Each sync is recorded in `catalogue_sync`.
///
/// ```swift
/// let report = try await CatalogueSync(client: client, logger: logger).sync(catalogue)
/// ```
public struct CatalogueSync: Sendable {
    public struct Report: Sendable, Equatable, CustomStringConvertible {
        public var inserted: Int
        public var updated: Int
        public var retired: Int
        /// Link rows (area parents, indicator aims, dimensions, breakdowns) added or removed.
        public var linksChanged: Int
        public init(inserted: Int, updated: Int, retired: Int, linksChanged: Int) {
            self.inserted = inserted
            self.updated = updated
            self.retired = retired
            self.linksChanged = linksChanged
        }

        public var description: String {
            "\(inserted) inserted, \(updated) updated, \(retired) retired, \(linksChanged) links changed"
        }
    }

    static let lockKey: Int64 = 0x6F75_7463_6F6D_6532

    let client: PostgresClient
    let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    @discardableResult
    public func sync(_ catalogue: Catalogue) async throws -> Report {
        let (counts, links) = try await client.withTransaction(logger: logger) { tx in
            try await tx.query("SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: logger)
            var total = SyncTable.Counts()
            for table in Self.tables(catalogue) {
                total = total + (try await table.sync(on: tx, logger: logger))
            }
            let links = try await syncLinks(catalogue, on: tx)
            try await tx.query("""
                INSERT INTO catalogue_sync (fingerprint, inserted, updated, retired)
                VALUES (\(catalogue.fingerprint), \(total.inserted), \(total.updated), \(total.retired))
                """, logger: logger)
            return (total, links)
        }
        let report = Report(inserted: counts.inserted, updated: counts.updated, retired: counts.retired, linksChanged: links)
        logger.info("catalogue synced", metadata: ["fingerprint": "\(catalogue.fingerprint)", "changes": "\(report)"])
        return report
    }

    static func tables(_ c: Catalogue) -> [SyncTable] {
        var aims = SyncTable(table: "aim", key: "number", hasRetirement: false)
        aims.keys = c.aims.map { String($0.number) }
        aims.keyType = "smallint"
        aims.column("title_en", "text", c.aims.map(\.title.en))
        aims.column("title_cy", "text", nullable: true, c.aims.map(\.title.cy))

        var dimensions = SyncTable(table: "dimension", key: "letter", hasRetirement: false)
        dimensions.keys = c.dimensions.map(\.letter)
        dimensions.column("title_en", "text", c.dimensions.map(\.title.en))
        dimensions.column("title_cy", "text", nullable: true, c.dimensions.map(\.title.cy))

        var partners = SyncTable(table: "partner", key: "key", hasRetirement: true)
        partners.keys = c.partners.map(\.key)
        partners.column("name_en", "text", c.partners.map(\.name.en))
        partners.column("name_cy", "text", nullable: true, c.partners.map(\.name.cy))
        partners.column("kind", "text", c.partners.map(\.kind.rawValue))
        partners.column("basis", "text", c.partners.map(\.basis))

        var breakdowns = SyncTable(table: "breakdown", key: "key", hasRetirement: true)
        breakdowns.keys = c.breakdowns.map(\.key)
        breakdowns.column("name_en", "text", c.breakdowns.map(\.name.en))
        breakdowns.column("name_cy", "text", nullable: true, c.breakdowns.map(\.name.cy))
        breakdowns.column("priority_group", "boolean", c.breakdowns.map { String($0.isPriorityGroup) })
        breakdowns.column("basis", "text", nullable: true, c.breakdowns.map(\.basis))

        var areas = SyncTable(table: "area", key: "code", hasRetirement: true)
        areas.keys = c.areas.map(\.code)
        areas.column("name_en", "text", c.areas.map(\.name.en))
        areas.column("name_cy", "text", nullable: true, c.areas.map(\.name.cy))
        areas.column("kind", "text", c.areas.map(\.kind.rawValue))
        areas.column("valid_from", "date", nullable: true, c.areas.map { $0.validFrom?.description })
        areas.column("valid_to", "date", nullable: true, c.areas.map { $0.validTo?.description })

        let ind = c.indicators
        var indicators = SyncTable(table: "indicator", key: "key", hasRetirement: true)
        indicators.keys = ind.map(\.id)
        indicators.column("title_en", "text", ind.map(\.title.en))
        indicators.column("title_cy", "text", nullable: true, ind.map(\.title.cy))
        indicators.column("definition", "text", ind.map(\.definition))
        indicators.column("kind", "text", ind.map(\.kind.rawValue))
        indicators.column("multiplier", "double precision", ind.map { String($0.multiplier) })
        indicators.column("unit", "text", ind.map(\.unit))
        indicators.column("polarity", "text", ind.map(\.polarity.rawValue))
        indicators.column("partner_id", "smallint", expression: "(SELECT p.id FROM partner p WHERE p.key = i.partner_id)",
                          ind.map(\.partner))
        indicators.column("period_type", "text", ind.map(\.periodType.rawValue))
        indicators.column("valid_min", "double precision", ind.map { String($0.validRange.min) })
        indicators.column("valid_max", "double precision", ind.map { String($0.validRange.max) })
        indicators.column("small_number_threshold", "integer", nullable: true, ind.map { $0.smallNumberThreshold.map(String.init) })
        indicators.column("source_note", "text", ind.map(\.source))
        indicators.column("target", "double precision", nullable: true, ind.map { $0.target.map { String($0) } })
        indicators.column("publication_lag_months", "integer", ind.map { String($0.publicationLagMonths) })
        return [aims, dimensions, partners, breakdowns, areas, indicators]
    }

    /// Replaces link rows (area parents, indicator aims/dimensions/breakdowns) where they differ;
    /// returns how many link rows changed.
    private func syncLinks(_ c: Catalogue, on tx: PostgresConnection) async throws -> Int {
        var changed = 0
        func run(_ query: PostgresQuery) async throws {
            for try await n in try await tx.query(query, logger: logger).decode(Int.self) { changed += n }
        }
        // Area parents, ordered as declared.
        var areaCodes: [String] = [], ordinals: [Int] = [], parents: [String] = [], froms: [String] = [], tos: [String] = []
        for area in c.areas {
            for (n, link) in area.parents.enumerated() {
                areaCodes.append(area.code); ordinals.append(n); parents.append(link.code)
                froms.append(link.from?.description ?? ""); tos.append(link.to?.description ?? "")
            }
        }
        try await run("""
            WITH want AS (
                SELECT a.id AS area_id, w.ordinal::smallint AS ordinal, p.id AS parent_id,
                       NULLIF(w.vf, '')::date AS valid_from, NULLIF(w.vt, '')::date AS valid_to
                FROM unnest(\(areaCodes)::text[], \(ordinals)::int[], \(parents)::text[], \(froms)::text[], \(tos)::text[])
                     AS w(code, ordinal, parent, vf, vt)
                JOIN area a ON a.code = w.code JOIN area p ON p.code = w.parent),
            del AS (DELETE FROM area_parent ap WHERE NOT EXISTS (
                SELECT 1 FROM want w WHERE (w.area_id, w.ordinal, w.parent_id) = (ap.area_id, ap.ordinal, ap.parent_id)
                  AND w.valid_from IS NOT DISTINCT FROM ap.valid_from AND w.valid_to IS NOT DISTINCT FROM ap.valid_to) RETURNING 1),
            ins AS (INSERT INTO area_parent SELECT w.area_id, w.ordinal, w.parent_id, w.valid_from, w.valid_to FROM want w
                WHERE NOT EXISTS (SELECT 1 FROM area_parent ap WHERE (ap.area_id, ap.ordinal, ap.parent_id) = (w.area_id, w.ordinal, w.parent_id)
                  AND w.valid_from IS NOT DISTINCT FROM ap.valid_from AND w.valid_to IS NOT DISTINCT FROM ap.valid_to)
                ON CONFLICT (area_id, ordinal) DO UPDATE SET parent_id = excluded.parent_id, valid_from = excluded.valid_from, valid_to = excluded.valid_to
                RETURNING 1)
            SELECT ((SELECT count(*) FROM del) + (SELECT count(*) FROM ins))::int
            """)

        // Indicator links: (indicator key, member) pairs per link table.
        func pairs(_ members: (Indicator) -> [String]) -> ([String], [String]) {
            var keys: [String] = [], values: [String] = []
            for indicator in c.indicators { for m in members(indicator) { keys.append(indicator.id); values.append(m) } }
            return (keys, values)
        }
        let (aimKeys, aimValues) = pairs { $0.aims.map(String.init) }
        try await run(linkQuery(table: "indicator_aim", column: "aim", member: "w.m::smallint", keys: aimKeys, members: aimValues))
        let (dimKeys, dimValues) = pairs(\.dimensions)
        try await run(linkQuery(table: "indicator_dimension", column: "letter", member: "w.m", keys: dimKeys, members: dimValues))
        let (bdKeys, bdValues) = pairs(\.breakdowns)
        try await run(linkQuery(table: "indicator_breakdown", column: "breakdown_id",
                                member: "(SELECT b.id FROM breakdown b WHERE b.key = w.m)", keys: bdKeys, members: bdValues))
        return changed
    }

    private func linkQuery(table: String, column: String, member: String, keys: [String], members: [String]) -> PostgresQuery {
        var binds = PostgresBindings()
        binds.append(keys)
        binds.append(members)
        return PostgresQuery(unsafeSQL: """
            WITH want AS (
                SELECT ind.id AS indicator_id, \(member) AS \(column)
                FROM unnest($1::text[], $2::text[]) AS w(k, m) JOIN indicator ind ON ind.key = w.k),
            del AS (DELETE FROM \(table) l WHERE NOT EXISTS (
                SELECT 1 FROM want w WHERE w.indicator_id = l.indicator_id AND w.\(column) = l.\(column)) RETURNING 1),
            ins AS (INSERT INTO \(table) (indicator_id, \(column)) SELECT indicator_id, \(column) FROM want
                ON CONFLICT DO NOTHING RETURNING 1)
            SELECT ((SELECT count(*) FROM del) + (SELECT count(*) FROM ins))::int
            """, binds: binds)
    }
}
