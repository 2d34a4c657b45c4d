import Testing
import OutcomesCore

@Suite("Configuration and database targets")
struct ConfigurationTests {
    @Test("a configuration file sets every field")
    func parsesFields() throws {
        let config = try Configuration.parse(SourceFile(path: "o.yaml", text: """
            state_dir: /var/lib/outcomesd
            listen: 0.0.0.0:9090
            log_level: debug
            database:
              url: postgresql://app@db/outcomes
              pool_size: 4
            """))
        #expect(config.stateDirectory == "/var/lib/outcomesd")
        #expect(config.listen == ListenAddress(host: "0.0.0.0", port: 9090))
        #expect(config.logLevel == .debug && config.poolSize == 4)
        #expect(config.databaseURL == "postgresql://app@db/outcomes")
    }

    @Test("database.password_file names the file holding the database password")
    func databasePasswordFileField() throws {
        let config = try Configuration.parse(SourceFile(path: "o.yaml", text: """
            database:
              url: postgresql://outcomesd@db/outcomes
              password_file: /etc/outcomesd/database.password
            """))
        #expect(config.databasePasswordFile == "/etc/outcomesd/database.password")
        #expect(Configuration().databasePasswordFile == nil)
    }

    @Test("metrics.require_token protects GET /metrics; off by default; other keys and values are located errors")
    func metricsSection() throws {
        #expect(Configuration().metricsRequireToken == false)
        let config = try Configuration.parse(SourceFile(path: "o.yaml", text: "metrics:\n  require_token: true\n"))
        #expect(config.metricsRequireToken)
        #expect {
            try Configuration.parse(SourceFile(path: "o.yaml", text: "metrics:\n  require_token: maybe\n  port: 9100\n"))
        } throws: { error in
            let issues = (error as? CatalogueError)?.issues.map(\.description) ?? []
            return issues.count == 2 && issues.allSatisfy { $0.hasPrefix("o.yaml:") }
                && issues.contains { $0.contains("port") } && issues.contains { $0.contains("metrics.require_token") }
        }
    }

    @Test("configuration errors are located")
    func locatedErrors() {
        #expect {
            try Configuration.parse(SourceFile(path: "o.yaml", text: "listen: nowhere\ndatabase:\n  pool_size: 0\n"))
        } throws: { error in
            let issues = (error as? CatalogueError)?.issues.map(\.description) ?? []
            return issues == ["o.yaml:1:9: 'listen' must be HOST:PORT such as 127.0.0.1:8080, got 'nowhere'",
                              "o.yaml:3:14: 'database.pool_size' must be from 2 to 256, got 0"]
        }
    }

    @Test("an empty configuration file means the defaults")
    func emptyFile() throws {
        #expect(try Configuration.parse(SourceFile(path: "o.yaml", text: "\n")) == Configuration())
    }

    @Test("a postgresql URI sets host, port, user, password, database and sslmode")
    func uri() throws {
        let t = try DatabaseTarget(url: "postgresql://app:s%40cret@db.example:5433/outcomes?sslmode=verify-full", environment: [:])
        #expect(t.host == "db.example" && t.port == 5433 && t.user == "app" && t.password == "s@cret")
        #expect(t.database == "outcomes" && t.sslMode == .verifyFull)
    }

    @Test("PG environment variables fill what the URI leaves out")
    func environment() throws {
        let t = try DatabaseTarget(url: "postgresql:///outcomes", environment: ["PGHOST": "/run/pg", "PGUSER": "svc", "PGPORT": "6000"])
        #expect(t.isUnixSocket && t.socketPath == "/run/pg/.s.PGSQL.6000" && t.user == "svc" && t.database == "outcomes")
    }

    @Test("a bad sslmode names the accepted ones")
    func badSSLMode() {
        #expect(throws: DatabaseTarget.ParseError.self) {
            try DatabaseTarget(url: "postgresql://h/db?sslmode=always", environment: [:])
        }
    }

    @Test("passwords are redacted for logs")
    func redaction() {
        #expect(DatabaseTarget.redacted("postgresql://app:secret@db/x") == "postgresql://app:***@db/x")
        #expect(DatabaseTarget.redacted("postgresql://db/x") == "postgresql://db/x")
    }

    @Test("the password file matches host, port, database and user with wildcards")
    func passwordFile() {
        let target = DatabaseTarget(host: "db", port: 5432, user: "app", database: "outcomes")
        let text = "# comment\nother:*:*:*:no\ndb:5432:*:app:p\\:w\n*:*:*:*:fallback\n"
        #expect(PasswordFile.password(for: target, in: text) == "p:w")
    }
}
