import AsyncHTTPClient
import Crypto
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import OutcomesCore
@testable import OutcomesServer
import OutcomesStore
import OutcomesTestSupport
import PostgresNIO

@Suite("Alert delivery from the durable outbox: a real webhook receiver and a real Alertmanager")
struct AlertDispatchTests {
    static let secret = "s3cret-for-tests"

    /// The webhook body fields the tests read.
    struct Message: Decodable {
        struct Alert: Decodable {
            var status: String
            var labels: [String: String]
            var annotations: [String: String]
            var fingerprint: String
            var endsAt: String
        }
        var version: String
        var status: String
        var alerts: [Alert]
    }

    static func secretFile() throws -> String {
        let path = NSTemporaryDirectory() + "outcomesd-webhook-\(UUID().uuidString).secret"
        try (secret + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func count(_ client: PostgresClient, _ sql: String) async throws -> Int { try await TestCluster.scalar(client, sql) }

    @Test("receiver down then up: every notification delivered once, signed, retried with backoff; repeats only after repeat_interval")
    func webhookAtLeastOnce() async throws {
        try await TestCluster.withMigratedDatabase { client, real in
            let catalogue = AlertFixture.catalogue(real)
            let receiver = WebhookReceiver()
            try await receiver.application().test(.live) { http in
                let port = try #require(http.port)
                var delivery = AlertDelivery()
                delivery.webhooks = [.init(url: "http://127.0.0.1:\(port)/hook", secretFile: try Self.secretFile(), timeoutSeconds: 5)]
                var context = ServerContext(client: client, catalogue: catalogue, listen: .init(host: "127.0.0.1", port: 0),
                                            logger: TestCluster.logger)
                context.alertDelivery = delivery
                let store = RunStore(client: client, catalogue: catalogue, logger: TestCluster.logger, alertSinks: delivery.sinks)
                let sinks = AlertSinkSet(delivery: delivery, http: HTTPClient.shared, logger: TestCluster.logger)
                let dispatcher = AlertDispatcher(context: context, gate: StartupGate(), delivery: delivery, repeatIntervalHours: 168)

                try await AlertFixture.feed(client, catalogue, [(2022, 70), (2023, 80)], name: "a.csv")
                _ = try await store.compute(trigger: .cli, today: AlertFixture.today)

                // Down: the webhook row fails and keeps its error; the journal row is delivered.
                receiver.setUp(false)
                #expect(try await dispatcher.tick(sinks: sinks, resendFiring: false))
                #expect(try await Self.count(client, "SELECT count(*)::int FROM alert_outbox WHERE sink LIKE 'webhook:%' AND delivered_at IS NULL AND attempts = 1 AND last_error LIKE '%503%'") == 1)
                #expect(try await Self.count(client, "SELECT count(*)::int FROM alert_outbox WHERE sink = 'journal' AND delivered_at IS NOT NULL") == 1)

                // Up, but the backoff has not elapsed (held an hour ahead, so a slow machine cannot
                // let it pass): nothing is sent yet.
                receiver.setUp(true)
                try await client.query("UPDATE alert_outbox SET next_attempt_at = now() + interval '1 hour' WHERE delivered_at IS NULL",
                                       logger: TestCluster.logger)
                _ = try await dispatcher.tick(sinks: sinks, resendFiring: false)
                #expect(receiver.received.isEmpty)
                // The backoff elapses (moved, not waited for): delivered exactly once.
                try await client.query("UPDATE alert_outbox SET next_attempt_at = now() WHERE delivered_at IS NULL", logger: TestCluster.logger)
                _ = try await dispatcher.tick(sinks: sinks, resendFiring: false)
                _ = try await dispatcher.tick(sinks: sinks, resendFiring: false)
                #expect(receiver.received.count == 1)
                let first = try #require(receiver.received.first)
                let mac = HMAC<SHA256>.authenticationCode(for: first.body, using: SymmetricKey(data: Data(Self.secret.utf8)))
                #expect(first.signature == "sha256=" + mac.map { String(format: "%02x", $0) }.joined())
                let message = try JSONDecoder().decode(Message.self, from: first.body)
                #expect(message.version == "4" && message.status == "firing" && message.alerts.count == 1)
                let alert = try #require(message.alerts.first)
                #expect(alert.labels == ["alertname": "lbw_high", "indicator": "low_birth_weight", "area": "W06000013", "breakdown": "all",
                                         "severity": "warning", "kind": "threshold", "partner": "local_health_board"])
                #expect(alert.annotations["summary"]?.contains("Bridgend: 8% in 2023") == true)

                // Not repeated within repeat_interval; repeated once after it.
                _ = try await dispatcher.tick(sinks: sinks, resendFiring: false)
                #expect(receiver.received.count == 1)
                try await client.query("UPDATE alert SET last_notified_at = now() - interval '169 hours'", logger: TestCluster.logger)
                _ = try await dispatcher.tick(sinks: sinks, resendFiring: false)
                _ = try await dispatcher.tick(sinks: sinks, resendFiring: false)
                #expect(receiver.received.count == 2)
                #expect(try JSONDecoder().decode(Message.self, from: receiver.received[1].body).alerts.first?.annotations["repeat"] == "true")

                // Resolved: one resolved notification with a real endsAt.
                try await AlertFixture.feed(client, catalogue, [(2024, 60)], name: "b.csv")
                _ = try await store.compute(trigger: .feed, indicators: ["low_birth_weight"], today: AlertFixture.today)
                _ = try await dispatcher.tick(sinks: sinks, resendFiring: false)
                #expect(receiver.received.count == 3)
                let resolved = try JSONDecoder().decode(Message.self, from: receiver.received[2].body)
                #expect(resolved.status == "resolved" && resolved.alerts.first?.status == "resolved")
                #expect(resolved.alerts.first?.endsAt.hasPrefix("0001") == false)
                #expect(try await Self.count(client, "SELECT count(*)::int FROM alert_outbox WHERE delivered_at IS NULL") == 0)

                // Pruning deletes delivered rows older than 30 days, and only those.
                try await client.query("UPDATE alert_outbox SET delivered_at = now() - interval '31 days' WHERE status = 'firing'",
                                       logger: TestCluster.logger)
                #expect(try await dispatcher.tick(sinks: sinks, resendFiring: false, prune: true))
                #expect(try await Self.count(client, "SELECT count(*)::int FROM alert_outbox WHERE status = 'firing'") == 0)
                #expect(try await Self.count(client, "SELECT count(*)::int FROM alert_outbox WHERE status = 'resolved'") == 2)
            }
        }
    }

    @Test("backoff doubles from one second and is capped at five minutes")
    func backoff() {
        #expect(AlertOutbox.backoff(attempts: 1, jitter: 1) == 1)
        #expect(AlertOutbox.backoff(attempts: 4, jitter: 1) == 8)
        #expect(AlertOutbox.backoff(attempts: 30, jitter: 1) == 300)
        #expect(AlertOutbox.backoff(attempts: 3, jitter: 1.25) == 5)
    }

    @Test("a real Alertmanager lists the firing alert with its labels, and it resolves",
          .enabled(if: AlertmanagerProcess.binary != nil, "prometheus-alertmanager is not installed (scripts/install-deps installs it)"))
    func alertmanager() async throws {
        let am = try await AlertmanagerProcess.start()
        defer { am.stop() }
        try await TestCluster.withMigratedDatabase { client, real in
            let catalogue = AlertFixture.catalogue(real)
            var delivery = AlertDelivery()
            delivery.alertmanager = .init(url: am.url, resendIntervalSeconds: 60)
            delivery.journal = false
            var context = ServerContext(client: client, catalogue: catalogue, listen: .init(host: "127.0.0.1", port: 0), logger: TestCluster.logger)
            context.alertDelivery = delivery
            let store = RunStore(client: client, catalogue: catalogue, logger: TestCluster.logger, alertSinks: delivery.sinks)
            let sinks = AlertSinkSet(delivery: delivery, http: am.http, logger: TestCluster.logger)
            let dispatcher = AlertDispatcher(context: context, gate: StartupGate(), delivery: delivery, repeatIntervalHours: 168)

            try await AlertFixture.feed(client, catalogue, [(2022, 70), (2023, 80)], name: "a.csv")
            _ = try await store.compute(trigger: .cli, today: AlertFixture.today)
            _ = try await dispatcher.tick(sinks: sinks, resendFiring: true)
            let firing = try await am.alerts()
            let ours = try #require(firing.first { $0.labels["alertname"] == "lbw_high" })
            #expect(ours.labels["indicator"] == "low_birth_weight" && ours.labels["area"] == "W06000013" && ours.labels["partner"] == "local_health_board")
            #expect(ours.labels["severity"] == "warning" && ours.labels["kind"] == "threshold" && ours.labels["breakdown"] == "all")
            #expect(ours.status.state == "active")

            try await AlertFixture.feed(client, catalogue, [(2024, 60)], name: "b.csv")
            _ = try await store.compute(trigger: .feed, indicators: ["low_birth_weight"], today: AlertFixture.today)
            _ = try await dispatcher.tick(sinks: sinks, resendFiring: true)
            #expect(try await am.alerts().first { $0.labels["alertname"] == "lbw_high" } == nil)
            #expect(try await Self.count(client, "SELECT count(*)::int FROM alert_outbox WHERE delivered_at IS NULL") == 0)
        }
    }
}
