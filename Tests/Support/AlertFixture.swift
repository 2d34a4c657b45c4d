import OutcomesCore
import OutcomesFeeds
import OutcomesStore
import PostgresNIO

/// A controlled alert set-up on the real catalogue: one rule only (low birth weight above 7.5% in
/// Bridgend fires, below 6.5% resolves), and feeds of that series period by period.
public enum AlertFixture {
    public static let today = CivilDate(year: 2026, month: 11, day: 29)!

    public static func catalogue(_ real: Catalogue, lateFeeds: AlertSettings.LateFeeds? = nil) -> Catalogue {
        var catalogue = real
        for i in catalogue.indicators.indices {
            catalogue.indicators[i].alerts = catalogue.indicators[i].id != "low_birth_weight" ? [] : [
                AlertRule(name: "lbw_high", kind: .threshold, side: .above, level: 7.5, clearLevel: 6.5,
                          areas: .init(codes: ["W06000013"], kinds: [])),
            ]
        }
        catalogue.alertSettings = AlertSettings(lateFeeds: lateFeeds)
        return catalogue
    }

    /// Feeds `(year, births under 2,500g per 1,000)` for Bridgend.
    public static func feed(_ client: PostgresClient, _ catalogue: Catalogue, _ rows: [(Int, Int)], name: String) async throws {
        let csv = "indicator,area,period,numerator,denominator\n"
            + rows.map { "low_birth_weight,W06000013,\($0.0),\($0.1),1000\n" }.joined()
        _ = try await FeedIngest(client: client, catalogue: catalogue, logger: TestCluster.logger)
            .ingest(ByteChunks(csv), FeedSubmission(partner: "local_health_board", in: catalogue, source: .cli, fileName: name, format: .csv, today: today))
    }
}
