import Testing
import OutcomesCore
import OutcomesStore
import OutcomesTestSupport
import PostgresNIO

@Suite("Catalogue sync against a real PostgreSQL")
struct CatalogueSyncTests {
    static func keys(_ client: PostgresClient, _ table: String, _ key: String) async throws -> [String: Int] {
        var result: [String: Int] = [:]
        let rows = try await client.query(PostgresQuery(unsafeSQL: "SELECT \(key)::text, id::int FROM \(table)"), logger: TestCluster.logger)
        for try await (k, id) in rows.decode((String, Int).self) { result[k] = id }
        return result
    }

    static func scalar(_ client: PostgresClient, _ sql: String) async throws -> Int {
        try await TestCluster.scalar(client, sql)
    }

    @Test("the real catalogue lands with compact keys and all its links")
    func firstSync() async throws {
        try await TestCluster.withMigratedDatabase { client, catalogue in
            #expect(try await Self.scalar(client, "SELECT count(*)::int FROM indicator") == catalogue.indicators.count)
            #expect(try await Self.scalar(client, "SELECT count(*)::int FROM area") == catalogue.areas.count)
            #expect(try await Self.scalar(client, "SELECT count(*)::int FROM aim") == 7)
            #expect(try await Self.scalar(client, "SELECT count(*)::int FROM dimension") == 9)
            let links = catalogue.indicators.reduce(0) { $0 + $1.aims.count }
            #expect(try await Self.scalar(client, "SELECT count(*)::int FROM indicator_aim") == links)
            let bridgendParents = try await Self.scalar(client,
                "SELECT count(*)::int FROM area_parent ap JOIN area a ON a.id = ap.area_id WHERE a.code = 'W06000013'")
            #expect(bridgendParents == 2)
            #expect(try await Self.scalar(client, "SELECT max(id)::int FROM partner") == catalogue.partners.count)
        }
    }

    @Test("re-syncing an unchanged catalogue changes nothing")
    func resyncUnchanged() async throws {
        try await TestCluster.withMigratedDatabase { client, catalogue in
            let report = try await CatalogueSync(client: client, logger: TestCluster.logger).sync(catalogue)
            #expect(report == CatalogueSync.Report(inserted: 0, updated: 0, retired: 0, linksChanged: 0))
        }
    }

    @Test("a changed catalogue updates rows in place, keeps keys stable and retires what was removed")
    func resyncChanged() async throws {
        try await TestCluster.withMigratedDatabase { client, catalogue in
            let before = try await Self.keys(client, "indicator", "key")
            var changed = catalogue
            var first = changed.indicators[0]
            first.title.en += " (revised)"
            first.aims = [7]
            let removed = changed.indicators[1].id
            changed = Catalogue(aims: changed.aims, dimensions: changed.dimensions, partners: changed.partners,
                                breakdowns: changed.breakdowns, areas: changed.areas,
                                indicators: [first] + changed.indicators.dropFirst(2), fingerprint: "changed")
            let report = try await CatalogueSync(client: client, logger: TestCluster.logger).sync(changed)
            #expect(report.inserted == 0 && report.updated == 1 && report.retired == 1)
            #expect(report.linksChanged >= 1)
            let after = try await Self.keys(client, "indicator", "key")
            #expect(after == before)
            #expect(try await Self.scalar(client, "SELECT count(*)::int FROM indicator WHERE retired_at IS NOT NULL AND key = '\(removed)'") == 1)
            let aimSeven = try await Self.scalar(client,
                "SELECT count(*)::int FROM indicator_aim ia JOIN indicator i ON i.id = ia.indicator_id WHERE i.key = '\(first.id)' AND ia.aim = 7")
            #expect(aimSeven == 1)
            // Restoring it un-retires the same row.
            let restored = try await CatalogueSync(client: client, logger: TestCluster.logger).sync(catalogue)
            #expect(restored.inserted == 0 && restored.updated == 2)
            #expect(try await Self.keys(client, "indicator", "key") == before)
        }
    }
}
