import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Glibc
import Testing
import OutcomesTestSupport

@Suite("Feeds into the real binary: command line and HTTP", .serialized)
struct IngestTests {
    let catalogue = TestCluster.repositoryRoot + "/Indicators"
    /// A year that is in the future whenever the test runs (the binary judges periods against
    /// the real today, which a child process cannot be given), rather than a fixed year that
    /// stops being future one day.
    static let futureYear = Calendar(identifier: .gregorian).component(.year, from: Date()) + 5
    static let futureRow = "low_birth_weight,W06000013,\(futureYear),all,48,910,\n"
    static let feed = """
        indicator,area,period,breakdown,numerator,denominator,note
        low_birth_weight,W06000013,2022,all,52,900,
        low_birth_weight,W06000013,2023,all,48,910,p

        """ + futureRow

    @Test("ingest exits 0, 2 or 1 by outcome and prints located row errors")
    func cliExitCodes() async throws {
        let root = try DaemonProcess.tempFolder("ingest")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let state = root + "/state"
        let good = root + "/good.csv", partial = root + "/partial.csv", bad = root + "/bad.csv"
        try Data(Self.feed.replacingOccurrences(of: Self.futureRow, with: "").utf8).write(to: URL(fileURLWithPath: good))
        try Data(Self.feed.replacingOccurrences(of: "2022", with: "2021").utf8).write(to: URL(fileURLWithPath: partial))
        try Data("indicator,area\nlow_birth_weight,W06000013\n".utf8).write(to: URL(fileURLWithPath: bad))
        let base = ["ingest", "--state-dir", state, "--catalogue", catalogue, "--partner", "local_health_board"]
        let r0 = try await DaemonProcess.run(base + [good])
        #expect(r0.status == 0, "\(r0.err)")
        #expect(r0.out.contains("inserted 2"))
        let r2 = try await DaemonProcess.run(base + [partial])
        #expect(r2.status == 2)
        #expect(r2.out.contains("\(partial):4: period: future_period:"), "\(r2.out)")
        let r1 = try await DaemonProcess.run(base + [bad])
        #expect(r1.status == 1)
        #expect(r1.out.contains("missing_column"))
        let again = try await DaemonProcess.run(base + [good, "--format", "json"])
        #expect(again.status == 0 && again.out.contains("\"duplicate\""))
        let dry = try await DaemonProcess.run(base + [partial, "--dry-run"])
        #expect(dry.out.contains("dry run, nothing written"))
    }

    @Test("a partner token created on the command line submits a feed over HTTP to the running daemon", .timeLimit(.minutes(3)))
    func httpWithToken() async throws {
        try await DaemonProcess.withDaemon("http", catalogue: catalogue) { daemon in
            let root = daemon.root
            let state = daemon.state
            let port = daemon.port
            let serve = daemon.process
            let created = try await DaemonProcess.run(["token", "create", "--state-dir", state, "--catalogue", catalogue,
                                                 "--role", "partner", "--partner", "local_health_board", "--name", "e2e"])
            #expect(created.status == 0, "\(created.err)")
            let token = created.out.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(token.hasPrefix("od_"))
            let listed = try await DaemonProcess.run(["token", "list", "--state-dir", state, "--catalogue", catalogue])
            #expect(listed.out.contains("e2e") && !listed.out.contains(token))

            func post(_ token: String?) async throws -> (Int, String) {
                var request = URLRequest(url: try #require(URL(string: "http://127.0.0.1:\(port)/v1/feeds")))
                request.httpMethod = "POST"
                request.setValue("text/csv", forHTTPHeaderField: "Content-Type")
                request.setValue("text/plain", forHTTPHeaderField: "Accept")
                if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
                request.httpBody = Data(Self.feed.utf8)
                let (data, response) = try await URLSession.shared.data(for: request)
                return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
            }
            let (status, body) = try await post(token)
            #expect(status == 200, "\(body)")
            #expect(body.contains("inserted 2") && body.contains("future_period"))
            #expect(try await post(nil).0 == 401)
            let forgotten = "verified tokens forgotten"
            let heardBefore = ((try? String(contentsOfFile: root + "/serve.log", encoding: .utf8)) ?? "").components(separatedBy: forgotten).count - 1
            let revoked = try await DaemonProcess.run(["token", "revoke", "e2e", "--state-dir", state, "--catalogue", catalogue])
            #expect(revoked.status == 0)
            // The daemon verified this token a moment ago and keeps it; the revocation reaches it by
            // LISTEN/NOTIFY when the revoking transaction commits. Wait for that event (the daemon
            // logs it), then the very next request must be refused.
            let heard = await SystemdTests.waitLog(root + "/serve.log", forgotten, count: heardBefore + 1, seconds: 30)
            #expect(heard, "the daemon never heard the revocation")
            #expect(try await post(token).0 == 401, "a revoked token accepted after the daemon heard the revocation")
            let log = (try? String(contentsOfFile: root + "/serve.log", encoding: .utf8)) ?? ""
            #expect(log.contains("listening for token changes"), "the cache path was not exercised")
            kill(serve.processIdentifier, SIGTERM)
            #expect(await DaemonProcess.waitExit(serve, seconds: 60) == 0)
        }
    }
}
