import Foundation
import Testing
import OutcomesTestSupport
@testable import OutcomesServer

@Suite("sd_notify datagrams to a real AF_UNIX socket")
struct SystemdNotifierTests {
    @Test("a path socket receives each message as one datagram of KEY=VALUE lines")
    func pathSocket() throws {
        let path = NSTemporaryDirectory() + "outcomesd-notify-\(UUID().uuidString.prefix(8)).sock"
        let listener = try DatagramListener(name: path)
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": path])
        #expect(notifier.ready(status: "serving run 12; 3 feeds today; 2 alerts firing"))
        #expect(listener.receive() == Array("READY=1\nSTATUS=serving run 12; 3 feeds today; 2 alerts firing\n".utf8))
        #expect(notifier.watchdog())
        #expect(listener.receive() == Array("WATCHDOG=1\n".utf8))
        #expect(notifier.stopping())
        #expect(listener.receive() == Array("STOPPING=1\n".utf8))
    }

    @Test("an abstract socket (leading @) receives the datagrams; RELOADING carries MONOTONIC_USEC")
    func abstractSocket() throws {
        let name = "@outcomesd-test-\(UUID().uuidString.prefix(12))"
        let listener = try DatagramListener(name: name)
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": name])
        #expect(notifier.status("reloading the catalogue"))
        #expect(listener.receive() == Array("STATUS=reloading the catalogue\n".utf8))
        let before = SystemdNotifier.monotonicMicroseconds()
        #expect(notifier.reloading())
        let after = SystemdNotifier.monotonicMicroseconds()
        let text = try #require(listener.receiveText())
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 3 && lines[0] == "RELOADING=1" && lines[2] == "")
        let usec = try #require(UInt64(lines[1].dropFirst("MONOTONIC_USEC=".count)))
        #expect(lines[1].hasPrefix("MONOTONIC_USEC=") && before <= usec && usec <= after)
    }

    @Test("without NOTIFY_SOCKET nothing is sent; the watchdog interval is half WATCHDOG_USEC for our pid only")
    func disabledAndWatchdog() {
        #expect(!SystemdNotifier(environment: [:]).isEnabled)
        #expect(!SystemdNotifier(environment: ["NOTIFY_SOCKET": ""]).ready())
        #expect(SystemdNotifier.watchdogInterval(environment: ["WATCHDOG_USEC": "2000000"], pid: 7) == .seconds(1))
        #expect(SystemdNotifier.watchdogInterval(environment: ["WATCHDOG_USEC": "2000000", "WATCHDOG_PID": "7"], pid: 7) == .seconds(1))
        #expect(SystemdNotifier.watchdogInterval(environment: ["WATCHDOG_USEC": "2000000", "WATCHDOG_PID": "8"], pid: 7) == nil)
        #expect(SystemdNotifier.watchdogInterval(environment: ["WATCHDOG_USEC": "0"], pid: 7) == nil)
        #expect(SystemdNotifier.watchdogInterval(environment: [:], pid: 7) == nil)
    }
}
