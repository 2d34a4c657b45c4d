import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Speaks systemd's notify protocol: one datagram of `KEY=VALUE\n` lines to the AF_UNIX socket
/// named in `$NOTIFY_SOCKET` (a leading `@` is the abstract namespace). A no-op when unset.
///
/// ```swift
/// let notifier = SystemdNotifier()
/// notifier.send(["READY=1", "STATUS=serving run 12"])
/// ```
public struct SystemdNotifier: Sendable {
    /// The socket path as given, or nil when not run by systemd with `Type=notify`.
    public let socketPath: String?

    public init(environment: [String: String]) {
        let path = environment["NOTIFY_SOCKET"] ?? ""
        socketPath = path.isEmpty ? nil : path
    }

    public init() {
        self.init(environment: getenv("NOTIFY_SOCKET").map { ["NOTIFY_SOCKET": String(cString: $0)] } ?? [:])
    }

    public var isEnabled: Bool { socketPath != nil }

    /// Sends the lines as one datagram; returns false when it could not be sent (or is disabled).
    @discardableResult
    public func send(_ lines: [String]) -> Bool {
        guard let socketPath else { return false }
        let message = lines.map { $0 + "\n" }.joined()
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var pathBytes = Array(socketPath.utf8)
        if pathBytes.first == UInt8(ascii: "@") { pathBytes[0] = 0 }
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard !pathBytes.isEmpty, pathBytes.count < capacity else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: pathBytes)
        }
        let pathOffset = MemoryLayout<sockaddr_un>.offset(of: \.sun_path) ?? 2
        // Abstract addresses count exactly their bytes; paths include the terminating NUL.
        let length = pathOffset + pathBytes.count + (pathBytes[0] == 0 ? 0 : 1)
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        let sent = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { sa in
                Array(message.utf8).withUnsafeBytes { bytes in
                    sendto(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL), sa, socklen_t(length))
                }
            }
        }
        return sent == message.utf8.count
    }

    /// `READY=1` plus an optional status.
    @discardableResult
    public func ready(status: String? = nil) -> Bool { send(["READY=1"] + (status.map { ["STATUS=" + $0] } ?? [])) }

    @discardableResult
    public func status(_ text: String) -> Bool { send(["STATUS=" + text]) }

    @discardableResult
    public func stopping() -> Bool { send(["STOPPING=1"]) }

    @discardableResult
    public func watchdog() -> Bool { send(["WATCHDOG=1"]) }

    /// `RELOADING=1` with `MONOTONIC_USEC=` (CLOCK_MONOTONIC in microseconds), as systemd requires.
    @discardableResult
    public func reloading() -> Bool { send(["RELOADING=1", "MONOTONIC_USEC=\(Self.monotonicMicroseconds())"]) }

    /// CLOCK_MONOTONIC in microseconds (Dispatch's uptime clock is CLOCK_MONOTONIC on Linux).
    public static func monotonicMicroseconds() -> UInt64 {
        DispatchTime.now().uptimeNanoseconds / 1_000
    }

    /// Half of `WATCHDOG_USEC` when the watchdog is on for this process (`WATCHDOG_PID` absent or ours).
    public static func watchdogInterval(environment: [String: String], pid: Int32 = getpid()) -> Duration? {
        guard let text = environment["WATCHDOG_USEC"], let usec = UInt64(text), usec > 0 else { return nil }
        if let owner = environment["WATCHDOG_PID"], !owner.isEmpty, Int32(owner) != pid { return nil }
        return .microseconds(Int64(clamping: usec / 2))
    }
}
