import Foundation
import Testing
import OutcomesCore
import OutcomesStore
import OutcomesTestSupport
import PostgresNIO
import Synchronization

@Suite("API tokens against a real PostgreSQL")
struct TokenStoreTests {
    final class Counter: Sendable {
        private let count = Mutex(0)
        func add() { count.withLock { $0 += 1 } }
        var value: Int { count.withLock { $0 } }
    }

    @Test("an expired token is refused like a revoked one; one not yet expired carries its expiry to the caller")
    func expiry() async throws {
        try await TestCluster.withMigratedDatabase { client, _ in
            let store = TokenStore(client: client, logger: TestCluster.logger)
            let (expired, _) = try await store.create(role: .reader, partner: nil, name: "old", expiresAt: Date().addingTimeInterval(-1))
            let later = Date().addingTimeInterval(3600)
            let (valid, record) = try await store.create(role: .reader, partner: nil, name: "new", expiresAt: later)
            #expect(try await store.authenticate(expired) == nil)
            let principal = try #require(try await store.authenticate(valid))
            #expect(abs((principal.expiresAt ?? .distantPast).timeIntervalSince(later)) < 0.01)
            #expect(abs((record.expiresAt ?? .distantPast).timeIntervalSince(later)) < 0.01)
            // Expiring it in the database takes effect at once.
            try await client.query("UPDATE api_token SET expires_at = now() - interval '1 second' WHERE id = \(record.id)", logger: TestCluster.logger)
            #expect(try await store.authenticate(valid) == nil)
        }
    }

    @Test("a revocation, by the store or by plain SQL, is announced to a listener; a last-use update is not")
    func revocationAnnounced() async throws {
        try await TestCluster.withMigratedDatabase { client, _ in
            let store = TokenStore(client: client, logger: TestCluster.logger)
            let (token, info) = try await store.create(role: .reader, partner: nil, name: "rg")
            let (_, other) = try await store.create(role: .reader, partner: nil, name: "other")
            let heard = Counter()
            let listening = AsyncStream.makeStream(of: Void.self)
            let listener = Task { @Sendable in
                try await store.listenForChanges(onListening: { listening.continuation.yield() },
                                                 onChange: { heard.add() })
            }
            for await _ in listening.stream { break }
            func waitHeard(_ n: Int) async throws -> Bool {
                for _ in 0..<100 where heard.value < n { try await Task.sleep(for: .milliseconds(50)) }
                return heard.value >= n
            }
            #expect(try await store.authenticate(token)?.tokenID == info.id)
            try await Task.sleep(for: .milliseconds(300))
            #expect(heard.value == 0, "a last-use update was announced")
            #expect(try await store.revoke(String(info.id)) == 1)
            #expect(try await waitHeard(1))
            #expect(try await store.authenticate(token) == nil)
            try await client.query("UPDATE api_token SET revoked_at = now() WHERE id = \(other.id)", logger: TestCluster.logger)
            #expect(try await waitHeard(2))
            listener.cancel()
        }
    }
}
