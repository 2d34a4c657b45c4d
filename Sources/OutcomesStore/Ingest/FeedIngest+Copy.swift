import OutcomesCore
import OutcomesFeeds
import PostgresNIO
import Logging
import Crypto

/// Reading a feed into PostgreSQL (``FeedIngest``): its bytes parsed and validated as they come,
/// the valid rows copied (COPY text, keyed by the store's ids) into staging, or for a partner's
/// first load (``FirstLoad``) into the history and its spill.
extension FeedIngest {
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

    /// Copies the feed's valid rows: into `feed_staging`, or, for a first load (`first`), into
    /// the history and its spill. Returns what was read, and whether a first load's COPY stopped
    /// at a repeated key (the rest of the feed was still read, into the spill).
    func copyRows<Chunks: AsyncSequence>(_ chunks: Chunks, options: FeedSubmission, ids: CopyText.IDs,
                                         first: (feedID: Int64, spill: FirstLoad.Spill)?, on connection: PostgresConnection,
                                         isolation: isolated (any Actor)?) async throws -> (progress: Progress, repeatedKey: Bool)
    where Chunks.Element == [UInt8] {
        var progress = Progress()
        let validator = RowValidator(catalogue: catalogue, partner: options.partner.key, today: options.today)
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
            return (progress, true)
        }
        return (progress, false)
    }
}
