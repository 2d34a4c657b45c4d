public import OutcomesCore
public import PostgresNIO
public import Logging
import Crypto
import Foundation

/// Creates, lists, revokes and checks API bearer tokens.
///
/// A token is `od_` and 43 characters of base64url (32 random bytes); only its SHA-256 is stored,
/// so a database leak does not reveal tokens. High-entropy tokens need no slow hash.
///
/// ```swift
/// let (token, record) = try await store.create(role: .partner, partner: "police", name: "South Wales Police feed")
/// let principal = try await store.authenticate(token)   // nil when unknown or revoked
/// ```
public struct TokenStore: Sendable {
    public struct Record: Sendable, Codable, Equatable {
        public var id: Int64
        public var name: String
        public var role: Principal.Role
        public var partner: String?
        public var prefix: String
        public var createdAt: Date
        public var lastUsedAt: Date?
        public var revokedAt: Date?
        public var expiresAt: Date?

        enum CodingKeys: String, CodingKey {
            case id, name, role, partner, prefix, createdAt = "created_at", lastUsedAt = "last_used_at", revokedAt = "revoked_at"
            case expiresAt = "expires_at"
        }
    }

    public struct InvalidRequest: Error, CustomStringConvertible {
        public var description: String
    }

    let client: PostgresClient
    let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    static func digest(_ token: String) -> ByteBuffer {
        ByteBuffer(bytes: Array(SHA256.hash(data: Array(token.utf8))))
    }

    /// Creates a token; returns it (show it once) and its record.
    /// - Parameter expiresAt: when the token stops being accepted (nil: never).
    public func create(role: Principal.Role, partner: String?, name: String, expiresAt: Date? = nil) async throws -> (String, Record) {
        if role == .partner, partner == nil { throw InvalidRequest(description: "a partner token needs --partner KEY") }
        if role != .partner, partner != nil { throw InvalidRequest(description: "--partner is only for --role partner") }
        var random = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &random) }
        let token = "od_" + Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        let prefix = String(token.prefix(10))
        let rows = try await client.query("""
            INSERT INTO api_token (name, role, partner_id, sha256, prefix, expires_at)
            SELECT \(name), \(role.rawValue), (SELECT id FROM partner WHERE key = \(partner) AND retired_at IS NULL), \(Self.digest(token)), \(prefix),
                   \(expiresAt)
            WHERE \(partner)::text IS NULL OR EXISTS (SELECT 1 FROM partner WHERE key = \(partner) AND retired_at IS NULL)
            RETURNING id
            """, logger: logger)
        for try await id in rows.decode(Int64.self) {
            guard let record = try await list(includeRevoked: true).first(where: { $0.id == id }) else { break }
            return (token, record)
        }
        throw InvalidRequest(description: "unknown partner '\(partner ?? "")'; see partners.yaml")
    }

    public func list(includeRevoked: Bool = false) async throws -> [Record] {
        let rows = try await client.query("""
            SELECT t.id, t.name, t.role, p.key, t.prefix, t.created_at, t.last_used_at, t.revoked_at, t.expires_at
            FROM api_token t LEFT JOIN partner p ON p.id = t.partner_id
            WHERE \(includeRevoked) OR t.revoked_at IS NULL
            ORDER BY t.id
            """, logger: logger)
        var records: [Record] = []
        for try await (id, name, role, partner, prefix, created, used, revoked, expires)
                in rows.decode((Int64, String, String, String?, String, Date, Date?, Date?, Date?).self) {
            records.append(Record(id: id, name: name, role: Principal.Role(rawValue: role) ?? .reader, partner: partner,
                                  prefix: prefix, createdAt: created, lastUsedAt: used, revokedAt: revoked, expiresAt: expires))
        }
        return records
    }

    /// Revokes the token with this id or name; returns how many were revoked.
    public func revoke(_ idOrName: String) async throws -> Int {
        let id = Int64(idOrName) ?? -1
        let rows = try await client.query("""
            UPDATE api_token SET revoked_at = now()
            WHERE revoked_at IS NULL AND (id = \(id) OR name = \(idOrName))
            RETURNING id
            """, logger: logger)
        var count = 0
        for try await _ in rows.decode(Int64.self) { count += 1 }
        return count
    }

    /// The channel on which the database announces that tokens were revoked or changed
    /// (migration 6's trigger).
    public static let changeChannel = "outcomesd_tokens"

    /// Runs `onChange` for every announcement on ``changeChannel``, after `onListening` once the
    /// `LISTEN` is in place; returns (throws) when the connection fails or does not answer a
    /// `SELECT 1` every `ping` within 5 s (a connection dropped silently by a firewall must not
    /// leave a listener that hears nothing), or when the task is cancelled. Holds one pool
    /// connection while it runs.
    public func listenForChanges(ping: Duration = .seconds(15), onListening: @Sendable @escaping () -> Void,
                                 onChange: @Sendable @escaping () -> Void) async throws {
        let logger = self.logger
        try await client.withConnection { connection in
            try await connection.listen(on: Self.changeChannel) { notifications in
                onListening()
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for try await _ in notifications { onChange() }
                        throw ListenerEnded()
                    }
                    group.addTask {
                        while true {
                            try await Task.sleep(for: ping)
                            _ = try await withTimeout(seconds: 5) { try await connection.query("SELECT 1", logger: logger).collect().count }
                        }
                    }
                    try await group.next()
                    group.cancelAll()
                }
            }
        }
    }

    /// The notification stream ended: the listening connection is gone.
    public struct ListenerEnded: Error, CustomStringConvertible {
        public var description: String { "the token-change notifications ended" }
    }

    /// The principal for a bearer token, or nil when unknown or revoked. Records the last use.
    public func authenticate(_ token: String) async throws -> Principal? {
        guard token.hasPrefix("od_"), token.utf8.count < 128 else { return nil }
        let rows = try await client.query("""
            UPDATE api_token t SET last_used_at = now()
            FROM api_token t2 LEFT JOIN partner p ON p.id = t2.partner_id
            WHERE t.id = t2.id AND t.sha256 = \(Self.digest(token)) AND t.revoked_at IS NULL
              AND (t.expires_at IS NULL OR t.expires_at > now())
            RETURNING t.id, t.name, t.role, p.key, t.expires_at
            """, logger: logger)
        for try await (id, name, role, partner, expires) in rows.decode((Int64, String, String, String?, Date?).self) {
            guard let role = Principal.Role(rawValue: role) else { return nil }
            return Principal(tokenID: id, name: name, role: role, partner: partner, expiresAt: expires)
        }
        return nil
    }
}
