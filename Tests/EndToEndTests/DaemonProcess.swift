import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Glibc
import OutcomesTestSupport

/// The built `outcomesd` binary, run as a child process for end-to-end tests.
struct DaemonProcess {
    /// `.build/<config>/outcomesd`, beside the test bundle.
    static var binary: String {
        let bundleDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for dir in [bundleDir, bundleDir.deletingLastPathComponent()] {
            let candidate = dir.appendingPathComponent("outcomesd").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return TestCluster.repositoryRoot + "/.build/debug/outcomesd"
    }

    /// Runs the binary to completion; returns exit status, stdout and stderr. Waited for off the
    /// threads the tests' tasks share (``blocking(_:)``).
    static func run(_ arguments: [String], cwd: String? = nil) async throws -> (status: Int32, out: String, err: String) {
        try await blocking { try runBlocking(arguments, cwd: cwd) }
    }

    private static func runBlocking(_ arguments: [String], cwd: String?) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        if let cwd { process.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    /// A free TCP port on loopback (bound, read back, released).
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    /// HTTP GET status code on loopback, or nil when nothing answers.
    static func status(port: Int, path: String) async -> Int? {
        guard let url = URL(string: "http://127.0.0.1:\(port)\(path)") else { return nil }
        var request = URLRequest(url: url)
        request.timeoutInterval = 2
        guard let (_, response) = try? await URLSession.shared.data(for: request) else { return nil }
        return (response as? HTTPURLResponse)?.statusCode
    }

    /// Starts `serve`, optionally as another user (via setpriv), with output to `log`.
    static func startServe(binary: String = binary, stateDir: String, catalogue: String, port: Int, log: String,
                           asUser: (uid: UInt32, gid: UInt32)? = nil, extra: [String] = []) throws -> Process {
        let process = Process()
        var argv = [binary, "serve", "--state-dir", stateDir, "--catalogue", catalogue, "--listen", "127.0.0.1:\(port)"] + extra
        if let asUser {
            argv = ["/usr/bin/setpriv", "--reuid=\(asUser.uid)", "--regid=\(asUser.gid)", "--clear-groups", "--"] + argv
        }
        process.executableURL = URL(fileURLWithPath: argv[0])
        process.arguments = Array(argv.dropFirst())
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return process
    }

    /// A daemon `withDaemon` started: its test folder, state folder, port and process.
    struct Running {
        let root: String
        let state: String
        let port: Int
        let process: Process
    }

    /// Starts `outcomesd serve` on a fresh state folder (log in `<root>/serve.log`), waits until it
    /// is ready, runs `body`, then kills it and removes the folder (also when `body` throws).
    static func withDaemon(_ name: String, catalogue: String, _ body: (Running) async throws -> Void) async throws {
        let root = try tempFolder(name)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let state = root + "/state"
        let port = freePort()
        let serve = try startServe(stateDir: state, catalogue: catalogue, port: port, log: root + "/serve.log")
        defer { kill(serve.processIdentifier, SIGKILL) }
        #expect(await waitReady(port: port, seconds: 90), "log: \(((try? String(contentsOfFile: root + "/serve.log", encoding: .utf8)) ?? "").suffix(2000))")
        try await body(Running(root: root, state: state, port: port, process: serve))
    }

    /// Waits until `condition` holds (checked every 50 ms), up to `seconds`: for the events a
    /// test waits on (a file, a log line, a state in the database).
    static func waitUntil(seconds: Double, _ condition: () async throws -> Bool) async rethrows -> Bool {
        try await eventually(seconds: seconds, condition)
    }

    /// Waits for `/readyz` to answer 200, up to `seconds`.
    static func waitReady(port: Int, seconds: Double) async -> Bool {
        await eventually(seconds: seconds) { await status(port: port, path: "/readyz") == 200 }
    }

    /// Waits for the process to exit, up to `seconds`; returns its status or nil.
    static func waitExit(_ process: Process, seconds: Double) async -> Int32? {
        await eventually(seconds: seconds) { process.isRunning ? nil : process.terminationStatus }
    }

    /// A fresh temporary folder others can traverse.
    static func tempFolder(_ name: String) throws -> String {
        let dir = NSTemporaryDirectory() + "outcomesd-e2e-\(name)-\(getpid())-\(Int.random(in: 0..<1_000_000))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        chmod(dir, 0o755)
        return dir
    }
}
