import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import OutcomesCore
import OutcomesServer
import OutcomesStore
import OutcomesTestSupport
import PostgresNIO

@Suite("Health routes through the real router")
struct HealthRoutesTests {
    @Test("healthz is 200; readyz is 200 when the database answers")
    func readyWithDatabase() async throws {
        let target = try await TestCluster.shared.newDatabase()
        let client = PostgresClient(configuration: .init(target: target), backgroundLogger: TestCluster.logger)
        let context = ServerContext(client: client, catalogue: try TestCluster.realCatalogue(),
                                    listen: .init(host: "127.0.0.1", port: 0), logger: TestCluster.logger)
        try await buildApplication(context).test(.router) { http in
            try await http.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            try await http.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("\"ready\""))
            }
        }
    }

    @Test("readyz is 503 when the database is unreachable, healthz still 200")
    func notReadyWithoutDatabase() async throws {
        let target = DatabaseTarget(host: "/nonexistent-outcomesd-socket", port: 5432, user: "x", database: "x", sslMode: .disable)
        let client = PostgresClient(configuration: .init(target: target), backgroundLogger: TestCluster.logger)
        let context = ServerContext(client: client, catalogue: try TestCluster.realCatalogue(),
                                    listen: .init(host: "127.0.0.1", port: 0), logger: TestCluster.logger)
        let router = buildRouter(context)
        let app = Application(router: router, services: [client], logger: TestCluster.logger)
        try await app.test(.router) { http in
            try await http.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            try await http.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                let body = try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: String]
                #expect(body?["status"] == "degraded")
                #expect(body?["database"] == "unreachable")
                #expect((body?["reason"] ?? "").isEmpty == false, "the reason is said")
                #expect(body?["serving"] == "nothing cached yet")
            }
        }
    }
}
