import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import OutcomesCore
import OutcomesFeeds
@testable import OutcomesRender
@testable import OutcomesServer
@testable import OutcomesStore
import OutcomesTestSupport

@Suite("Areas, aims, dimensions, indicators and the feed log through the real router")
struct CatalogueRoutesTests {
    typealias R = ReadRoutesTests

    @Test("areas list with Welsh names; one area answers with its roll-up")
    func areas() async throws {
        try await R.withData { http, tokens in
            let (status, _, text) = try await R.get(http, "/v1/areas?format=text&lang=cy", token: tokens["reader"])
            #expect(status == .ok && text.contains("Caerdydd") && text.contains("W11000030"))
            let (s2, _, json) = try await R.get(http, "/v1/areas/W06000015", token: tokens["reader"])
            #expect(s2 == .ok && json.contains("\"aims\""))
            #expect(try await R.get(http, "/v1/areas/W00000000", token: tokens["reader"]).0 == .notFound)
        }
    }

    @Test("an aim and a dimension in depth list every indicator under them for an area")
    func depth() async throws {
        try await R.withData { http, tokens in
            let (status, _, json) = try await R.get(http, "/v1/aims/1?area=W06000015", token: tokens["reader"])
            #expect(status == .ok)
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
            let catalogue = try TestCluster.realCatalogue()
            #expect(rows.count == catalogue.indicators.filter { $0.aims.contains(1) }.count)
            let lbw = try #require(rows.first { $0["indicator"] as? String == "low_birth_weight" })
            // Typed: numbers are numbers, the series is an array of points, gaps are objects.
            let value = try #require(lbw["value"] as? Double)
            let (lower, upper) = (try #require(lbw["lower95"] as? Double), try #require(lbw["upper95"] as? Double))
            #expect(lower <= value && value <= upper)
            let series = try #require(lbw["series"] as? [[String: Any]])
            #expect(series.count >= 2 && (series.last?["value"] as? Double) == value)
            #expect((lbw["gaps"] as? [Any]) != nil && lbw["period"] as? String == series.last?["period"] as? String)
            let (s2, _, text) = try await R.get(http, "/v1/dimensions/e?format=text", token: tokens["reader"])
            #expect(s2 == .ok && text.contains("contribution made to society"))
            #expect(try await R.get(http, "/v1/aims/8", token: tokens["reader"]).0 == .notFound)
            let (_, _, csv) = try await R.get(http, "/v1/aims?format=csv", token: tokens["reader"])
            #expect(csv.split(separator: "\n").count == 8)
        }
    }

    @Test("small numbers are withheld from readers and shown to admins")
    func suppression() async throws {
        try await R.withData { http, tokens in
            let catalogue = try TestCluster.realCatalogue()
            let lbw = try #require(catalogue.indicator("low_birth_weight"))
            // A tiny numerator the reader must not see.
            let record = MeasureQueries.Record(period: "2024", value: 0.3, lower95: 0.1, upper95: 0.9, lower998: nil, upper998: nil,
                                               numerator: 3, denominator: 1000, benchmark: nil, benchmarkBoard: nil, trend: nil,
                                               trendChi2: nil, change: 0.1, changeRelative: nil, quintile: nil, target: nil,
                                               derived: false, stale: nil, notes: "", gap: nil, gapSignificant: nil)
            let hidden = Suppression.apply(record, indicator: lbw)
            #expect(hidden.value == nil && hidden.numerator == nil && hidden.lower95 == nil && hidden.notes == "c")
            #expect(Suppression.applies(to: nil, indicator: lbw))
            #expect(!Suppression.applies(to: Principal(tokenID: 1, name: "a", role: .admin, partner: nil), indicator: lbw))
            #expect(!Suppression.applies(to: Principal(tokenID: 1, name: "p", role: .partner, partner: "local_health_board"), indicator: lbw))
            #expect(Suppression.applies(to: Principal(tokenID: 1, name: "p", role: .partner, partner: "police"), indicator: lbw))
            let (_, h1, _) = try await R.get(http, "/v1/indicators/low_birth_weight", token: tokens["reader"])
            let (_, h2, _) = try await R.get(http, "/v1/indicators/low_birth_weight", token: tokens["admin"])
            #expect(h1[.eTag] != h2[.eTag])
        }
    }

    @Test("small numbers per role through the router: readers, anonymous and other partners see them withheld; admins and the supplier see them")
    func suppressionPerRole() async throws {
        try await R.withData(anonymous: true) { http, tokens, client in
            let catalogue = try TestCluster.realCatalogue()
            let file = TestCluster.repositoryRoot + "/Indicators/samples/ons/infant_mortality.csv"
            _ = try await FeedIngest(client: client, catalogue: catalogue, logger: TestCluster.logger)
                .ingest(FileChunks(path: file), FeedSubmission(partner: "ons", in: catalogue, source: .cli, fileName: "im.csv", format: .csv, today: R.today))
            _ = try await RunStore(client: client, catalogue: catalogue, logger: TestCluster.logger).compute(trigger: .cli, today: R.today)
            let store = TokenStore(client: client, logger: TestCluster.logger)
            let ons = try await store.create(role: .partner, partner: "ons", name: "ons").0
            let police = try await store.create(role: .partner, partner: "police", name: "police").0
            // Isle of Anglesey, 2020: 1 infant death in 661 live births (the sample), threshold 5.
            func point(_ token: String?) async throws -> [String: Any] {
                let (status, _, json) = try await R.get(http, "/v1/indicators/infant_mortality?area=W06000001", token: token)
                #expect(status == .ok)
                let records = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
                return try #require(records.first { $0["period"] as? String == "2020" })
            }
            for token in [nil, tokens["reader"], police] {
                let p = try await point(token)
                #expect(p["numerator"] is NSNull && p["value"] is NSNull && p["lower95"] is NSNull, "\(token ?? "anonymous")")
                #expect(p["benchmark"] is NSNull && p["quintile"] is NSNull && p["trend"] is NSNull)
                #expect((p["notes"] as? String)?.contains("c") == true)
            }
            for token in [tokens["admin"], ons] {
                let p = try await point(token)
                #expect(p["numerator"] as? Double == 1 && p["denominator"] as? Double == 661)
            }
            // The roll-up: Ceredigion's latest infant deaths (2 in 2025) are small, so a reader's
            // summary takes infant_mortality out of its comparisons; the admin's and ONS's keep it.
            func aim1(_ token: String?) async throws -> [String: Any] {
                let (_, _, json) = try await R.get(http, "/v1/summary?area=W06000008", token: token)
                let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
                return try #require((object["aims"] as? [[String: Any]])?.first)
            }
            let compared = ["better", "similar", "worse", "higher_or_lower", "not_compared"]
            for token in [nil, tokens["reader"], police] {
                let g = try await aim1(token)
                #expect((g["withheld"] as? [String])?.contains("infant_mortality") == true)
                #expect(compared.allSatisfy { (g[$0] as? [String])?.contains("infant_mortality") == false })
            }
            for token in [tokens["admin"], ons] {
                let g = try await aim1(token)
                #expect((g["withheld"] as? [String]) == [] && (g["small"] as? [String])?.contains("infant_mortality") == true)
                #expect(compared.contains { (g[$0] as? [String])?.contains("infant_mortality") == true })
            }
            // The depth view withholds the same point from a reader's sparkline series.
            let (_, _, depth) = try await R.get(http, "/v1/aims/1?area=W06000001", token: tokens["reader"])
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(depth.utf8)) as? [[String: Any]])
            let series = try #require(rows.first { $0["indicator"] as? String == "infant_mortality" }?["series"] as? [[String: Any]])
            #expect(series.first { $0["period"] as? String == "2020" }?["value"] is NSNull)
        }
    }

    @Test("the feed log: partners and admins only")
    func feedLog() async throws {
        try await R.withData { http, tokens in
            #expect(try await R.get(http, "/v1/feeds", token: tokens["reader"]).0 == .forbidden)
            let (status, _, json) = try await R.get(http, "/v1/feeds", token: tokens["admin"])
            #expect(status == .ok && json.contains("\"local_health_board\""))
            let (s2, _, one) = try await R.get(http, "/v1/feeds/1", token: tokens["admin"])
            #expect(s2 == .ok && one.contains("\"errors\""))
        }
    }
}
