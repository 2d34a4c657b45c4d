import Foundation
import Glibc

extension EmbeddedCluster {
    /// Whether the cluster's server runs: `postmaster.pid` names a live process and its socket
    /// exists. Cheap (a small file read and `kill(pid, 0)`, no `pg_ctl`), for a metrics scrape.
    ///
    /// ```swift
    /// let up = cluster.postmasterAlive()
    /// ```
    public func postmasterAlive() -> Bool {
        guard let text = try? String(contentsOfFile: dataDirectory + "/postmaster.pid", encoding: .utf8),
              let first = text.split(separator: "\n").first,
              let pid = pid_t(first.trimmingCharacters(in: .whitespaces)), pid > 0 else { return false }
        guard kill(pid, 0) == 0 || errno == EPERM else { return false }
        return FileManager.default.fileExists(atPath: socketDirectory + "/.s.PGSQL.\(Self.port)")
    }
}
