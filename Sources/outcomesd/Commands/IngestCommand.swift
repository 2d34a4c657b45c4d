import ArgumentParser
import Foundation
import Glibc
import OutcomesCore
import OutcomesFeeds
import OutcomesStore

/// `outcomesd ingest FILE… --partner KEY`: loads feeds from the command line.
struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Validate and load CSV or JSON feed files; print the import report.",
        discussion: "Exit status: 0 when every row landed, 2 when some rows were rejected, 1 when a feed was rejected whole."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var options: GlobalOptions
    @Option(help: "The partner sending the feeds (a key of partners.yaml).") var partner: String
    @Flag(name: .customLong("dry-run"), help: "Validate and report without writing.") var dryRun = false
    @Flag(help: "Reject a whole feed on any row error.") var strict = false
    @Flag(name: .customLong("confirm-revisions"),
          help: "Apply rows that change published figures (as confirmed revisions) instead of refusing them.") var confirmRevisions = false
    @Option(help: "Why the feed is sent (kept with each revision it makes; a row's own reason column comes first).") var reason: String?
    @Option(help: "Report format: text or json.") var format: Format = .text
    @Argument(help: "Feed files (.csv or .json).") var files: [String]

    func run() async throws {
        do {
            // Each file's SHA-256 (a byte-identical re-send is answered from it, without a row
            // read) is computed on another core while the catalogue loads and the database opens.
            let digests = files.map { file in Task { try await FeedDigest.sha256(of: file) } }
            defer { digests.forEach { $0.cancel() } }
            let runtime = try Runtime(options)
            let catalogue = try runtime.loadCatalogue()
            // Checked before the database is opened: the same check builds each file's submission.
            do {
                _ = try FeedSubmission(partner: partner, in: catalogue, source: .cli, fileName: nil, format: .csv, today: .today())
            } catch {
                printError("--partner: \(error)")
                throw ExitWith(.validationFailure)
            }
            let today = CivilDate.today()
            let (partnerKey, dryRun, strict, files, logger) = (partner, dryRun, strict, files, runtime.logger)
            let (confirm, reason, user) = (confirmRevisions, reason, SystemUser.current)
            let reports = try await runtime.withMigratedDatabase(catalogue: catalogue) { client in
                var reports: [ImportReport] = []
                let ingest = FeedIngest(client: client, catalogue: catalogue, logger: logger)
                for (file, digesting) in zip(files, digests) {
                    let head = Self.firstBytes(file)
                    let format = FeedFormat.detect(fileName: file, contentType: nil, firstBytes: head)
                    let chunks = FileChunks(path: file, onProgress: Self.progressPrinter(file))
                    let digest = try await digesting.value
                    reports.append(try await ingest.ingest(chunks, FeedSubmission(partner: partnerKey, in: catalogue, source: .cli, fileName: file, format: format,
                        strict: strict, dryRun: dryRun, today: today, sha256: digest,
                        submittedBy: user, reason: reason, confirmRevisions: confirm)))
                }
                return reports
            }
            switch format {
            case .text: for report in reports { print(report.text, terminator: "") }
            case .json:
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(reports), as: UTF8.self))
            }
            let worst = reports.map(\.exitCode).max { a, b in Self.rank(a) < Self.rank(b) } ?? 0
            if worst != 0 { throw ExitWith(ExitCode(worst)) }
        } catch let exit as ExitWith {
            throw exit.code
        } catch let error as FileChunks.OpenError {
            printError(error.description)
            throw ExitCode.failure
        }
    }

    /// Whole rejection (1) outranks partial (2), which outranks success (0).
    static func rank(_ code: Int32) -> Int { code == 1 ? 2 : (code == 2 ? 1 : 0) }

    static func firstBytes(_ path: String) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        return [UInt8]((try? handle.read(upToCount: 64)) ?? Data())
    }

    /// Progress on stderr for large files, only when stderr is a terminal.
    static func progressPrinter(_ file: String) -> @Sendable (Int) -> Void {
        guard isatty(2) == 1, let size = FileChunks.size(of: file), size > 8 << 20 else { return { _ in } }
        return { done in
            let percent = Int(Double(done) / Double(max(size, 1)) * 100)
            FileHandle.standardError.write(Data("\r\(file): \(percent)% of \(size >> 20) MiB\(done >= size ? "\n" : "")".utf8))
        }
    }
}
