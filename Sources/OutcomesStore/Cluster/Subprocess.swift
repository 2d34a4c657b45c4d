import Foundation
import Glibc

/// Runs a short-lived command (initdb, pg_ctl, psql) to completion, optionally as another user.
///
/// Uses `posix_spawn` and a blocking `waitpid` rather than Foundation's `Process`, whose
/// `waitUntilExit` depends on a run loop and was seen here to leave children unreaped when called
/// from a Swift concurrency thread. Output goes to a file, not a pipe: `pg_ctl start` leaves a
/// server running that could inherit a pipe and hold it open.
/// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later; Debian 12 has 2.36),
/// which its headers declare only under `_GNU_SOURCE`, so Swift does not import it.
@_silgen_name("posix_spawn_file_actions_addclosefrom_np")
private func glibcAddCloseFrom(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ from: Int32) -> Int32

enum Subprocess {
    struct Failure: Error, CustomStringConvertible {
        var command: String
        var status: Int32
        var output: String
        var description: String { "\(command) exited with status \(status): \(output)" }
    }

    /// Environment variables children never inherit.
    static let daemonOnly = ["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "LISTEN_FDS", "LISTEN_PID", "LISTEN_FDNAMES"]

    /// Runs `arguments` (argv[0] an absolute path); as `user` via `runuser` when given.
    @discardableResult
    static func run(_ arguments: [String], as user: String?, outputFile: String) throws -> String {
        var argv = arguments
        if let user { argv = ["/usr/sbin/runuser", "-u", user, "--"] + argv }
        let status = try spawnAndWait(argv, outputFile: outputFile)
        let output = (try? String(contentsOfFile: outputFile, encoding: .utf8)) ?? ""
        guard status == 0 else {
            throw Failure(command: argv.joined(separator: " "), status: status,
                          output: output.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return output
    }

    /// The exit status only (for `pg_ctl status`).
    static func status(_ arguments: [String], as user: String?, outputFile: String) -> Int32 {
        var argv = arguments
        if let user { argv = ["/usr/sbin/runuser", "-u", user, "--"] + argv }
        return (try? spawnAndWait(argv, outputFile: outputFile)) ?? -1
    }

    private static func spawnAndWait(_ argv: [String], outputFile: String) throws -> Int32 {
        let out = open(outputFile, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard out >= 0 else {
            throw Failure(command: argv.joined(separator: " "), status: -1, output: "cannot open \(outputFile): \(String(cString: strerror(errno)))")
        }
        defer { close(out) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, out, 1)
        posix_spawn_file_actions_adddup2(&actions, out, 2)
        // Nothing else of this process reaches the child: `pg_ctl start` leaves a postmaster
        // running, which would otherwise keep every descriptor open here at that moment (SwiftNIO
        // accepts sockets without close-on-exec) for its whole life. An HTTP connection the daemon
        // closed then stayed open at the TCP level: seen as SlowRequestTests' 30 s hang, with the
        // server's log showing the close.
        _ = glibcAddCloseFrom(&actions, 3)

        var environment = ProcessInfo.processInfo.environment
        environment["LC_ALL"] = "C"
        // systemd's notification and socket-passing variables belong to the daemon alone: a
        // PostgreSQL built with systemd support would otherwise send its own READY=1 (seen
        // before outcomesd's, from the embedded cluster's postmaster).
        for name in Self.daemonOnly { environment[name] = nil }
        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            cArgs.forEach { free($0) }
            cEnv.forEach { free($0) }
        }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, argv[0], &actions, nil, cArgs, cEnv)
        guard rc == 0 else {
            throw Failure(command: argv.joined(separator: " "), status: -1, output: "cannot start: \(String(cString: strerror(rc)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { return -1 }
        }
        // WIFEXITED / WEXITSTATUS, spelled out (the C macros are not imported).
        if status & 0x7F == 0 { return (status >> 8) & 0xFF }
        return 128 + (status & 0x7F)
    }
}
