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
        let samples = TestCluster.repositoryRoot + "/Indicators/samples/local_health_board/low_birth_weight.csv"
        let incoming = state + "/spool/incoming/local_health_board"
        try FileManager.default.createDirectory(atPath: incoming, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: samples, toPath: incoming + "/.lbw.tmp")
        #expect(rename(incoming + "/.lbw.tmp", incoming + "/lbw.csv") == 0)
        // Wait for an incremental run that includes the feed.
        var measures = (status: Int32(1), out: "", err: "")
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            measures = try DaemonProcess.run(["measures", "--state-dir", state, "--catalogue", catalogue,
                                              "--indicator", "low_birth_weight", "--area", "W06000015", "--format", "json"])
            let records = (try? JSONSerialization.jsonObject(with: Data(measures.out.utf8))) as? [[String: Any]] ?? []
            if measures.status == 0, records.contains(where: { $0["lower95"] is Double }) { break }
            try await Task.sleep(for: .milliseconds(500))
        }
        #expect(measures.status == 0 && measures.out.contains("\"benchmark\""), "\(measures.err)")
        let summary = try DaemonProcess.run(["summary", "--state-dir", state, "--catalogue", catalogue, "--area", "W06000015"])
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
        let welsh = try DaemonProcess.run(["summary", "--state-dir", state, "--catalogue", catalogue, "--area", "W06000015", "--welsh"])
        #expect(welsh.status == 0 && welsh.out == body, "CLI and HTTP text differ")
        #expect(http.value(forHTTPHeaderField: "X-Outcomesd-Run") != nil && http.value(forHTTPHeaderField: "ETag") != nil)
        let log = (try? String(contentsOfFile: root + "/serve.log", encoding: .utf8)) ?? ""
        #expect(log.contains("run finished") && log.contains("full=false"), "no incremental run in the log")
        kill(serve.processIdentifier, SIGTERM)
        #expect(await DaemonProcess.waitExit(serve, seconds: 60) == 0)
    }

    @Test("compute on the command line prints the run; summary before any run says how to get one")
    func cliCompute() throws {
        let root = try DaemonProcess.tempFolder("cli-compute")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let state = root + "/state"
        let none = try DaemonProcess.run(["summary", "--state-dir", state, "--catalogue", catalogue])
        #expect(none.status == 1 && none.err.contains("no finished run yet"))
        let run = try DaemonProcess.run(["compute", "--state-dir", state, "--catalogue", catalogue])
        #expect(run.status == 0 && run.out.hasPrefix("run "), "\(run.err)")
        let bad = try DaemonProcess.run(["measures", "--state-dir", state, "--catalogue", catalogue, "--indicator", "nope", "--area", "W92000004"])
        #expect(bad.status != 0 && bad.err.contains("unknown indicator 'nope'"))
    }
}
