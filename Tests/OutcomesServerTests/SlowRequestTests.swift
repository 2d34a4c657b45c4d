import Foundation
import NIOCore
import Synchronization
import Glibc
import Testing
import Hummingbird
import HummingbirdTesting
import OutcomesCore
@testable import OutcomesServer
@testable import OutcomesStore
import OutcomesTestSupport
import PostgresNIO

/// Slowloris (issue 14): a body that trickles in a byte at a time, or a head that never ends, is
/// cut off after the read timeout (2 s here, 30 s by default), over a raw TCP connection.
@Suite("Slow requests time out")
struct SlowRequestTests {
    /// A raw TCP connection to the loopback port.
    final class RawConnection: @unchecked Sendable {
        let fd: Int32

        init(port: Int) throws {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            self.fd = fd
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let status = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            var st = stat()
            inode = status == 0 && fstat(fd, &st) == 0 ? st.st_ino : 0
            guard status == 0 else { throw POSIXError(.ECONNREFUSED) }
        }

        /// The socket's inode when connected: if the descriptor is later closed by someone else
        /// and its number reused, the inode differs (said in failure messages).
        let inode: ino_t

        /// Whether the descriptor still names the socket this connection opened.
        var isSameSocket: Bool {
            var st = stat()
            return fstat(fd, &st) == 0 && st.st_ino == inode
        }

        deinit { close(fd) }

        /// Sends without blocking on a closed peer (no SIGPIPE); false once the peer is gone.
        @discardableResult
        func send(_ text: String) -> Bool {
            Array(text.utf8).withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } >= 0
        }

        /// What the server sent so far (read by ``isClosedByPeer``).
        private let answer = Mutex<[UInt8]>([])
        var received: String { answer.withLock { String(decoding: $0, as: UTF8.self) } }

        /// True once the server has closed the connection (end of stream or reset). Reads all that
        /// has arrived first: an answer before the close (an error response) is kept, not taken a
        /// byte a poll, which under load could outlast any deadline.
        var isClosedByPeer: Bool {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = recv(fd, &buffer, buffer.count, Int32(MSG_DONTWAIT))
                if n > 0 { answer.withLock { $0 += buffer[..<n] }; continue }
                return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
            }
        }
    }

    /// Runs `body` with the port and a partner token of a server whose read timeout is 2 s; the
    /// server's log (debug and above) is kept in `log`, for failure messages.
    static func withServer(log: LogRecording = LogRecording(), _ body: @Sendable @escaping (Int, String, PostgresClient) async throws -> Void) async throws {
        let target = try await TestCluster.shared.newDatabase()
        let client = PostgresClient(configuration: .init(target: target), backgroundLogger: TestCluster.logger)
        var context = ServerContext(client: client, catalogue: try TestCluster.realCatalogue(),
                                    listen: .init(host: "127.0.0.1", port: 0), logger: log.logger(label: "server", level: .debug))
        context.computeEnabled = false
        context.readTimeout = .seconds(2)
        let bodyDone = Mutex(false)
        do {
            try await buildApplication(context).test(.live) { http in
                let token = try await TokenStore(client: client, logger: TestCluster.logger)
                    .create(role: .partner, partner: "local_health_board", name: "lhb").0
                let port = try #require(http.port)
                // The server answers normally first: over a raw socket of its own, as the test
                // client's kept-alive connection may be closed by the 2 s idle timeout meanwhile.
                let check = try RawConnection(port: port)
                #expect(check.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
                var answer: [UInt8] = []
                _ = await eventually(seconds: 30) {
                    var buffer = [UInt8](repeating: 0, count: 1024)
                    let n = recv(check.fd, &buffer, buffer.count, Int32(MSG_DONTWAIT))
                    if n > 0 { answer += buffer[..<n] }
                    return n == 0
                }
                #expect(String(decoding: answer, as: UTF8.self).hasPrefix("HTTP/1.1 200"))
                try await body(port, token, client)
                bodyDone.withLock { $0 = true }
            }
        } catch let error as IOError where error.errnoCode == ECONNRESET && bodyDone.withLock({ $0 }) {
            // The test client's idle connection, closed by the server's 2 s idle timeout while the
            // test ran, reported at the client's shutdown: the behaviour under test, not a fault.
        }
    }

    /// Trickles `text` a byte every 200 ms until the connection closes; how long that took.
    static func trickle(_ connection: RawConnection, _ text: String) async -> Duration? {
        let start = ContinuousClock.now
        let feeder = Task {
            for byte in text {
                guard !Task.isCancelled, connection.send(String(byte)) else { return }
                try? await Task.sleep(for: .milliseconds(200))
            }
        }
        defer { feeder.cancel() }
        guard await eventually(seconds: 30, { connection.isClosedByPeer }) else {
            print("SlowRequestTests: a trickle gave up at \(Date.now) after \(ContinuousClock.now - start)")
            return nil
        }
        return ContinuousClock.now - start
    }

    @Test("a feed body sent a byte every 200 ms (Content-Length 1000) is cut off after the read timeout")
    func slowBody() async throws {
        let log = LogRecording()
        try await Self.withServer(log: log) { port, token, _ in
            let connection = try RawConnection(port: port)
            #expect(connection.send("POST /v1/feeds HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer \(token)\r\nContent-Type: text/csv\r\nContent-Length: 1000\r\n\r\n"))
            let closedAfter = await Self.trickle(connection, String(repeating: "a", count: 1000))
            // On failure, what the server logged: whether the request's deadline was set, and
            // whether the timeout closed the connection (RequestReadTimeout).
            let after = try #require(closedAfter, """
                the server kept the trickling connection open for 30 s; it sent: \(connection.received.prefix(300))
                the descriptor \(connection.fd) still names the socket connected: \(connection.isSameSocket)
                the server's log: \(log.recorded.suffix(40).joined(separator: "\n"))
                """)
            #expect(after >= .seconds(1.5) && after < .seconds(10), "closed after \(after); the server sent: \(connection.received.prefix(300))")
        }
    }

    @Test("a request head sent a byte every 200 ms is cut off after the read timeout")
    func slowHead() async throws {
        let log = LogRecording()
        try await Self.withServer(log: log) { port, _, _ in
            let connection = try RawConnection(port: port)
            let closedAfter = await Self.trickle(connection, "GET /healthz HTTP/1.1\r\nHost: localhost\r\n" + String(repeating: "X-Slow: 1\r\n", count: 100))
            let after = try #require(closedAfter, """
                the server kept the trickling connection open for 30 s; it sent: \(connection.received.prefix(300))
                the descriptor \(connection.fd) still names the socket connected: \(connection.isSameSocket)
                the server's log: \(log.recorded.suffix(40).joined(separator: "\n"))
                """)
            #expect(after < .seconds(10), "closed after \(after); the server sent: \(connection.received.prefix(300))")
        }
    }

    @Test("a body at an honest pace is not cut off, however long it takes beyond the timeout")
    func steadyBody() async throws {
        let log = LogRecording()
        try await Self.withServer(log: log) { port, token, _ in
            let connection = try RawConnection(port: port)
            let feed = "indicator,area,period,numerator,denominator\n" + String(repeating: "low_birth_weight,W06000013,2023,48,910\n", count: 1000)
            let bytes = Array(feed.utf8)
            #expect(connection.send("POST /v1/feeds HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer \(token)\r\nContent-Type: text/csv\r\nContent-Length: \(bytes.count)\r\nConnection: close\r\n\r\n"))
            // ~40 KB in ten parts 300 ms apart: 3 s at least, beyond the 2 s timeout, at ~13 KiB/s;
            // each part moves the deadline on by ~4 s, so a loaded machine's longer pauses between
            // parts (the pace is this test's own) do not make it a slow sender.
            for start in stride(from: 0, to: bytes.count, by: bytes.count / 10 + 1) {
                #expect(connection.send(String(decoding: bytes[start..<min(bytes.count, start + bytes.count / 10 + 1)], as: UTF8.self)))
                try await Task.sleep(for: .milliseconds(300))
            }
            var response: [UInt8] = []
            _ = await eventually(seconds: 30) {
                var buffer = [UInt8](repeating: 0, count: 4096)
                let n = recv(connection.fd, &buffer, buffer.count, Int32(MSG_DONTWAIT))
                if n > 0 { response += buffer[..<n] }
                return n == 0
            }
            let text = String(decoding: response, as: UTF8.self)
            #expect(text.hasPrefix("HTTP/1.1 20"), "\(text.prefix(300))\nthe server's log: \(log.recorded.suffix(40).joined(separator: "\n"))")
            // Every row arrived: the report counts them all (whatever the JSON's spacing).
            #expect(text.filter { $0 != " " }.contains("\"rows\":1000"), "\(text.prefix(600))")
        }
    }

    @Test("a feed the server holds behind a lock for three times the read timeout is read to its end and lands: the pause is the server's")
    func serverPauseIsNotCutOff() async throws {
        let log = LogRecording()
        try await Self.withServer(log: log) { port, token, client in
            let (feed, rows) = SyntheticFeed.csv(try TestCluster.realCatalogue(), partner: "local_health_board", rows: 100_000)
            let bytes = Array(feed.utf8)
            let indicator = try await TestCluster.scalar(client, "SELECT id FROM indicator WHERE key = 'low_birth_weight'")
            try await client.withConnection { holder in
                // The lock a partner's first load takes on each of its indicators (FirstLoad.claim).
                try await holder.query("SELECT pg_advisory_lock(\(FeedIngest.indicatorLockSpace), \(Int32(indicator)))", logger: TestCluster.logger)
                let connection = try RawConnection(port: port)
                #expect(connection.send("POST /v1/feeds HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer \(token)\r\nContent-Type: text/csv\r\nContent-Length: \(bytes.count)\r\nConnection: close\r\n\r\n"))
                let sender = Task { try await blocking { connection.send(String(decoding: bytes, as: UTF8.self)) } }
                // The feed waits for the lock, its body mostly unread (19,895 rows, 1.1 MB: more than the
                // server reads ahead for a route that is not reading, so reading pauses).
                #expect(await eventually(seconds: 60) {
                    (try? await TestCluster.scalar(client, """
                        SELECT count(*)::int FROM pg_locks WHERE locktype = 'advisory' AND classid = \(FeedIngest.indicatorLockSpace)
                          AND objid = \(indicator) AND NOT granted
                        """)) == 1
                }, "the feed never waited for the indicator's lock")
                // The pause under test, by PostgreSQL's own record of the feed's wait (pg_locks.waitstart):
                // the feed has waited three read timeouts, and the connection stayed open throughout.
                var closedDuringPause = false
                let pausedLongEnough = await eventually(seconds: 60) {
                    if connection.isClosedByPeer { closedDuringPause = true; return true }
                    return (try? await TestCluster.scalar(client, """
                        SELECT count(*)::int FROM pg_locks WHERE locktype = 'advisory' AND classid = \(FeedIngest.indicatorLockSpace)
                          AND objid = \(indicator) AND NOT granted AND waitstart < now() - interval '6 seconds'
                        """)) == 1
                }
                #expect(pausedLongEnough && !closedDuringPause,
                        "the server closed the connection while it was not reading: \(connection.received.prefix(300))")
                try await holder.query("SELECT pg_advisory_unlock(\(FeedIngest.indicatorLockSpace), \(Int32(indicator)))", logger: TestCluster.logger)
                #expect(try await sender.value, "the body could not be sent whole")
                #expect(await eventually(seconds: 120) { connection.isClosedByPeer })
                let text = connection.received
                #expect(text.hasPrefix("HTTP/1.1 20"), "\(text.prefix(300))\nthe server's log: \(log.recorded.suffix(20).joined(separator: "\n"))")
                #expect(text.filter { $0 != " " }.contains("\"rows\":\(rows)"), "\(text.prefix(600))")
            }
        }
    }
}
