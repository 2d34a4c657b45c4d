import Testing
import OutcomesCore

@Suite("serving.read_timeout_seconds")
struct ReadTimeoutConfigurationTests {
    @Test("30 s by default; set in serving:; out of range (1…3600) is refused")
    func readTimeout() throws {
        #expect(Configuration().readTimeoutSeconds == 30)
        let config = try Configuration.parse(SourceFile(path: "o.yaml", text: "serving:\n  read_timeout_seconds: 5\n"))
        #expect(config.readTimeoutSeconds == 5)
        #expect(throws: (any Error).self) {
            try Configuration.parse(SourceFile(path: "o.yaml", text: "serving:\n  read_timeout_seconds: 0\n"))
        }
    }
}
