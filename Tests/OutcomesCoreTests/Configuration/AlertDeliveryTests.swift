import Testing
import OutcomesCore

@Suite("Alert delivery configuration")
struct AlertDeliveryTests {
    @Test("every key is read, and the sinks follow from them")
    func parses() throws {
        let config = try Configuration.parse(SourceFile(path: "o.yaml", text: """
            alerts:
              alertmanager:
                url: http://127.0.0.1:9093/
                resend_interval_seconds: 30
              webhooks:
                - url: https://hooks.example.org/outcomes
                  secret_file: /etc/outcomesd/webhook.secret
                  timeout_seconds: 5
              journal: false
              repeat_interval_hours: 24
              external_url: https://outcomes.example.org
            """))
        let a = config.alerts
        #expect(a.alertmanager == .init(url: "http://127.0.0.1:9093", resendIntervalSeconds: 30))
        #expect(a.webhooks == [.init(url: "https://hooks.example.org/outcomes", secretFile: "/etc/outcomesd/webhook.secret", timeoutSeconds: 5)])
        #expect(a.sinks == ["alertmanager", "webhook:https://hooks.example.org/outcomes"])
        #expect(a.repeatIntervalHours == 24 && a.externalURL == "https://outcomes.example.org")
        #expect(Configuration().alerts.sinks == ["journal"], "by default one journal line per notification")
    }

    @Test("a bad URL, an unknown key and an out-of-range interval are located")
    func locatedErrors() {
        #expect {
            try Configuration.parse(SourceFile(path: "o.yaml", text: """
                alerts:
                  alertmanager: {url: "127.0.0.1:9093"}
                  webhooks:
                    - {url: https://x.example, secret: abc}
                  repeat_interval_hours: 0
                """))
        } throws: { error in
            let issues = (error as? CatalogueError)?.issues.map(\.description) ?? []
            return issues == [
                "o.yaml:2:23: 'alerts.alertmanager.url' must be an http:// or https:// URL, got '127.0.0.1:9093'",
                "o.yaml:4:32: unknown field 'secret' in a webhook; accepted: url, secret_file, timeout_seconds",
                "o.yaml:5:26: 'alerts.repeat_interval_hours' must be from 1 to 8760, got 0",
            ]
        }
    }
}
