import Testing
import OutcomesCore

@Suite("serving.auth_failure_burst and serving.auth_failures_per_second")
struct AuthFailureConfigurationTests {
    @Test("20 failures and 1 a second by default; set in serving:; 0 is refused")
    func authFailures() throws {
        #expect(Configuration().authFailureBurst == 20 && Configuration().authFailuresPerSecond == 1)
        let config = try Configuration.parse(SourceFile(path: "o.yaml", text: "serving:\n  auth_failure_burst: 100\n  auth_failures_per_second: 5\n"))
        #expect(config.authFailureBurst == 100 && config.authFailuresPerSecond == 5)
        #expect(throws: (any Error).self) {
            try Configuration.parse(SourceFile(path: "o.yaml", text: "serving:\n  auth_failure_burst: 0\n"))
        }
    }

    @Test("no trusted proxies by default; a list in serving:")
    func trustedProxies() throws {
        #expect(Configuration().trustedProxies.isEmpty)
        let config = try Configuration.parse(SourceFile(path: "o.yaml", text: "serving:\n  trusted_proxies: [127.0.0.1, \"::1\"]\n"))
        #expect(config.trustedProxies == ["127.0.0.1", "::1"])
        #expect(throws: (any Error).self) {
            try Configuration.parse(SourceFile(path: "o.yaml", text: "serving:\n  trusted_proxies: 127.0.0.1\n"))
        }
    }
}
