import Hummingbird
import OutcomesCore
import OutcomesStore

/// Resolves the caller from `Authorization: Bearer <token>`.
struct BearerAuth: Sendable {
    let tokens: TokenStore
    let recent: PrincipalCache
    /// While the database is unreachable, tokens verified before the outage stay accepted (no
    /// revocation can be written meanwhile); nil: never.
    var health: DatabaseHealth? = nil

    /// The principal, or 401 (with `WWW-Authenticate`) when the token is missing, unknown or revoked
    /// (a token verified recently is taken from ``PrincipalCache`` while revocations are heard).
    func principal(_ request: Request) async throws -> Principal {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else {
            throw Self.unauthorized("missing bearer token; send Authorization: Bearer <token> (see outcomesd token create)")
        }
        let token = String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
        let (known, generation) = recent.principal(for: token, databaseDown: health.map { !$0.isReachable } ?? false)
        if let known { return known }
        guard let principal = try await tokens.authenticate(token) else {
            throw Self.unauthorized("unknown or revoked token")
        }
        recent.keep(principal, for: token, generation: generation)
        return principal
    }

    /// The principal if its role is one of `roles`, else 403.
    func require(_ request: Request, _ roles: Set<Principal.Role>) async throws -> Principal {
        let principal = try await principal(request)
        guard roles.contains(principal.role) else {
            throw HTTPError(.forbidden, message: "a \(principal.role.rawValue) token may not do this; needs \(roles.map(\.rawValue).sorted().joined(separator: " or "))")
        }
        return principal
    }

    static func unauthorized(_ message: String) -> HTTPError {
        HTTPError(.unauthorized, headers: [.wwwAuthenticate: "Bearer realm=\"outcomesd\""], message: message)
    }
}

import Foundation
