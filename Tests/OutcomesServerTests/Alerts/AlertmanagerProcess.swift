import AsyncHTTPClient
import Foundation
import OutcomesTestSupport
import NIOCore
import NIOHTTP1

/// A real Alertmanager (Debian's `prometheus-alertmanager`) on loopback, no clustering, a null
/// receiver; started for one test and stopped after it.
struct AlertmanagerProcess: Sendable {
    struct Alert: Decodable {
        struct Status: Decodable { var state: String }
        var labels: [String: String]
        var status: Status
        var endsAt: String
    }

    static var binary: String? {
        ["/usr/bin/prometheus-alertmanager", "/usr/bin/alertmanager"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    let process: Process
    let url: String
    let http: HTTPClient
    let folder: String

    /// Starts it on a free port and waits (up to 30 s) until `/-/ready` answers 200.
    static func start() async throws -> AlertmanagerProcess {
        guard let binary else { throw CocoaError(.fileNoSuchFile) }
        let folder = NSTemporaryDirectory() + "outcomesd-am-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "route:\n  receiver: 'null'\nreceivers:\n  - name: 'null'\n".write(toFile: folder + "/am.yml", atomically: true, encoding: .utf8)
        let port = try freePort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["--config.file=\(folder)/am.yml", "--storage.path=\(folder)/data",
                             "--web.listen-address=127.0.0.1:\(port)", "--cluster.listen-address="]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        let http = HTTPClient.shared
        let am = AlertmanagerProcess(process: process, url: "http://127.0.0.1:\(port)", http: http, folder: folder)
        let ready = await eventually(seconds: 30) {
            if let response = try? await http.execute(HTTPClientRequest(url: am.url + "/-/ready"), timeout: .seconds(2)),
               response.status.code == 200 { return true }
            return !process.isRunning   // gone: stop waiting
        }
        if ready && process.isRunning { return am }
        am.stop()
        throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "Alertmanager did not become ready"])
    }

    func alerts() async throws -> [Alert] {
        let response = try await http.execute(HTTPClientRequest(url: url + "/api/v2/alerts"), timeout: .seconds(5))
        let body = try await response.body.collect(upTo: 1 << 20)
        return try JSONDecoder().decode([Alert].self, from: Data(body.readableBytesView))
    }

    /// Sends SIGKILL and returns: a child inherits the test process's ignored SIGTERM, and waiting
    /// on Foundation's `Process` from a test's task can block a cooperative thread for good here.
    func stop() {
        kill(process.processIdentifier, SIGKILL)
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// A port the kernel says is free now (bind to 0, read it, close).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) == 0 && getsockname(fd, $0, &len) == 0 }
        }
        guard bound else { throw CocoaError(.fileWriteUnknown) }
        return Int(UInt16(bigEndian: addr.sin_port))
    }
}
