import Foundation
import Glibc
import Testing
@testable import OutcomesStore

/// What a spawned command inherits: stdin, stdout and stderr only (`pg_ctl start` leaves a
/// postmaster running that would hold any other descriptor open for its whole life).
@Suite("Commands spawned for the embedded cluster")
struct SubprocessTests {
    @Test("a spawned command inherits no descriptor of this process beyond 0, 1 and 2, not even one without close-on-exec")
    func inheritsNothing() throws {
        // A socket as SwiftNIO accepts one (no close-on-exec), moved to a number ls cannot open itself.
        let raw = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        let held = fcntl(raw, F_DUPFD, 200)
        close(raw)
        defer { close(held) }
        #expect(held >= 200 && fcntl(held, F_GETFD) & FD_CLOEXEC == 0)
        let output = NSTemporaryDirectory() + "subprocess-\(getpid())-\(Int.random(in: 0..<1_000_000)).txt"
        defer { unlink(output) }
        let listed = try Subprocess.run(["/bin/ls", "-1", "/proc/self/fd"], as: nil, outputFile: output)
        let fds = listed.split(separator: "\n").compactMap { Int($0) }
        // 0-2, and ls's own handle on /proc/self/fd.
        #expect(fds.contains(1) && !fds.contains(Int(held)), "\(fds)")
        #expect(fds.allSatisfy { $0 <= 3 }, "\(fds)")
    }
}
