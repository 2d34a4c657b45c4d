import Foundation
import Testing
import OutcomesCore
import OutcomesFeeds
import OutcomesStore
import OutcomesTestSupport
import PostgresNIO

/// Published periods (issue 13): a feed that would change a published value is refused for
/// those rows unless it confirms; confirmed revisions are marked; the audit keeps who, how, when
/// and why; withdrawing a publication is recorded and lifts the guard.
@Suite("Published periods and the audit of revisions")
struct PublicationTests {
    static let today = CivilDate(year: 2026, month: 11, day: 29)!
    static let header = "indicator,area,period,breakdown,numerator,denominator,note,reason\n"
    static let first = header + """
        low_birth_weight,W06000013,2022,all,81,1200,,
        low_birth_weight,W06000013,2023,all,61,1178,,
        low_birth_weight,W06000014,2023,all,50,1000,,

        """
    /// Changes 2023 for W06000013 (published below) and 2022 (not published).
    static let revision = header + """
        low_birth_weight,W06000013,2022,all,82,1200,r,
        low_birth_weight,W06000013,2023,all,70,1178,r,late registrations added

        """

    static func ingest(_ client: PostgresClient, _ catalogue: Catalogue, _ text: String, name: String, confirm: Bool = false,
                       dryRun: Bool = false, by: String = "alice", reason: String? = nil) async throws -> ImportReport {
        try await FeedIngest(client: client, catalogue: catalogue, logger: TestCluster.logger)
            .ingest(ByteChunks(text), FeedSubmission(partner: "local_health_board", in: catalogue, source: .cli, fileName: name, format: .csv,
                                                    dryRun: dryRun, today: today, submittedBy: by, reason: reason,
                                                    confirmRevisions: confirm))
    }

    static func numerator(_ client: PostgresClient, _ area: String, _ period: String) async throws -> Int {
        try await TestCluster.scalar(client, """
            SELECT o.numerator::int FROM observation o JOIN area a ON a.id = o.area_id JOIN indicator i ON i.id = o.indicator_id
            WHERE i.key = 'low_birth_weight' AND a.code = '\(area)' AND o.period = '\(period)'
            """)
    }

    static func publish(_ client: PostgresClient, _ catalogue: Catalogue, indicator: String?, period: String? = nil,
                        through: String? = nil) async throws -> PublicationStore.Entry {
        let scope = try PublicationStore.scope(indicator: indicator, period: period, through: through, catalogue: catalogue)
        return try await PublicationStore(client: client, catalogue: catalogue, logger: TestCluster.logger)
            .publish(indicator: scope.indicator, scope: scope.scope, by: "admin", note: "annual release")
    }

    @Test("a row changing a published value is refused with period_published, its old and new values, while the feed's other rows apply")
    func refusedWithoutConfirmation() async throws {
        try await TestCluster.withMigratedDatabase { client, catalogue in
            _ = try await Self.ingest(client, catalogue, Self.first, name: "first.csv")
            let publication = try await Self.publish(client, catalogue, indicator: "low_birth_weight", period: "2023")
            let report = try await Self.ingest(client, catalogue, Self.revision, name: "revision.csv")
            #expect(report.status == .applied)
            #expect(report.updated == 1 && report.rejected == 1)
            let error = try #require(report.errors.first)
            #expect(error.code == .periodPublished && error.line == 3 && error.field == "value")
            // Old 61/1178 × 100 and new 70/1178 × 100, as the message shows them.
            #expect(error.message.contains("5.178268251273345 → 5.94227504244482"))
            #expect(error.message.contains("publication \(publication.id)"))
            let change = try #require(report.publishedChanges.first)
            #expect(report.publishedChanges.count == 1 && !change.confirmed && change.period == "2023" && change.area == "W06000013")
            #expect(try await Self.numerator(client, "W06000013", "2023") == 61)   // unchanged
            #expect(try await Self.numerator(client, "W06000013", "2022") == 82)   // not published: revised
            // The stored report says the same as the live one.
            #expect(try await TestCluster.scalar(client, """
                SELECT count(*)::int FROM feed_error WHERE feed_id = \(report.feedID ?? -1) AND code = 'period_published' AND line = 3
                """) == 1)
        }
    }

    @Test("a confirmed revision of a published value applies, is marked published and audited with who, how, when and why")
    func confirmedAndAudited() async throws {
        try await TestCluster.withMigratedDatabase { client, catalogue in
            _ = try await Self.ingest(client, catalogue, Self.first, name: "first.csv", by: "bob")
            _ = try await Self.publish(client, catalogue, indicator: nil, through: "2023")
            let report = try await Self.ingest(client, catalogue, Self.revision, name: "revision.csv", confirm: true, reason: "annual refresh")
            #expect(report.status == .applied && report.updated == 2 && report.rejected == 0)
            #expect(report.publishedChanges.count == 2 && report.publishedChanges.allSatisfy(\.confirmed))
            #expect(try await Self.numerator(client, "W06000013", "2023") == 70)
            let entries = try await RevisionLog(client: client, logger: TestCluster.logger).entries(.init(indicators: ["low_birth_weight"]))
            #expect(entries.count == 2)
            let y2023 = try #require(entries.first { $0.period == "2023" })
            #expect(y2023.old_numerator == 61 && y2023.new_numerator == 70 && y2023.revision == 2)
            #expect(y2023.submitted_by == "alice" && y2023.source == "cli" && y2023.partner == "local_health_board")
            #expect(y2023.published && y2023.feed == report.feedID)
            // The row's own reason comes first; the feed's covers rows without one.
            #expect(y2023.reason == "late registrations added")
            #expect(entries.first { $0.period == "2022" }?.reason == "annual refresh")
            // First values are listed only when asked, with no old value.
            let all = try await RevisionLog(client: client, logger: TestCluster.logger)
                .entries(.init(indicators: ["low_birth_weight"], initial: true))
            #expect(all.count == 5 && all.filter { $0.revision == 1 }.allSatisfy { $0.old_value == nil && $0.submitted_by == "bob" })
            // Filters: area, and since (after everything: none).
            #expect(try await RevisionLog(client: client, logger: TestCluster.logger)
                .entries(.init(area: "W06000014", initial: true)).count == 1)
            #expect(try await RevisionLog(client: client, logger: TestCluster.logger)
                .entries(.init(since: Date().addingTimeInterval(3600))).isEmpty)
        }
    }

    @Test("a dry run lists the published values a feed would change and writes nothing")
    func dryRunLists() async throws {
        try await TestCluster.withMigratedDatabase { client, catalogue in
            _ = try await Self.ingest(client, catalogue, Self.first, name: "first.csv")
            _ = try await Self.publish(client, catalogue, indicator: "low_birth_weight", through: "2023")
            let revisions = try await TestCluster.scalar(client, "SELECT count(*)::int FROM observation_revision")
            let refused = try await Self.ingest(client, catalogue, Self.revision, name: "r.csv", dryRun: true)
            #expect(refused.status == .dryRun && refused.publishedChanges.count == 2 && refused.rejected == 2)
            let confirmed = try await Self.ingest(client, catalogue, Self.revision, name: "r.csv", confirm: true, dryRun: true)
            #expect(confirmed.status == .dryRun && confirmed.updated == 2 && confirmed.publishedChanges.allSatisfy(\.confirmed))
            #expect(try await TestCluster.scalar(client, "SELECT count(*)::int FROM observation_revision") == revisions)
            #expect(try await Self.numerator(client, "W06000013", "2023") == 61)
        }
    }

    @Test("withdrawing a publication is recorded and lets revisions through again")
    func withdrawLiftsTheGuard() async throws {
        try await TestCluster.withMigratedDatabase { client, catalogue in
            _ = try await Self.ingest(client, catalogue, Self.first, name: "first.csv")
            let store = PublicationStore(client: client, catalogue: catalogue, logger: TestCluster.logger)
            let entry = try await Self.publish(client, catalogue, indicator: "low_birth_weight", period: "2023")
            let withdrawn = try #require(try await store.withdraw(id: entry.id, by: "carol", reason: "published in error"))
            #expect(withdrawn.withdrawn_by == "carol" && withdrawn.withdraw_reason == "published in error" && !withdrawn.active)
            #expect(try await store.withdraw(id: entry.id, by: "carol", reason: nil) == nil)   // already withdrawn
            #expect(try await store.entries().isEmpty)
            #expect(try await store.entries(includeWithdrawn: true).count == 1)
            let report = try await Self.ingest(client, catalogue, Self.revision, name: "revision.csv")
            #expect(report.updated == 2 && report.rejected == 0 && report.publishedChanges.isEmpty)
        }
    }

    @Test("what a publication names is checked against the catalogue, saying what is accepted")
    func scopeChecked() throws {
        let catalogue = try TestCluster.realCatalogue()
        #expect(throws: PublicationStore.InputError.self) {
            try PublicationStore.scope(indicator: "no_such", period: "2023", through: nil, catalogue: catalogue)
        }
        do {
            _ = try PublicationStore.scope(indicator: "low_birth_weight", period: "2023-24", through: nil, catalogue: catalogue)
            Issue.record("a financial year was accepted for a calendar-year indicator")
        } catch {
            #expect(error.message.contains("calendar") && !error.notFound)
        }
        do {
            _ = try PublicationStore.scope(indicator: nil, period: "2023", through: nil, catalogue: catalogue)
            Issue.record("a single period without an indicator was accepted")
        } catch {
            #expect(error.message.contains("through"))
        }
        let all = try PublicationStore.scope(indicator: nil, period: nil, through: "2023-24", catalogue: catalogue)
        let expected = try Period.parse("2023-24", as: .financial)
        #expect(all.indicator == nil && all.scope == .through(expected))
    }
}
