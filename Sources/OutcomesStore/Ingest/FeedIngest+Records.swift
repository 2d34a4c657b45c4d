import OutcomesCore
import OutcomesFeeds
import PostgresNIO
import Logging

/// A feed's own rows (``FeedIngest``): `feed` and `feed_error`, the digest an applied feed is
/// found by, and the record of a refused or duplicate one.
extension FeedIngest {
    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String($0, radix: 16).leftPadded(2) }.joined()
    }

    /// The earlier applied feed of this partner with this SHA-256, if any.
    func appliedFeed(sha256: [UInt8], partner: String, on connection: PostgresConnection) async throws -> Int64? {
        for try await earlier in try await connection.query("""
            SELECT f.id FROM feed f JOIN partner p ON p.id = f.partner_id
            WHERE f.sha256 = \(ByteBuffer(bytes: sha256)) AND f.status = 'applied' AND p.key = \(partner)
            ORDER BY f.id LIMIT 1
            """, logger: logger).decode(Int64.self) {
            return earlier
        }
        return nil
    }

    func duplicateReport(of earlier: Int64, sha256: [UInt8], options: FeedSubmission) -> ImportReport {
        ImportReport(feedID: nil, status: .duplicate, duplicateOf: earlier, partner: options.partner.key,
                     fileName: options.fileName, sha256: Self.hex(sha256), rows: 0, inserted: 0, updated: 0,
                     unchanged: 0, rejected: 0, fileError: nil, errors: [])
    }

    func insertFeed(_ report: ImportReport, status: String, options: FeedSubmission, bytes: Int,
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

    func insertErrors(_ errors: [RowError], feedID: Int64, on connection: PostgresConnection) async throws {
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
    func recordRefusal(_ report: ImportReport, options: FeedSubmission, bytes: Int) async throws -> Int64 {
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
