/// Where and how to connect to PostgreSQL, following libpq's conventions so a DBA configures
/// outcomesd like any PostgreSQL client.
///
/// Sources, highest first: the `postgresql://` URI (`database.url` or `OUTCOMESD_DATABASE_URL`),
/// then the standard `PGHOST`, `PGPORT`, `PGUSER`, `PGPASSWORD`, `PGDATABASE`, `PGSSLMODE`,
/// `PGSSLROOTCERT` variables, then libpq's defaults. `verify-ca` and `verify-full` check the
/// server's certificate against `sslrootcert` (a PEM file of trusted CAs) when given, else the
/// system's trust store. A password not given is looked up in the password file
/// (`PGPASSFILE`, else `~/.pgpass`) by ``PasswordFile``.
///
/// ```swift
/// let target = try DatabaseTarget(url: "postgresql://app@db:5433/outcomes?sslmode=require", environment: [:])
/// ```
public struct DatabaseTarget: Hashable, Sendable {
    /// libpq `sslmode` values.
    public enum SSLMode: String, Hashable, Sendable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    /// A host name, or a directory holding the server's Unix socket (a path starting with `/`).
    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    public var sslMode: SSLMode
    /// PEM file of the certificate authorities trusted for `verify-ca`/`verify-full` (libpq's
    /// `sslrootcert`); nil: the system's trust store.
    public var sslRootCert: String?

    public var isUnixSocket: Bool { host.hasPrefix("/") }
    /// `<dir>/.s.PGSQL.<port>`, when `host` is a socket directory.
    public var socketPath: String { "\(host)/.s.PGSQL.\(port)" }

    public init(host: String, port: Int = 5432, user: String, password: String? = nil,
                database: String, sslMode: SSLMode = .prefer, sslRootCert: String? = nil) {
        self.sslRootCert = sslRootCert
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.sslMode = sslMode
    }

    public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// Builds a target from a URI (optional) and the process environment's `PG*` variables.
    public init(url: String?, environment: [String: String]) throws(ParseError) {
        var host = environment["PGHOST"] ?? "/var/run/postgresql"
        var port = environment["PGPORT"].flatMap(Int.init) ?? 5432
        var user = environment["PGUSER"] ?? environment["USER"] ?? "postgres"
        var password = environment["PGPASSWORD"]
        var database: String? = environment["PGDATABASE"]
        var sslText = environment["PGSSLMODE"] ?? "prefer"
        var rootCert = environment["PGSSLROOTCERT"]

        if let url {
            let scheme: String
            if url.hasPrefix("postgresql://") { scheme = "postgresql://" } else if url.hasPrefix("postgres://") { scheme = "postgres://" } else {
                throw ParseError(message: "database URL must start with postgresql://, got '\(Self.redacted(url))'")
            }
            var rest = Substring(url.dropFirst(scheme.count))
            var query: Substring = ""
            if let q = rest.firstIndex(of: "?") { query = rest[rest.index(after: q)...]; rest = rest[..<q] }
            var path: Substring = ""
            if let slash = rest.firstIndex(of: "/") { path = rest[rest.index(after: slash)...]; rest = rest[..<slash] }
            if let at = rest.lastIndex(of: "@") {
                let userInfo = rest[..<at]
                rest = rest[rest.index(after: at)...]
                if let colon = userInfo.firstIndex(of: ":") {
                    user = Self.percentDecoded(userInfo[..<colon])
                    password = Self.percentDecoded(userInfo[userInfo.index(after: colon)...])
                } else if !userInfo.isEmpty {
                    user = Self.percentDecoded(userInfo)
                }
            }
            if !rest.isEmpty {
                var hostPart = rest
                if hostPart.hasPrefix("["), let close = hostPart.firstIndex(of: "]") {
                    host = String(hostPart[hostPart.index(after: hostPart.startIndex)..<close])
                    hostPart = hostPart[hostPart.index(after: close)...]
                    if hostPart.hasPrefix(":") { hostPart = hostPart.dropFirst() } else { hostPart = "" }
                    if !hostPart.isEmpty {
                        guard let p = Int(hostPart) else { throw ParseError(message: "database URL port '\(hostPart)' is not a number") }
                        port = p
                    }
                } else if let colon = hostPart.lastIndex(of: ":") {
                    host = Self.percentDecoded(hostPart[..<colon])
                    guard let p = Int(hostPart[hostPart.index(after: colon)...]) else {
                        throw ParseError(message: "database URL port '\(hostPart[hostPart.index(after: colon)...])' is not a number")
                    }
                    port = p
                } else {
                    host = Self.percentDecoded(hostPart)
                }
            }
            if !path.isEmpty { database = Self.percentDecoded(path) }
            for pair in query.split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1)
                let key = String(kv[0]), value = kv.count > 1 ? Self.percentDecoded(kv[1]) : ""
                switch key {
                case "sslmode": sslText = value
                case "sslrootcert": rootCert = value
                case "host": host = value
                case "port":
                    guard let p = Int(value) else { throw ParseError(message: "database URL port '\(value)' is not a number") }
                    port = p
                case "user": user = value
                case "password": password = value
                case "dbname": database = value
                case "application_name", "connect_timeout": break
                default:
                    throw ParseError(message: "unsupported database URL parameter '\(key)'; supported: sslmode, sslrootcert, host, port, user, password, dbname, application_name, connect_timeout")
                }
            }
        }
        guard (1...65535).contains(port) else { throw ParseError(message: "database port \(port) is out of range 1-65535") }
        guard let mode = SSLMode(rawValue: sslText) else {
            throw ParseError(message: "unknown sslmode '\(sslText)'; accepted: \(SSLMode.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self.init(host: host, port: port, user: user, password: password, database: database ?? user, sslMode: mode, sslRootCert: rootCert)
    }

    /// The URI with any password replaced by `***`, for logs and messages.
    public static func redacted(_ url: String) -> String {
        let chars = Array(url)
        guard let schemeEnd = (0..<max(0, chars.count - 2)).first(where: { chars[$0] == ":" && chars[$0 + 1] == "/" && chars[$0 + 2] == "/" }),
              let at = chars.lastIndex(of: "@"), schemeEnd + 3 <= at,
              let colon = chars[(schemeEnd + 3)..<at].firstIndex(of: ":") else { return url }
        return String(chars[...colon]) + "***" + String(chars[at...])
    }

    static func percentDecoded<S: StringProtocol>(_ text: S) -> String {
        var bytes: [UInt8] = []
        var it = Array(text.utf8)[...]
        while let b = it.popFirst() {
            if b == UInt8(ascii: "%"), it.count >= 2,
               let v = UInt8(String(decoding: it.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(v); it = it.dropFirst(2)
            } else {
                bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
