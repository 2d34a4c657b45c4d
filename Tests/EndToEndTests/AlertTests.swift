import Foundation
import Glibc
import Testing
import OutcomesTestSupport

/// Alerts through the real binary: feeds dropped in the spool period by period, runs after each,
/// notifications to a real HTTP receiver (a small Python server), and a SIGKILL with a
/// notification pending.
@Suite("Alerts end to end", .serialized)
struct AlertTests {
    /// A copy of the catalogue whose only alert rule is low birth weight above 7.5% in Bridgend
    /// (clear below 6.5%), without late-feed rules, so the test controls every notification.
    static func catalogue(in root: String) throws -> String {
        let source = TestCluster.repositoryRoot + "/Indicators"
        let copy = root + "/Indicators"
        try FileManager.default.copyItem(atPath: source, toPath: copy)
        try FileManager.default.removeItem(atPath: copy + "/alerts.yaml")
        for name in try FileManager.default.contentsOfDirectory(atPath: copy + "/indicators") {
            let path = copy + "/indicators/" + name
            var text = try String(contentsOfFile: path, encoding: .utf8)
            if let range = text.range(of: "\nalerts:\n") { text = String(text[..<range.lowerBound]) + "\n" }
            if name == "low_birth_weight.yaml" {
                text += "alerts:\n  - {name: lbw_high, kind: threshold, above: 7.5, clear: 6.5, areas: [W06000013]}\n"
            }
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        return copy
    }

    /// A webhook receiver: appends each POST body as one line to `file` and answers 200, or
    /// answers 503 while a file `file.down` exists (a receiver that is down).
    static func startReceiver(port: Int, file: String, root: String) throws -> Process {
        let script = root + "/receiver.py"
        try """
            import http.server, os, sys
            class H(http.server.BaseHTTPRequestHandler):
                def do_POST(self):
                    body = self.rfile.read(int(self.headers['Content-Length']))
                    if os.path.exists(sys.argv[2] + '.down'):
                        self.send_response(503); self.end_headers(); return
                    with open(sys.argv[2], 'ab') as f: f.write(body.replace(b'\\n', b' ') + b'\\n')
                    self.send_response(200); self.end_headers()
                def log_message(self, *a): pass
            http.server.HTTPServer(('127.0.0.1', int(sys.argv[1])), H).serve_forever()
            """.write(toFile: script, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, String(port), file]
        // Not the test's own output: a child holding it would keep `swift test` waiting.
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    static func lines(_ file: String) -> [String] {
        ((try? String(contentsOfFile: file, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    /// Waits for `condition` (see ``eventually``).
    static func wait(seconds: Double, _ condition: () async throws -> Bool) async rethrows -> Bool {
        try await eventually(seconds: seconds) { try await condition() }
    }

    static func drop(_ rows: [(Int, Int)], state: String, name: String) throws {
        let csv = "indicator,area,period,numerator,denominator\n" + rows.map { "low_birth_weight,W06000013,\($0.0),\($0.1),1000\n" }.joined()
        try SpoolTests.drop(csv, state: state, partner: "local_health_board", name: name)
    }

    @Test("feeds period by period fire the alert once and resolve it; a notification pending at SIGKILL is delivered after restart",
          .timeLimit(.minutes(5)))
    func firesResolvesSurvivesKill() async throws {
        let root = try DaemonProcess.tempFolder("alerts")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let catalogue = try Self.catalogue(in: root)
        let state = root + "/state", received = root + "/received.jsonl"
        let hookPort = DaemonProcess.freePort(), port = DaemonProcess.freePort()
        try """
            compute:
              debounce_seconds: 0
            alerts:
              webhooks:
                - url: http://127.0.0.1:\(hookPort)/hook
                  timeout_seconds: 2
              journal: true
            """.write(toFile: root + "/outcomesd.yaml", atomically: true, encoding: .utf8)
        let receiver = try Self.startReceiver(port: hookPort, file: received, root: root)
        // SIGKILL: the test process ignores SIGTERM (its signal handling), and children inherit that.
        defer { kill(receiver.processIdentifier, SIGKILL) }
        let extra = ["--config", root + "/outcomesd.yaml"]
        var serve = try DaemonProcess.startServe(stateDir: state, catalogue: catalogue, port: port, log: root + "/serve.log", extra: extra)
        defer { kill(serve.processIdentifier, SIGKILL) }
        #expect(await DaemonProcess.waitReady(port: port, seconds: 90))

        // 7.0% then 8.0%: fires once, after the second period's run.
        try Self.drop([(2022, 70)], state: state, name: "2022.csv")
        #expect(try await Self.wait(seconds: 60) { try await SpoolTests.sql(state, "SELECT count(*) FROM run WHERE status = 'finished' AND trigger = 'feed'") == "1" })
        try Self.drop([(2023, 80)], state: state, name: "2023.csv")
        #expect(await Self.wait(seconds: 60) { Self.lines(received).count == 1 }, "log: \(((try? String(contentsOfFile: root + "/serve.log", encoding: .utf8)) ?? "").suffix(3000))")
        #expect(Self.lines(received).first?.contains("\"status\":\"firing\"") == true)
        #expect(Self.lines(received).first?.contains("\"alertname\":\"lbw_high\"") == true)
        // 7.2%: between the levels, keeps firing, notifies nothing.
        try Self.drop([(2024, 72)], state: state, name: "2024.csv")
        #expect(try await Self.wait(seconds: 60) { try await SpoolTests.sql(state, "SELECT count(*) FROM run WHERE status = 'finished' AND trigger = 'feed'") == "3" })

        // The receiver goes down; 6.0% resolves the alert; the notification waits in the outbox.
        #expect(FileManager.default.createFile(atPath: received + ".down", contents: nil))
        try Self.drop([(2025, 60)], state: state, name: "2025.csv")
        #expect(try await Self.wait(seconds: 60) {
            try await SpoolTests.sql(state, "SELECT count(*) FROM alert_outbox WHERE status = 'resolved' AND sink LIKE 'webhook:%' AND delivered_at IS NULL AND attempts > 0") == "1"
        })
        kill(serve.processIdentifier, SIGKILL)
        let gone = await eventually(seconds: 30) { await DaemonProcess.status(port: port, path: "/healthz") == nil }
        #expect(gone, "the killed daemon still answers")

        // Receiver up, daemon restarted: the resolved notice arrives, and nothing is announced twice.
        try FileManager.default.removeItem(atPath: received + ".down")
        serve = try DaemonProcess.startServe(stateDir: state, catalogue: catalogue, port: port, log: root + "/serve2.log", extra: extra)
        #expect(await DaemonProcess.waitReady(port: port, seconds: 90))
        #expect(await Self.wait(seconds: 60) { Self.lines(received).count == 2 })
        #expect(Self.lines(received).last?.contains("\"status\":\"resolved\"") == true)
        #expect(Self.lines(received).count == 2)
        let journal = try String(contentsOfFile: root + "/serve.log", encoding: .utf8)
        #expect(journal.contains("alert firing"))
    }
}
