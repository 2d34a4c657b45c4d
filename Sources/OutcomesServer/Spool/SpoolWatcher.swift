import Foundation
import Logging
import OutcomesCore
import OutcomesFeeds
import OutcomesStore
import ServiceLifecycle

/// Watches `<state>/spool/incoming/<partner>/` and ingests each file that appears (see
/// ``SpoolFolder`` for the file moves). Files left in `processing/` by a crash go first.
///
/// A feed is applied in one transaction, so a kill at any moment leaves it either fully stored or
/// not at all, with its file still in `processing/`: the next start processes it again (and a
/// feed that did commit is then recognised by its SHA-256 as a duplicate and archived).
/// On graceful shutdown the loop stops between files; a feed in flight is cancelled (rolled back)
/// and stays in `processing/`. While the database is unreachable (``DatabaseHealth``) nothing is
/// claimed: files wait in `incoming/`, and a feed that failed for the outage waits in
/// `processing/`; both are taken as soon as the database answers again.
struct SpoolWatcher: Service {
    let folder: SpoolFolder
    let context: ServerContext
    let gate: StartupGate

    func run() async throws {
        let logger = context.logger
        await cancelWhenGracefulShutdown { await gate.wait() }
        guard gate.isOpen else { return }
        guard !Task.isShuttingDownGracefully else { return }
        try folder.prepare(partners: context.catalogue.partners.map(\.key))
        logger.info("watching spool folder", metadata: ["incoming": "\(folder.incoming)"])
        var failures = 0
        var unmovable = Set<[UInt8]>()
        let (heartbeats, health) = (context.heartbeats, context.databaseHealth)
        defer { heartbeats.stopped(.spool) }
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            // Ingesting a large feed may take long; the watchdog allows it up to an hour.
            heartbeats.tick(.spool, nextWithin: .seconds(3600))
            // While the database is known to be down, files wait in incoming/ untouched.
            if !health.isReachable {
                heartbeats.tick(.spool, nextWithin: .seconds(60))
                await cancelWhenGracefulShutdown { await health.waitUntilReachable(atMost: .seconds(30)) }
                continue
            }
            do {
                refuseOddEntries(unmovable: &unmovable)
                for file in folder.unfinished() {
                    guard !Task.isShuttingDownGracefully else { return }
                    try await process(file)
                }
                while !Task.isShuttingDownGracefully, let file = try folder.claimNext() {
                    try await process(file)
                }
                failures = 0
            } catch is CancellationError {
                return
            } catch {
                failures += 1
                logger.error("spool processing failed; will retry", metadata: ["error": "\(String(reflecting: error))", "attempt": "\(failures)"])
            }
            // Back off after failures, up to a minute; a file that failed because the database
            // was down stays in processing/ and is retried as soon as the database is back.
            let pause = failures == 0 ? context.spoolInterval : min(.seconds(60), context.spoolInterval * (1 << min(failures, 5)))
            heartbeats.tick(.spool, nextWithin: pause * 3 + .seconds(10))
            if failures > 0 && !health.isReachable {
                await cancelWhenGracefulShutdown { await health.waitUntilReachable(atMost: pause) }
            } else {
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: pause) }
            }
        }
    }

    /// Moves what the spool will not read (odd names, links, folders, pipes…) to rejected/ with
    /// an errors file saying why. One that cannot be moved (e.g. a path past PATH_MAX) is logged
    /// once and left; it never blocks the feeds behind it.
    func refuseOddEntries(unmovable: inout Set<[UInt8]>) {
        for refusal in SpoolScan(folder.incoming).refused + SpoolScan(folder.processing).refused where !unmovable.contains(refusal.path) {
            do {
                let moved = try folder.refuse(refusal)
                context.logger.warning("spool entry refused", metadata: ["file": "\(moved)", "reason": "\(refusal.reason)"])
            } catch {
                unmovable.insert(refusal.path)
                context.logger.error("spool entry refused but could not be moved to rejected/; left where it is",
                                     metadata: ["file": "\(refusal.name)", "reason": "\(refusal.reason)", "error": "\(error)"])
            }
        }
    }

    /// Ingests one claimed file and moves it to archive/ or rejected/.
    func process(_ file: SpoolFolder.Claimed) async throws {
        let logger = context.logger
        let confirmation = folder.confirmation(of: file)
        let submission: FeedSubmission
        do {
            submission = try FeedSubmission(
                partner: file.partner, in: context.catalogue, source: .spool, fileName: file.name,
                format: FeedFormat.detect(fileName: file.name, contentType: nil, firstBytes: Self.head(file.path)),
                today: CivilDate.today(), sha256: try await FeedDigest.sha256(of: file.path),
                submittedBy: SpoolFolder.owner(of: file.path), reason: confirmation, confirmRevisions: confirmation != nil)
        } catch let unknown as FeedSubmission.UnknownPartner {
            let moved = try folder.reject(file, errors: "\(file.name): rejected whole: the folder is not a partner's: \(unknown) (spool folders are named after partner keys)\n")
            logger.warning("spool file in an unknown partner folder", metadata: ["file": "\(moved)"])
            return
        }
        let report = try await context.makeFeedIngest(logger: logger)
            .ingest(FileChunks(path: file.path), submission)
        context.metrics.feedIngested(report)
        if report.status == .applied { context.feedSignal.applied() }
        switch report.status {
        case .rejected:
            let moved = try folder.reject(file, errors: report.text)
            logger.notice("spool feed rejected", metadata: ["file": "\(moved)", "feed_id": "\(report.feedID.map(String.init) ?? "-")"])
        case .applied, .duplicate, .dryRun:
            let (moved, errorsNotWritten) = try folder.archive(file, feedID: report.feedID, errors: report.rejected > 0 ? report.text : nil)
            if let errorsNotWritten {
                logger.error("spool feed archived, but its rejected rows' errors file could not be written beside it; they are in GET /v1/feeds/{id}",
                             metadata: ["file": "\(moved)", "feed_id": "\(report.feedID.map(String.init) ?? "-")", "error": "\(errorsNotWritten)"])
            }
            logger.notice("spool feed archived", metadata: ["file": "\(moved)", "status": "\(report.status.rawValue)"])
        }
    }

    static func head(_ path: String) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        return [UInt8]((try? handle.read(upToCount: 64)) ?? Data())
    }
}
