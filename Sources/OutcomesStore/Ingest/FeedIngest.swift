public import OutcomesCore
import OutcomesFeeds
public import PostgresNIO
public import Logging
import Crypto

/// Lands one feed in PostgreSQL: validated rows streamed through `COPY` into a temporary staging
/// table, then merged set-wise into `observation_revision`, where each new or changed value is
/// written once as the next revision of its observation (`observation` is the view of the newest
/// revisions) — all in one transaction, so after a crash a feed is either fully there or not at all.
///
/// - Unchanged rows write nothing and are counted as unchanged.
/// - The same observation twice in one feed is refused (`duplicate_key`, naming the first row).
///   The history's unique key finds it during the merge, so no table of the feed's keys grows in
///   memory: the merge goes back to a savepoint, the later rows are refused, and it runs again.
/// - A byte-identical re-send (same SHA-256 as an applied feed of the same partner) writes nothing
///   and is recorded as a duplicate.
/// - Two feeds touching the same indicators serialise on the indicators' advisory locks (taken
///   in order, so they cannot deadlock; at most 1,024 a feed, ``lockStripes``); the history
///   keeps both versions.
/// - The feed is never held in memory whole: chunks are parsed, validated and copied as they come.
///
/// ```swift
/// let report = try await FeedIngest(client: client, catalogue: catalogue, logger: logger)
///     .ingest(chunks, try FeedSubmission(partner: "local_authority", in: catalogue, source: .cli, fileName: "lac.csv",
///                                        format: .csv, today: today))
/// ```
public struct FeedIngest: Sendable {
    /// Row errors kept in a report and in `feed_error`; beyond this they are counted only.
    public static let maximumReportedErrors = 10_000

    let client: PostgresClient
    let catalogue: Catalogue
    /// The stored ids of `catalogue`'s keys, loaded after its sync; nil: loaded for each feed.
    let keys: CatalogueKeys?
    let logger: Logger

    public init(client: PostgresClient, catalogue: Catalogue, keys: CatalogueKeys? = nil, logger: Logger) {
        self.client = client
        self.catalogue = catalogue
        self.keys = keys
        self.logger = logger
    }

    /// Ingests the feed whose bytes `chunks` yields, in order. The submission was built (and its
    /// partner checked) where the feed came in; nothing here checks it again.
    public func ingest<Chunks: AsyncSequence>(_ chunks: Chunks, _ options: FeedSubmission,
                                              isolation: isolated (any Actor)? = #isolation) async throws -> ImportReport
    where Chunks.Element == [UInt8] {
        let result = try await client.withConnection(isolation: isolation) { connection in
            if let known = options.sha256, !options.dryRun,
               let earlier = try await appliedFeed(sha256: known, partner: options.partner.key, on: connection) {
                return StageResult(report: duplicateReport(of: earlier, sha256: known, options: options), commit: false, bytes: 0)
            }
            try await connection.query("BEGIN", logger: logger)
            do {
                // A large feed legitimately takes longer than the pool's statement_timeout.
                try await connection.query("SET LOCAL statement_timeout = 0", logger: logger)
                // Room for the merge's sort, hash joins and RETURNING buffer to stay in memory
                // (the default 4 MB spills a million-row feed to disk several times over).
                try await connection.query("SET LOCAL work_mem = '256MB'", logger: logger)
                // The merge's plan is simple and its cost estimate high: JIT compiling it took
                // 0.42 s of a million-row merge and saved nothing (auto_explain, Benchmarks/ingest).
                try await connection.query("SET LOCAL jit = off", logger: logger)
                let result = try await stageAndMerge(chunks, options: options, on: connection, isolation: isolation)
                try await connection.query(result.commit ? "COMMIT" : "ROLLBACK", logger: logger)
                return result
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        }
        var report = result.report
        // Refusals and duplicates are recorded after the rollback, in their own transaction.
        if !options.dryRun, report.status == .rejected || report.status == .duplicate {
            report.feedID = try await recordRefusal(report, options: options, bytes: result.bytes)
        }
        logger.info("feed processed", metadata: [
            "feed_id": "\(report.feedID.map(String.init) ?? "-")", "status": "\(report.status.rawValue)",
            "partner": "\(options.partner.key)", "file": "\(options.fileName ?? "-")", "rows": "\(report.rows)",
            "inserted": "\(report.inserted)", "updated": "\(report.updated)", "unchanged": "\(report.unchanged)",
            "rejected": "\(report.rejected)",
        ])
        return report
    }

    struct StageResult: Sendable {
        var report: ImportReport
        var commit: Bool
        var bytes: Int
    }

    private func stageAndMerge<Chunks: AsyncSequence>(_ chunks: Chunks, options: FeedSubmission, on connection: PostgresConnection,
                                                      isolation: isolated (any Actor)?) async throws -> StageResult
    where Chunks.Element == [UInt8] {
        try await connection.query("""
            CREATE TEMP TABLE feed_staging (
                line bigint, indicator_id integer, area_id integer, breakdown_id smallint, period text, period_start date,
                numerator double precision, denominator double precision, value double precision,
                lower double precision, upper double precision, notes text, reason text
            ) ON COMMIT DROP
            """, logger: logger)
        // Rows are staged keyed by the stored ids, looked up by catalogue position.
        let keys: CatalogueKeys
        if let given = self.keys { keys = given } else { keys = try await CatalogueKeys.load(connection, logger: logger) }
        let ids = try keys.copyIDs(for: CatalogueKeyOrder(catalogue))
        // A partner's first load is copied straight into the history (``FirstLoad``): its feed
        // row comes first, for the rows' feed_id, after a savepoint that a repeated key goes back to.
        var first: (feedID: Int64, spill: FirstLoad.Spill)?
        if !options.dryRun, try await FirstLoad.claim(partner: options.partner.key, catalogue: catalogue, keys: keys,
                                                      on: connection, logger: logger) {
            try await connection.query("SAVEPOINT \(unescaped: FirstLoad.savepoint)", logger: logger)
            let provisional = ImportReport(feedID: nil, status: .applied, duplicateOf: nil, partner: options.partner.key,
                                           fileName: options.fileName, sha256: String(repeating: "0", count: 64), rows: 0,
                                           inserted: 0, updated: 0, unchanged: 0, rejected: 0, fileError: nil, errors: [])
            first = (try await insertFeed(provisional, status: "applied", options: options, bytes: 0, on: connection), try FirstLoad.Spill())
        }
        var (progress, repeatedKey) = try await copyRows(chunks, options: options, ids: ids, first: first, on: connection,
                                                         isolation: isolation)
        if repeatedKey, let spill = first?.spill {
            // A first load that repeats a key: back to before its feed row and rows, and staged
            // from the spill, to be merged the usual way (which refuses the repeated rows).
            logger.debug("first load repeats a key; staging it to merge", metadata: ["partner": "\(options.partner.key)"])
            try await connection.query("ROLLBACK TO SAVEPOINT \(unescaped: FirstLoad.savepoint)", logger: logger)
            try await spill.stage(on: connection, logger: logger)
            first = nil
        }

        let sha = Self.hex(Array(progress.hasher.finalize()))
        var report = ImportReport(feedID: nil, status: .applied, duplicateOf: nil, partner: options.partner.key,
                                  fileName: options.fileName, sha256: sha, rows: progress.staged + progress.rejected,
                                  inserted: 0, updated: 0, unchanged: 0, rejected: progress.rejected,
                                  fileError: progress.fileError, errors: progress.errors)
        report.foreign = progress.foreign
        if progress.fileError != nil {
            report.status = .rejected
            report.rejected = report.rows
            return StageResult(report: report, commit: false, bytes: progress.bytes)
        }
        // Rows that would change published values: refused unless the feed confirms them.
        let place: RowError.Place = options.format == .json ? .observation : .line
        let published = PublishedRevisions(catalogue: catalogue, logger: logger)
        // A first load has no stored value, so no published one to change (and no staging).
        let changes = first != nil ? [] : try await published.changes(confirmed: options.confirmRevisions, on: connection)
        report.publishedChanges = Array(changes.prefix(Self.maximumReportedErrors))
        if !options.confirmRevisions, !changes.isEmpty {
            let refused = changes.map { $0.rowError(place: place) }
            try await Self.unstage(refused, on: connection, logger: logger)
            progress.refuse(refused, in: &report)
        }
        if options.strict && progress.rejected > 0 {
            report.status = .rejected
            return StageResult(report: report, commit: false, bytes: progress.bytes)
        }
        if options.dryRun {
            // A dry run merges nothing, so it asks for repeated keys itself.
            let repeated = try await repeatedKeys(place: place, on: connection)
            try await Self.unstage(repeated, on: connection, logger: logger)
            progress.refuse(repeated, in: &report)
            let (inserted, updated) = try await wouldChange(on: connection)
            report.status = options.strict && !repeated.isEmpty ? .rejected : .dryRun
            report.inserted = inserted
            report.updated = updated
            report.unchanged = progress.staged - inserted - updated
            return StageResult(report: report, commit: false, bytes: progress.bytes)
        }
        // Not one valid row: the feed is rejected, not applied, so sending it again (corrected, or
        // by the right partner) is validated afresh rather than answered as a duplicate.
        if progress.staged == 0 && progress.rejected > 0 {
            report.status = .rejected
            return StageResult(report: report, commit: false, bytes: progress.bytes)
        }
        if let earlier = try await appliedFeed(sha256: Array(progress.hasher.finalize()), partner: options.partner.key, on: connection) {
            report = duplicateReport(of: earlier, sha256: Array(progress.hasher.finalize()), options: options)
            return StageResult(report: report, commit: false, bytes: progress.bytes)
        }

        if let (feedID, _) = first {
            // Every row is in: each one a new key's revision 1.
            logger.debug("first load copied into the history", metadata: ["feed_id": "\(feedID)", "rows": "\(progress.staged)"])
            report.feedID = feedID
            report.inserted = progress.staged
            report.unchanged = 0
            try await insertErrors(report.errors, feedID: feedID, on: connection)
            try await connection.query("""
                UPDATE feed SET finished_at = clock_timestamp(), sha256 = \(ByteBuffer(bytes: report.sha256.hexBytes)),
                    byte_size = \(progress.bytes), rows_total = \(report.rows), inserted = \(report.inserted), updated = 0, unchanged = 0,
                    rejected = \(report.rejected), indicators = \(progress.indicators.sorted())::int[]
                WHERE id = \(feedID)
                """, logger: logger)
            return StageResult(report: report, commit: true, bytes: progress.bytes)
        }
        let feedID = try await insertFeed(report, status: "applied", options: options, bytes: progress.bytes, on: connection)
        report.feedID = feedID
        let staged = ContinuousClock.now
        var merged = try await merge(feedID: feedID, indicators: progress.indicators, place: place, on: connection)
        if case .repeated(let repeated) = merged {
            // Keys given twice: the later rows are refused and the rest merged again.
            try await Self.unstage(repeated, on: connection, logger: logger)
            progress.refuse(repeated, in: &report)
            if options.strict {
                report.status = .rejected
                return StageResult(report: report, commit: false, bytes: progress.bytes)
            }
            merged = try await merge(feedID: feedID, indicators: progress.indicators, place: place, on: connection)
        }
        guard case .merged(let inserted, let updated) = merged else {
            throw RepeatedKeysRemain(feedID: feedID)
        }
        logger.debug("feed merged", metadata: ["feed_id": "\(feedID)", "merge_seconds": "\(ContinuousClock.now - staged)"])
        report.inserted = inserted
        report.updated = updated
        report.unchanged = progress.staged - inserted - updated
        if options.confirmRevisions { try await published.mark(changes, feedID: feedID, on: connection) }
        try await insertErrors(report.errors, feedID: feedID, on: connection)
        try await connection.query("""
            UPDATE feed SET finished_at = clock_timestamp(), rows_total = \(report.rows), inserted = \(inserted),
                updated = \(updated), unchanged = \(report.unchanged), rejected = \(report.rejected)
            WHERE id = \(feedID)
            """, logger: logger)
        return StageResult(report: report, commit: true, bytes: progress.bytes)
    }
}
