public import OutcomesFeeds

/// What happened to one feed: the answer to `outcomesd ingest` and `POST /v1/feeds`.
public struct ImportReport: Sendable, Encodable, Equatable {
    public enum Status: String, Sendable, Encodable {
        /// Stored (possibly with some rows rejected).
        case applied
        /// Refused whole: a file-level error, no valid row, or any row error under `strict`.
        case rejected
        /// Byte-identical to an earlier applied feed; nothing written.
        case duplicate
        /// Validated only (`--dry-run`); nothing written.
        case dryRun = "dry_run"
    }

    public var feedID: Int64?
    public var status: Status
    public var duplicateOf: Int64?
    public var partner: String
    public var fileName: String?
    public var sha256: String
    public var rows: Int
    public var inserted: Int
    public var updated: Int
    public var unchanged: Int
    public var rejected: Int
    /// The file-level error when the feed was refused whole.
    public var fileError: FeedFileError?
    /// Row errors (at most ``FeedIngest/maximumReportedErrors``; `rejected` counts them all).
    public var errors: [RowError]
    /// Rows that change published values: refused (each is also a `period_published` row error)
    /// or, when the feed confirmed them, applied as confirmed revisions; a dry run lists them too.
    public var publishedChanges: [PublishedChange] = []
    /// Rows refused as another partner's indicators (all counted; not encoded).
    public var foreign = 0

    enum CodingKeys: String, CodingKey {
        case feedID = "feed_id", status, duplicateOf = "duplicate_of", partner, fileName = "file_name", sha256
        case rows, inserted, updated, unchanged, rejected, fileError = "file_error", errors
        case publishedChanges = "published_changes"
    }

    enum FileErrorKeys: String, CodingKey {
        case code, message, line, column, byteOffset = "byte_offset"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(feedID, forKey: .feedID)
        try c.encode(status, forKey: .status)
        try c.encode(duplicateOf, forKey: .duplicateOf)
        try c.encode(partner, forKey: .partner)
        try c.encode(fileName, forKey: .fileName)
        try c.encode(sha256, forKey: .sha256)
        try c.encode(rows, forKey: .rows)
        try c.encode(inserted, forKey: .inserted)
        try c.encode(updated, forKey: .updated)
        try c.encode(unchanged, forKey: .unchanged)
        try c.encode(rejected, forKey: .rejected)
        if let fileError {
            var f = c.nestedContainer(keyedBy: FileErrorKeys.self, forKey: .fileError)
            try f.encode(fileError.code, forKey: .code)
            try f.encode(fileError.message, forKey: .message)
            try f.encodeIfPresent(fileError.line, forKey: .line)
            try f.encodeIfPresent(fileError.column, forKey: .column)
            try f.encodeIfPresent(fileError.byteOffset, forKey: .byteOffset)
        } else {
            try c.encodeNil(forKey: .fileError)
        }
        try c.encode(errors, forKey: .errors)
        try c.encode(publishedChanges, forKey: .publishedChanges)
    }

    /// 0 when every row landed, 2 when some rows were rejected, 1 when the feed was rejected whole.
    public var exitCode: Int32 {
        switch status {
        case .rejected: 1
        case .applied, .dryRun: rejected > 0 ? 2 : 0
        case .duplicate: 0
        }
    }

    /// The report as plain text: counts first, then each row error as `file:line: column: code: message`.
    public var text: String {
        let name = fileName ?? "feed"
        var lines: [String] = []
        switch status {
        case .applied: lines.append("\(name): applied as feed \(feedID.map(String.init) ?? "?")")
        case .dryRun: lines.append("\(name): dry run, nothing written")
        case .duplicate: lines.append("\(name): duplicate of feed \(duplicateOf.map(String.init) ?? "?") (same sha256), nothing written")
        case .rejected: lines.append("\(name): rejected whole\(feedID.map { " (recorded as feed \($0))" } ?? "")")
        }
        if let fileError {
            let place = [fileError.line.map { "\($0)" }, fileError.column.map { "\($0)" }].compactMap { $0 }.joined(separator: ":")
            lines.append("\(name)\(place.isEmpty ? "" : ":" + place): \(fileError.code): \(fileError.message)")
        }
        lines.append("rows \(rows): inserted \(inserted), updated \(updated), unchanged \(unchanged), rejected \(rejected)")
        for e in errors {
            lines.append("\(name):\(e.line): \(e.field): \(e.code): \(e.message)\(e.value.isEmpty ? "" : " (value '\(e.value)')")")
        }
        if rejected > errors.count { lines.append("… and \(rejected - errors.count) more row errors") }
        let confirmed = publishedChanges.filter(\.confirmed)
        if !confirmed.isEmpty {
            lines.append("\(confirmed.count) published value\(confirmed.count == 1 ? "" : "s") revised, as confirmed:")
            for c in confirmed {
                lines.append("\(name):\(c.line): \(c.indicator) \(c.area) \(c.breakdown) \(c.period): "
                    + "\(PublishedChange.number(c.oldValue)) → \(PublishedChange.number(c.newValue)) (publication \(c.publication))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
