import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Glibc
import Testing
import OutcomesTestSupport

@Suite("Computation in the running daemon and on the command line", .serialized)
struct ComputeTests {
    let catalogue = TestCluster.repositoryRoot + "/Indicators"

    @Test("the daemon computes at start and again after a feed lands; summary and measures read the result", .timeLimit(.minutes(3)))
    func computesAfterFeed() async throws {
        let root = try DaemonProcess.tempFolder("compute")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let state = root + "/state"
        let config = root + "/outcomesd.yaml"
        try Data("compute:\n  debounce_seconds: 1\nserving:\n  anonymous_read: true\n".utf8).write(to: URL(fileURLWithPath: config))
        let port = DaemonProcess.freePort()
        let serve = try DaemonProcess.startServe(stateDir: state, catalogue: catalogue, port: port, log: root + "/serve.log",
                                                 extra: ["--config", config])
        defer { kill(serve.processIdentifier, SIGKILL) }
        #expect(await DaemonProcess.waitReady(port: port, seconds: 90))
        // The start-up run first: a feed dropped before it would be in that full run, and the
        // incremental run this test is about would never happen.
        let logPath = root + "/serve.log"
        func runsFinished(full: Bool) -> Int {
            let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            return log.split(separator: "\n").filter { $0.contains("run finished") && $0.contains("full=\(full)") }.count
        }
        #expect(await DaemonProcess.waitUntil(seconds: 90) { runsFinished(full: true) >= 1 }, "no start-up run")
        let samples = TestCluster.repositoryRoot + "/Indicators/samples/local_health_board/low_birth_weight.csv"
        let incoming = state + "/spool/incoming/local_health_board"
        try FileManager.default.createDirectory(atPath: incoming, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: samples, toPath: incoming + "/.lbw.tmp")
        #expect(rename(incoming + "/.lbw.tmp", incoming + "/lbw.csv") == 0)
        // The event: the daemon logs the incremental run the feed caused.
        #expect(await DaemonProcess.waitUntil(seconds: 90) { runsFinished(full: false) >= 1 }, "no incremental run after the feed")
        let measures = try await DaemonProcess.run(["measures", "--state-dir", state, "--catalogue", catalogue,
                                              "--indicator", "low_birth_weight", "--area", "W06000015", "--format", "json"])
        let records = (try? JSONSerialization.jsonObject(with: Data(measures.out.utf8))) as? [[String: Any]] ?? []
        #expect(measures.status == 0 && measures.out.contains("\"benchmark\""), "\(measures.err)")
        #expect(records.contains { $0["lower95"] is Double }, "the incremental run has no intervals for the feed's series")
        let summary = try await DaemonProcess.run(["summary", "--state-dir", state, "--catalogue", catalogue, "--area", "W06000015"])
        #expect(summary.status == 0)
        #expect(summary.out.contains("Aim 1") && summary.out.contains("(i)"))
        // The same summary over HTTP, as a newcomer would curl it.
        var request = URLRequest(url: try #require(URL(string: "http://127.0.0.1:\(port)/v1/summary?area=W06000015&format=text&lang=cy")))
        request.timeoutInterval = 10
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        let body = String(decoding: data, as: UTF8.self)
        #expect(http.statusCode == 200 && body.contains("Caerdydd") && body.contains("Nod 7"))
        // The command line renders through the same code: the same run reads the same.
        let welsh = try await DaemonProcess.run(["summary", "--state-dir", state, "--catalogue", catalogue, "--area", "W06000015", "--welsh"])
        #expect(welsh.status == 0 && welsh.out == body, "CLI and HTTP text differ")
        #expect(http.value(forHTTPHeaderField: "X-Outcomesd-Run") != nil && http.value(forHTTPHeaderField: "ETag") != nil)
        kill(serve.processIdentifier, SIGTERM)
        #expect(await DaemonProcess.waitExit(serve, seconds: 60) == 0)
    }

    @Test("compute on the command line prints the run; summary before any run says how to get one")
    func cliCompute() async throws {
        let root = try DaemonProcess.tempFolder("cli-compute")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let state = root + "/state"
        let none = try await DaemonProcess.run(["summary", "--state-dir", state, "--catalogue", catalogue])
        #expect(none.status == 1 && none.err.contains("no finished run yet"))
        let run = try await DaemonProcess.run(["compute", "--state-dir", state, "--catalogue", catalogue])
        #expect(run.status == 0 && run.out.hasPrefix("run "), "\(run.err)")
        let bad = try await DaemonProcess.run(["measures", "--state-dir", state, "--catalogue", catalogue, "--indicator", "nope", "--area", "W92000004"])
        #expect(bad.status != 0 && bad.err.contains("unknown indicator 'nope'"))
    }
}
