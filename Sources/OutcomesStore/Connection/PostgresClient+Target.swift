import Foundation
public import OutcomesCore
public import PostgresNIO
import NIOSSL

extension PostgresClient.Configuration {
    /// A pool configuration for `target`, following libpq's meaning of `sslmode`.
    ///
    /// `prefer` (libpq's default) falls back to plaintext silently; production configs should say
    /// `sslmode=require` or `verify-full`. A missing password is looked up in the password file.
    public init(target: DatabaseTarget, poolSize: Int = 8, statementTimeoutSeconds: Int = 60,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        var password = target.password
        if password == nil {
            let file = environment["PGPASSFILE"] ?? (environment["HOME"].map { "\($0)/.pgpass" } ?? "")
            if let text = try? String(contentsOfFile: file, encoding: .utf8) {
                password = PasswordFile.password(for: target, in: text)
            }
        }
        if target.isUnixSocket {
            self.init(unixSocketPath: target.socketPath, username: target.user, password: password, database: target.database)
        } else {
            var tlsConfig = TLSConfiguration.makeClientConfiguration()
            if let rootCert = target.sslRootCert { tlsConfig.trustRoots = .file(rootCert) }
            let tls: PostgresClient.Configuration.TLS
            switch target.sslMode {
            case .disable: tls = .disable
            case .allow, .prefer:
                tlsConfig.certificateVerification = .none
                tls = .prefer(tlsConfig)
            case .require:
                tlsConfig.certificateVerification = .none
                tls = .require(tlsConfig)
            case .verifyCA:
                tlsConfig.certificateVerification = .noHostnameVerification
                tls = .require(tlsConfig)
            case .verifyFull:
                tlsConfig.certificateVerification = .fullVerification
                tls = .require(tlsConfig)
            }
            self.init(host: target.host, port: target.port, username: target.user, password: password,
                      database: target.database, tls: tls)
        }
        // An open postgres-nio issue strands requests when the last connection dies with a
        // minimum of 0; keep one warm.
        options.minimumConnections = 1
        options.maximumConnections = max(1, poolSize)
        options.additionalStartupParameters = [
            ("statement_timeout", "\(statementTimeoutSeconds)s"),
            ("application_name", "outcomesd"),
        ]
    }
}
