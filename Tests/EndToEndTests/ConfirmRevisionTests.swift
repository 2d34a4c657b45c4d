import Foundation
import Glibc
import Testing
import OutcomesTestSupport

/// Revising published figures through the spool (a `<file>.confirm` marker) and the command line
/// (`--confirm-revisions`), against the real binary and its embedded PostgreSQL (issue 13).
@Suite("Confirming revisions of published figures, end to end", .serialized)
struct ConfirmRevisionTests {
    let catalogue = TestCluster.repositoryRoot + "/Indicators"

    @Test("a spool feed changing a published value is refused without a .confirm marker and applied with one; the CLI confirms with --confirm-revisions",
          .timeLimit(.minutes(4)))
    func spoolAndCommandLine() async throws {
        try await DaemonProcess.withDaemon("confirm", catalogue: catalogue) { daemon in
            let root = daemon.root
            let state = daemon.state
            let serve = daemon.process
            let spool = state + "/spool"
            let header = "indicator,area,period,numerator,denominator\n"
            try SpoolTests.drop(header + "low_birth_weight,W06000013,2023,48,910\n", state: state, partner: "local_health_board", name: "first.csv")
            #expect(await SpoolTests.waitFor(spool + "/archive/local_health_board/1-first.csv", seconds: 30))

            let published = try await DaemonProcess.run(["publish", "--state-dir", state, "--catalogue", catalogue,
                                                   "--indicator", "low_birth_weight", "--period", "2023", "--note", "annual release"])
            #expect(published.status == 0, "\(published.err)")
            #expect(published.out.contains("low_birth_weight"))

            // No marker: the only row is refused, so the file is rejected with the code in its errors file.
            try SpoolTests.drop(header + "low_birth_weight,W06000013,2023,50,910\n", state: state, partner: "local_health_board", name: "plain.csv")
            #expect(await SpoolTests.waitFor(spool + "/rejected/local_health_board/plain.csv.errors.txt", seconds: 30))
            let errors = (try? String(contentsOfFile: spool + "/rejected/local_health_board/plain.csv.errors.txt", encoding: .utf8)) ?? ""
            #expect(errors.contains("period_published") && errors.contains("→"), "\(errors)")
            #expect(try await SpoolTests.sql(state, "SELECT numerator::int FROM observation") == "48")

            // With the marker (written first): applied, marked published, audited with the file's owner and the reason.
            try Data("late registrations\n".utf8).write(to: URL(fileURLWithPath: spool + "/incoming/local_health_board/confirmed.csv.confirm"))
            try SpoolTests.drop(header + "low_birth_weight,W06000013,2023,50,910\n", state: state, partner: "local_health_board", name: "confirmed.csv")
            let feeds = { try await SpoolTests.sql(state, "SELECT count(*) FROM feed WHERE file_name = 'confirmed.csv' AND status = 'applied'") }
            #expect(await DaemonProcess.waitUntil(seconds: 30) { (try? await feeds()) == "1" })
            #expect(try await SpoolTests.sql(state, "SELECT numerator::int FROM observation") == "50")
            let user = String(cString: getpwuid(geteuid()).pointee.pw_name)
            #expect(try await SpoolTests.sql(state, """
                SELECT f.source || '|' || f.submitted_by || '|' || f.reason || '|' || r.published
                FROM observation_revision r JOIN feed f ON f.id = r.feed_id WHERE r.revision = 2
                """) == "spool|\(user)|late registrations|true")
            // The marker went with its feed to the archive.
            #expect(await DaemonProcess.waitUntil(seconds: 30) {
                SpoolTests.files(spool + "/archive/local_health_board").contains { $0.hasSuffix("-confirmed.csv.confirm") }
            })

            // The command line: refused without the flag (exit 1, rejected whole), applied with it.
            let file = root + "/cli.csv"
            try Data((header + "low_birth_weight,W06000013,2023,52,910\n").utf8).write(to: URL(fileURLWithPath: file))
            let refused = try await DaemonProcess.run(["ingest", "--state-dir", state, "--catalogue", catalogue, "--partner", "local_health_board", file])
            #expect(refused.status == 1 && refused.out.contains("period_published"), "\(refused.out)\(refused.err)")
            let confirmed = try await DaemonProcess.run(["ingest", "--state-dir", state, "--catalogue", catalogue, "--partner", "local_health_board",
                                                   "--confirm-revisions", "--reason", "checked with the registrar", file])
            #expect(confirmed.status == 0, "\(confirmed.out)\(confirmed.err)")
            #expect(confirmed.out.contains("revised, as confirmed"))
            #expect(try await SpoolTests.sql(state, """
                SELECT f.source || '|' || f.submitted_by || '|' || f.reason || '|' || r.published
                FROM observation_revision r JOIN feed f ON f.id = r.feed_id WHERE r.revision = 3
                """) == "cli|\(user)|checked with the registrar|true")
            // The audit and the changes from the command line.
            let audit = try await DaemonProcess.run(["revisions", "--state-dir", state, "--catalogue", catalogue, "--indicator", "low_birth_weight",
                                               "--format", "csv"])
            #expect(audit.status == 0, "\(audit.err)")
            #expect(audit.out.contains(",cli,local_health_board,\(user),") && audit.out.contains("checked with the registrar"), "\(audit.out)")
            #expect(audit.out.contains(",spool,local_health_board,\(user),") && audit.out.contains("late registrations"), "\(audit.out)")
            let listed = try await DaemonProcess.run(["publish", "--state-dir", state, "--catalogue", catalogue, "--list", "--format", "csv"])
            #expect(listed.status == 0 && listed.out.contains(",low_birth_weight,2023,,published,"), "\(listed.out)\(listed.err)")
            let changes = try await DaemonProcess.run(["changes", "--state-dir", state, "--catalogue", catalogue])
            #expect(changes.status == 0 && changes.out.hasPrefix("What changed since run"), "\(changes.out)\(changes.err)")
            kill(serve.processIdentifier, SIGTERM)
            #expect(await DaemonProcess.waitExit(serve, seconds: 60) == 0)
        }
    }
}
