import Foundation
import HTTPTypes
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
    /// Failed authentications per client address (``ClientAddress``): past the allowance, 429.
    var failures = AuthFailures()

    /// The principal, or 401 (with `WWW-Authenticate`) when the token is missing, unknown or revoked
    /// (a token verified recently is taken from ``PrincipalCache`` while revocations are heard);
    /// 429 with `Retry-After` instead of 401 when the client's address failed too often
    /// (``AuthFailureLimiter``).
    func principal(_ request: Request) async throws -> Principal {
        guard let header = Self.authorization(request.headers), let token = Self.bearerToken(header) else {
            throw failure(request, "missing bearer token; send Authorization: Bearer <token> (see outcomesd token create)")
        }
        let (known, generation) = recent.principal(for: token, databaseDown: health.map { !$0.isReachable } ?? false)
        if let known {
            // Remembered before it expired: the expiry holds to the second, cache or not.
            if let expiry = known.expiresAt, expiry <= Date() { throw failure(request, "expired token") }
            return known
        }
        guard let principal = try await tokens.authenticate(token) else {
            throw failure(request, "unknown, revoked or expired token")
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

    /// 401, or 429 when the request's client address is over its allowance of failures.
    func failure(_ request: Request, _ message: String) -> HTTPError {
        if let client = ClientAddress.of(request), let wait = failures.fail(client) {
            return HTTPError(.tooManyRequests, headers: [.retryAfter: String(wait)],
                             message: "too many failed authentications from \(client); try again in \(wait) s")
        }
        return Self.unauthorized(message)
    }

    static func unauthorized(_ message: String) -> HTTPError {
        HTTPError(.unauthorized, headers: [.wwwAuthenticate: "Bearer realm=\"outcomesd\""], message: message)
    }

    /// The `Authorization` value; several fields are one value, comma-separated (as
    /// `HTTPFields`' subscript gives them, which joins even a single field into a new string:
    /// 1.3% of a cached summary read with a token, when asked twice a request).
    static func authorization(_ headers: HTTPFields) -> String? {
        var found: String?
        for field in headers where field.name == .authorization {
            if found != nil { return headers[.authorization] }
            found = field.value
        }
        return found
    }

    /// The token of an `Authorization` value `Bearer <token>` (the scheme in any case; spaces and
    /// tabs around the token dropped), or nil for another scheme or none.
    ///
    /// Byte by byte: lowercasing the whole value and Foundation's trimming took 6.6% of the
    /// daemon's CPU time on a cached summary read with a token (`perf record` under `wrk`,
    /// Benchmarks/serve). A value with non-ASCII bytes takes the general path.
    static func bearerToken(_ header: String) -> String? {
        let bytes = header.utf8
        guard !bytes.contains(where: { $0 >= 0x80 }) else {
            guard header.lowercased().hasPrefix("bearer ") else { return nil }
            return String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
        }
        var start = bytes.startIndex
        for expected in "bearer ".utf8 {
            guard start < bytes.endIndex else { return nil }
            let byte = bytes[start]
            guard (byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) == expected else { return nil }
            start = bytes.index(after: start)
        }
        var end = bytes.endIndex
        func blank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        while start < end, blank(bytes[start]) { start = bytes.index(after: start) }
        while end > start, blank(bytes[bytes.index(before: end)]) { end = bytes.index(before: end) }
        return String(Substring(bytes[start..<end]))
    }
}
