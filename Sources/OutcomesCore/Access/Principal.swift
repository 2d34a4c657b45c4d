public import Foundation

/// Who is calling the HTTP API, from a bearer token.
///
/// Roles: `reader` (reference group members: summaries), `partner` (may also submit feeds, only of
/// its own indicators), `admin` (everything, including submitting on behalf of any partner).
public struct Principal: Hashable, Sendable {
    public enum Role: String, Hashable, Sendable, CaseIterable, Codable {
        case reader, partner, admin
    }

    public var tokenID: Int64
    public var name: String
    public var role: Role
    /// The partner key, for the `partner` role.
    public var partner: String?
    /// When the token stops being accepted (nil: never); a cached principal is checked against it.
    public var expiresAt: Date?

    public init(tokenID: Int64, name: String, role: Role, partner: String?, expiresAt: Date? = nil) {
        self.expiresAt = expiresAt
        self.tokenID = tokenID
        self.name = name
        self.role = role
        self.partner = partner
    }
}
