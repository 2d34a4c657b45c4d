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
/// - Two feeds touching the same indicators serialise on per-indicator advisory locks (taken in
///   indicator order, so they cannot deadlock); the history keeps both versions.
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

    /// The streaming state of one feed while it is copied.
    struct Progress {
        var hasher = SHA256()
        var bytes = 0
        var staged = 0
        var rejected = 0
        /// Rows refused because the indicator is another partner's (all counted, past the cap).
        var foreign = 0
        var errors: [RowError] = []
        var fileError: FeedFileError?
        /// The stored ids of the staged rows' indicators (a few hundred at most, however long the
        /// feed): the merge locks them and the feed records them, without a pass over the staging table.
        var indicators: Set<Int32> = []

        /// Moves staged rows to the refused (they were taken out of the staging table), and says
        /// so in `report`.
        mutating func refuse(_ refused: [RowError], in report: inout ImportReport) {
            staged -= refused.count
            rejected += refused.count
            let room = FeedIngest.maximumReportedErrors - errors.count
            if room > 0 { errors += refused.prefix(room) }
            errors.sort { $0.line < $1.line }
            report.rejected = rejected
            report.errors = errors
        }

        /// Counts a batch, keeps its errors (up to the cap) and appends its rows as COPY text,
        /// keyed by the store's ids.
        mutating func take(_ batch: FeedBatch, ids: CopyText.IDs, into buffer: inout [UInt8]) throws {
            var last = -1
            for row in batch.rows {
                try CopyText.append(row, ids: ids, to: &buffer)
                // Rows come grouped by indicator: a set insert only when it changes.
                if let at = row.positions?.indicator, at != last { indicators.insert(ids.indicators[at]); last = at }
            }
            staged += batch.rows.count
            rejected += batch.errors.count
            foreign += batch.errors.count { $0.code == .partnerNotAllowed }
            let room = FeedIngest.maximumReportedErrors - errors.count
            if room > 0 { errors += batch.errors.prefix(room) }
        }
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
        var progress = Progress()
        let validator = RowValidator(catalogue: catalogue, partner: options.partner.key, today: options.today)
        // A partner's first load is copied straight into the history (``FirstLoad``): its feed
        // row comes first, for the rows' feed_id, after a savepoint that a repeated key goes back to.
        var first: (feedID: Int64, spill: FirstLoad.Spill)?
        if !options.dryRun, try await FirstLoad.claim(partner: options.partner.key, catalogue: catalogue, keys: keys,
                                                      on: connection, logger: logger) != nil {
            try await connection.query("SAVEPOINT \(unescaped: FirstLoad.savepoint)", logger: logger)
            let provisional = ImportReport(feedID: nil, status: .applied, duplicateOf: nil, partner: options.partner.key,
                                           fileName: options.fileName, sha256: String(repeating: "0", count: 64), rows: 0,
                                           inserted: 0, updated: 0, unchanged: 0, rejected: 0, fileError: nil, errors: [])
            first = (try await insertFeed(provisional, status: "applied", options: options, bytes: 0, on: connection), try FirstLoad.Spill())
        }
        // The COPY's failure while rows were still coming (a first load's repeated key): the rest
        // of the feed is still read into the spill, then the error is rethrown by the COPY's end.
        var copyFailure: (any Error)?
        let target = first == nil ? "feed_staging" : "observation_revision"
        do {
            try await connection.copyFrom(table: target, columns: first == nil ? CopyText.columns : CopyText.directColumns,
                                          logger: logger) { writer in
                var buffer: [UInt8] = []
                buffer.reserveCapacity(1 << 17)
                var direct: [UInt8] = []
                /// Sends the staged rows in `buffer`: to staging, or for a first load into the history
                /// and the spill.
                func send(_ isolation: isolated (any Actor)?) async throws {
                    guard let (feedID, spill) = first else {
                        try await writer.write(ByteBuffer(bytes: buffer))
                        buffer.removeAll(keepingCapacity: true)
                        return
                    }
                    try spill.append(buffer)
                    if copyFailure == nil {
                        direct.removeAll(keepingCapacity: true)
                        FirstLoad.directRows(fromStaged: buffer, feed: feedID, into: &direct)
                        do { try await writer.write(ByteBuffer(bytes: direct)) } catch { copyFailure = error }
                    }
                    buffer.removeAll(keepingCapacity: true)
                }
                var iterator = chunks.makeAsyncIterator()
                var csv = CSVFeedReader(validator: validator)
                var json = validator
                var all: [UInt8] = []
                do {
                    while let chunk = try await iterator.next(isolation: isolation) {
                        progress.hasher.update(data: chunk)
                        progress.bytes += chunk.count
                        switch options.format {
                        case .csv: try progress.take(try csv.consume(chunk[...]), ids: ids, into: &buffer)
                        case .json: all += chunk   // JSON is parsed whole; CSV is the bulk path
                        }
                        if buffer.count >= 1 << 16 { try await send(isolation) }
                    }
                    switch options.format {
                    case .csv: try progress.take(try csv.finish(), ids: ids, into: &buffer)
                    case .json: try progress.take(try JSONFeedReader.read(all, validator: &json), ids: ids, into: &buffer)
                    }
                } catch let error as FeedFileError {
                    progress.fileError = error
                    buffer.removeAll()
                    // Read the rest so the recorded sha256 covers the whole feed.
                    while let chunk = try await iterator.next(isolation: isolation) {
                        progress.hasher.update(data: chunk)
                        progress.bytes += chunk.count
                    }
                }
                if !buffer.isEmpty { try await send(isolation) }
            }
        } catch let error as PSQLError where first != nil && error.serverInfo?[.sqlState] == "23505" {
            // A first load that repeats a key: back to before its feed row and rows, and staged
            // from the spill, to be merged the usual way (which refuses the repeated rows).
            logger.debug("first load repeats a key; staging it to merge", metadata: ["partner": "\(options.partner.key)"])
            try await connection.query("ROLLBACK TO SAVEPOINT \(unescaped: FirstLoad.savepoint)", logger: logger)
            try await first?.spill.stage(on: connection, logger: logger)
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

    /// The merge still met a repeated key after the repeated rows were refused: a bug, never input.
    struct RepeatedKeysRemain: Error, CustomStringConvertible {
        var feedID: Int64
        var description: String { "feed \(feedID): the merge met a repeated key twice; nothing was stored" }
    }

    /// Takes refused rows out of the staging table (by their line), so the merge never sees them.
    static func unstage(_ refused: [RowError], on connection: PostgresConnection, logger: Logger) async throws {
        guard !refused.isEmpty else { return }
        try await connection.query("DELETE FROM feed_staging WHERE line = ANY(\(refused.map { Int64($0.line) }))", logger: logger)
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String($0, radix: 16).leftPadded(2) }.joined()
    }

    /// The earlier applied feed of this partner with this SHA-256, if any.
    private func appliedFeed(sha256: [UInt8], partner: String, on connection: PostgresConnection) async throws -> Int64? {
        for try await earlier in try await connection.query("""
            SELECT f.id FROM feed f JOIN partner p ON p.id = f.partner_id
            WHERE f.sha256 = \(ByteBuffer(bytes: sha256)) AND f.status = 'applied' AND p.key = \(partner)
            ORDER BY f.id LIMIT 1
            """, logger: logger).decode(Int64.self) {
            return earlier
        }
        return nil
    }

    private func duplicateReport(of earlier: Int64, sha256: [UInt8], options: FeedSubmission) -> ImportReport {
        ImportReport(feedID: nil, status: .duplicate, duplicateOf: earlier, partner: options.partner.key,
                     fileName: options.fileName, sha256: Self.hex(sha256), rows: 0, inserted: 0, updated: 0,
                     unchanged: 0, rejected: 0, fileError: nil, errors: [])
    }

    /// The staged rows with their keys as sent (for messages: joined back to the catalogue tables).
    static let stagedWithKeys = """
        SELECT st.*, i.key AS indicator_key, a.code AS area_code, b.key AS breakdown_key
        FROM feed_staging st
        JOIN indicator i ON i.id = st.indicator_id
        JOIN area a ON a.id = st.area_id
        JOIN breakdown b ON b.id = st.breakdown_id
        """

    /// Writes each staged row whose value is new or changed as the next revision of its
    /// observation (``Migration/m0011RevisionsOnly``: the history is the only keyed table, so a
    /// value is written once); returns (inserted, updated), or the staged rows that repeat an
    /// earlier row's key, found by the history's unique key, when there are any: the caller
    /// refuses them and merges again.
    ///
    /// Feeds that touch the same indicators take their locks in indicator order and so apply one
    /// after the other (the second sees the first's revisions); others run side by side.
    private func merge(feedID: Int64, indicators: Set<Int32>, place: RowError.Place, on connection: PostgresConnection) async throws -> Merged {
        let touched = indicators.sorted()
        // One lock per touched indicator, in id order (no deadlock); held to the commit. Then
        // which of them have no observation yet (one probe of the key each, under the locks).
        var fresh: [Int32] = []
        for try await (id, empty) in try await connection.query("""
            SELECT t.id, NOT EXISTS (SELECT 1 FROM observation_revision r WHERE r.indicator_id = t.id)
            FROM (SELECT id, pg_advisory_xact_lock(\(Self.indicatorLockSpace), id) FROM unnest(\(touched)::int[]) AS u(id) ORDER BY id) t
            """, logger: logger).decode((Int32, Bool).self) where empty {
            fresh.append(id)
        }
        try await connection.query("SAVEPOINT merge", logger: logger)
        var counts = (inserted: 0, updated: 0)
        do {
            // A first load of an indicator is a plain insert of revision 1: nothing to compare
            // with, so no look-up per row. Then the indicators with observations.
            for firstLoad in [true, false] where firstLoad ? !fresh.isEmpty : fresh.count < touched.count {
                let (inserted, updated) = try await insertRevisions(feedID: feedID, firstLoad: firstLoad, fresh: fresh, on: connection)
                counts.inserted += inserted
                counts.updated += updated
            }
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" {
            // Two staged rows with one key both became "the next revision": a key given twice.
            try await connection.query("ROLLBACK TO SAVEPOINT merge", logger: logger)
            let repeated = try await repeatedKeys(place: place, on: connection)
            guard !repeated.isEmpty else { throw error }
            return .repeated(repeated)
        }
        try await connection.query("RELEASE SAVEPOINT merge", logger: logger)
        // Which indicators the feed touched: the scheduler recomputes just these after it.
        try await connection.query("""
            UPDATE feed SET indicators = \(touched)::int[] WHERE id = \(feedID)
            """, logger: logger)
        return .merged(inserted: counts.inserted, updated: counts.updated)
    }

    /// Inserts staged rows as revisions and returns (new keys, revised keys). `firstLoad`: the
    /// rows of the `fresh` indicators, which have no observation, as revision 1; otherwise the
    /// others' rows that are new or changed, as the next revision of their key (looked up on it).
    /// Consumed here, so the unique key's error (a key given twice) reaches the caller.
    private func insertRevisions(feedID: Int64, firstLoad: Bool, fresh: [Int32], on connection: PostgresConnection) async throws -> (Int, Int) {
        let revision = firstLoad ? "1" : "coalesce(c.revision, 0) + 1"
        let current = firstLoad ? "" : "LEFT JOIN LATERAL (\(Self.currentRevision)) c ON true"
        let among = firstLoad ? "= ANY" : "<> ALL"
        let changed = firstLoad ? "" : """
            AND (c.revision IS NULL
                 OR (c.numerator, c.denominator, c.value, c.lower, c.upper, c.notes)
                    IS DISTINCT FROM (s.numerator, s.denominator, s.value, s.lower, s.upper, s.notes))
            """
        for try await counts in try await connection.query("""
            WITH written AS (
                INSERT INTO observation_revision (indicator_id, area_id, breakdown_id, period, revision, period_start,
                    numerator, denominator, value, lower, upper, notes, reason, feed_id, recorded_at)
                SELECT s.indicator_id, s.area_id, s.breakdown_id, s.period, \(unescaped: revision), s.period_start,
                    s.numerator, s.denominator, s.value, s.lower, s.upper, s.notes, s.reason, \(feedID), now()
                FROM feed_staging s \(unescaped: current)
                WHERE s.indicator_id \(unescaped: among)(\(fresh)::int[]) \(unescaped: changed)
                RETURNING revision)
            SELECT (count(*) FILTER (WHERE revision = 1))::int, (count(*) FILTER (WHERE revision > 1))::int FROM written
            """, logger: logger).decode((Int, Int).self) {
            return counts
        }
        return (0, 0)
    }

    enum Merged {
        case merged(inserted: Int, updated: Int)
        case repeated([RowError])
    }

    /// `pg_advisory_xact_lock(space, indicator_id)`: the two-key lock space of feeds' merges.
    static let indicatorLockSpace: Int32 = 0x0F_EED

    /// The newest stored revision of staged row `s`'s observation: the first entry of its range
    /// in `observation_revision_key` (revision descending).
    static let currentRevision = """
        SELECT r.revision, r.numerator, r.denominator, r.value, r.lower, r.upper, r.notes
        FROM observation_revision r
        WHERE r.indicator_id = s.indicator_id AND r.area_id = s.area_id AND r.breakdown_id = s.breakdown_id AND r.period = s.period
        ORDER BY r.revision DESC LIMIT 1
        """

    /// Staged rows whose indicator, area, breakdown and period an earlier row of the feed already
    /// gave, as `duplicate_key` row errors naming that row, in line order. Asked of the database
    /// only when the merge met a repeated key (or for a dry run), so the feed is never held in
    /// memory to find them.
    private func repeatedKeys(place: RowError.Place, on connection: PostgresConnection) async throws -> [RowError] {
        let rows = try await connection.query("""
            SELECT line, first, indicator_key, area_code, breakdown_key, period FROM (
                SELECT line, indicator_key, area_code, breakdown_key, period,
                       min(line) OVER (PARTITION BY indicator_id, area_id, breakdown_id, period) AS first
                FROM (\(unescaped: Self.stagedWithKeys)) st) d
            WHERE line <> first ORDER BY line
            """, logger: logger)
        var errors: [RowError] = []
        for try await (line, first, indicator, area, breakdown, period) in rows.decode((Int64, Int64, String, String, String, String).self) {
            errors.append(RowError.repeatedKey(line: Int(line), firstLine: Int(first), place: place,
                                               key: "\(indicator) \(area) \(breakdown) \(period)"))
        }
        return errors
    }

    /// For a dry run: how many staged rows are new and how many would change.
    private func wouldChange(on connection: PostgresConnection) async throws -> (Int, Int) {
        let rows = try await connection.query("""
            WITH s AS (SELECT * FROM feed_staging)
            SELECT (count(*) FILTER (WHERE c.revision IS NULL))::int,
                   (count(*) FILTER (WHERE c.revision IS NOT NULL AND (c.numerator, c.denominator, c.value, c.lower, c.upper, c.notes)
                        IS DISTINCT FROM (s.numerator, s.denominator, s.value, s.lower, s.upper, s.notes)))::int
            FROM s LEFT JOIN LATERAL (\(unescaped: Self.currentRevision)) c ON true
            """, logger: logger)
        for try await pair in rows.decode((Int, Int).self) { return pair }
        return (0, 0)
    }

    private func insertFeed(_ report: ImportReport, status: String, options: FeedSubmission, bytes: Int,
                            on connection: PostgresConnection) async throws -> Int64 {
        let sha = ByteBuffer(bytes: report.sha256.hexBytes)
        let message = report.fileError.map { StoredText.clean("\($0.code): \($0.message)") }
            ?? (status != "rejected" ? nil : report.rejected == report.rows
                ? "no valid row: every row was rejected (see the errors)"
                : "strict: \(report.rejected) of \(report.rows) rows rejected, so none was stored")
        let rows = try await connection.query("""
            INSERT INTO feed (partner_id, source, file_name, sha256, byte_size, format, strict, status, duplicate_of,
                              rows_total, rejected, message, submitted_by, reason, confirm_revisions, finished_at)
            SELECT p.id, \(options.source.rawValue), \(StoredText.clean(options.fileName)), \(sha), \(bytes), \(options.format.rawValue),
                   \(options.strict), \(status), \(report.duplicateOf), \(report.rows), \(report.rejected), \(message),
                   \(StoredText.clean(options.submittedBy)), \(StoredText.clean(options.reason)), \(options.confirmRevisions),
                   CASE WHEN \(status) = 'applied' THEN NULL ELSE clock_timestamp() END
            FROM partner p WHERE p.key = \(options.partner.key)
            RETURNING id
            """, logger: logger)
        for try await id in rows.decode(Int64.self) { return id }
        throw CatalogueKeys.NotSynced(kind: "partner", key: options.partner.key)
    }

    private func insertErrors(_ errors: [RowError], feedID: Int64, on connection: PostgresConnection) async throws {
        guard !errors.isEmpty else { return }
        try await connection.query("""
            INSERT INTO feed_error (feed_id, ordinal, line, col, field, code, message, value)
            SELECT \(feedID), e.ordinal, e.line, nullif(e.col, 0), e.field, e.code, e.message, e.value
            FROM unnest(\(Array(1...errors.count)), \(errors.map { Int64($0.line) }), \(errors.map { Int64($0.column ?? 0) }),
                        \(errors.map { StoredText.clean($0.field) }), \(errors.map(\.code.rawValue)),
                        \(errors.map { StoredText.clean($0.message) }), \(errors.map { StoredText.clean($0.value) }))
                 AS e(ordinal, line, col, field, code, message, value)
            """, logger: logger)
    }

    /// Records a refused or duplicate feed (with its row errors) after the data was rolled back.
    private func recordRefusal(_ report: ImportReport, options: FeedSubmission, bytes: Int) async throws -> Int64 {
        try await client.withTransaction(logger: logger) { tx in
            let id = try await insertFeed(report, status: report.status.rawValue, options: options, bytes: bytes, on: tx)
            try await insertErrors(report.errors, feedID: id, on: tx)
            return id
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }

    /// Hex text to bytes ("0aff" → [0x0a, 0xff]).
    var hexBytes: [UInt8] {
        var bytes: [UInt8] = []
        var chars = Array(utf8)[...]
        while chars.count >= 2 {
            if let b = UInt8(String(decoding: chars.prefix(2), as: UTF8.self), radix: 16) { bytes.append(b) }
            chars = chars.dropFirst(2)
        }
        return bytes
    }
}
