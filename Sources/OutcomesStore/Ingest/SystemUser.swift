#if canImport(Glibc)
import Glibc
#endif

/// Operating-system user names, for the audit of who sent a feed from the command line or
/// wrote a spool file.
public enum SystemUser {
    /// The user name of `uid`, or `uid N` when the password database has none.
    public static func name(uid: uid_t) -> String {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        let status = getpwuid_r(uid, &entry, &buffer, buffer.count, &result)
        guard status == 0, let found = result, let name = found.pointee.pw_name else { return "uid \(uid)" }
        return String(cString: name)
    }

    /// The user owning the file at `path`, nil when it cannot be read.
    public static func owner(of path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return name(uid: info.st_uid)
    }

    /// The user running this process (the effective user).
    public static var current: String { name(uid: geteuid()) }
}
