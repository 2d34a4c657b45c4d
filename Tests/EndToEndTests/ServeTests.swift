import Foundation
import Glibc
import Testing
import OutcomesTestSupport

@Suite("outcomesd serve, end to end", .serialized)
struct ServeTests {
    let catalogue = TestCluster.repositoryRoot + "/Indicators"

    @Test("serve on an empty state folder becomes ready, and SIGTERM stops it cleanly with its cluster", .timeLimit(.minutes(3)))
    func serveReadyThenSigterm() async throws {
        let state = try DaemonProcess.tempFolder("serve")
        defer { try? FileManager.default.removeItem(atPath: state) }
        let port = DaemonProcess.freePort()
        let process = try DaemonProcess.startServe(stateDir: state + "/state", catalogue: catalogue, port: port, log: state + "/serve.log")
        let ready = await DaemonProcess.waitReady(port: port, seconds: 90)
        let log = { (try? String(contentsOfFile: state + "/serve.log", encoding: .utf8)) ?? "" }
        #expect(ready, "not ready; log:\n\(log())")
        #expect(await DaemonProcess.status(port: port, path: "/healthz") == 200)
        kill(process.processIdentifier, SIGTERM)
        let status = await DaemonProcess.waitExit(process, seconds: 60)
        #expect(status == 0, "log:\n\(log())")
        // The cluster it started is stopped: no postmaster.pid left behind.
        #expect(!FileManager.default.fileExists(atPath: state + "/state/postgres/data/postmaster.pid"))
    }

    @Test("serve runs as an ordinary (non-root) user too", .timeLimit(.minutes(3)),
          .enabled(if: geteuid() == 0 && getpwnam("nobody") != nil,
                   "needs root and a 'nobody' user to switch to; run as an ordinary user, the test above already covers it"))
    func serveAsOrdinaryUser() async throws {
        let nobody = try #require(getpwnam("nobody"))
        let uid = nobody.pointee.pw_uid, gid = nobody.pointee.pw_gid
        let root = try DaemonProcess.tempFolder("nobody")
        defer { try? FileManager.default.removeItem(atPath: root) }
        // The user must reach the binary and catalogue: copy both into a folder it can read.
        let binary = root + "/outcomesd"
        // A hard link, not a copy: a copy's write descriptor, inherited by a process another test
        // forks meanwhile, made the exec fail with "Text file busy" (seen once in a full run).
        if link(DaemonProcess.binary, binary) != 0 {
            try FileManager.default.copyItem(atPath: DaemonProcess.binary, toPath: binary)
        }
        try FileManager.default.copyItem(atPath: catalogue, toPath: root + "/Indicators")
        let state = root + "/state"
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        chown(state, uid, gid)
        let log = root + "/serve.log"
        let port = DaemonProcess.freePort()
        let process = try DaemonProcess.startServe(binary: binary, stateDir: state, catalogue: root + "/Indicators", port: port,
                                                   log: log, asUser: (uid, gid))
        let ready = await DaemonProcess.waitReady(port: port, seconds: 90)
        let text = { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }
        #expect(ready, "not ready; log:\n\(text())")
        kill(process.processIdentifier, SIGTERM)
        #expect(await DaemonProcess.waitExit(process, seconds: 60) == 0, "log:\n\(text())")
        var st = stat()
        stat(state + "/postgres/data", &st)
        #expect(st.st_uid == uid)
    }

    @Test("a second serve on the same state folder uses the running cluster and leaves it running")
    func secondProcessSharesCluster() async throws {
        let state = try DaemonProcess.tempFolder("shared")
        defer { try? FileManager.default.removeItem(atPath: state) }
        let (p1, p2) = (DaemonProcess.freePort(), DaemonProcess.freePort())
        let first = try DaemonProcess.startServe(stateDir: state + "/state", catalogue: catalogue, port: p1, log: state + "/1.log")
        #expect(await DaemonProcess.waitReady(port: p1, seconds: 90))
        let second = try DaemonProcess.startServe(stateDir: state + "/state", catalogue: catalogue, port: p2, log: state + "/2.log")
        #expect(await DaemonProcess.waitReady(port: p2, seconds: 90))
        let log2 = (try? String(contentsOfFile: state + "/2.log", encoding: .utf8)) ?? ""
        #expect(log2.contains("using the running embedded PostgreSQL"))
        kill(second.processIdentifier, SIGTERM)
        #expect(await DaemonProcess.waitExit(second, seconds: 60) == 0)
        #expect(await DaemonProcess.status(port: p1, path: "/readyz") == 200, "the first daemon's database went away")
        kill(first.processIdentifier, SIGTERM)
        #expect(await DaemonProcess.waitExit(first, seconds: 60) == 0)
    }
}
