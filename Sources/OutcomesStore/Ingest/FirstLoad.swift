import Foundation
import OutcomesCore
import OutcomesFeeds
import PostgresNIO
import Logging

/// A partner's first load, copied straight into the history.
///
/// A feed is merged through a staging table because each row must be compared with the stored
/// value of its key (new, changed or unchanged, and whether it changes a published value). When
/// none of the partner's indicators has any observation yet there is nothing to compare with:
/// every row is revision 1 of a new key. Such a feed (the backfill of a new partner, the bulk of
/// what is ever loaded) is copied into `observation_revision` directly, one COPY as a plain
/// `psql \copy` would be, instead of a COPY into staging and then an insert of the same rows:
/// at 10,000,000 rows the history's COPY alone took 0.87× the baseline `\copy`, where staging
/// and merging took 1.22×.
///
/// The partner's indicators are locked (as the merge locks the indicators it touches,
/// ``FeedIngest/lockIndicators(_:on:logger:)``) and found empty under the locks, so no other
/// feed can store a value for them first.
///
/// A key repeated within the feed is found by the history's unique key, which stops the COPY.
/// To refuse just the repeated rows (naming the row that first gave the key) the feed's rows
/// are also written, as staging rows, to a temporary file while they are copied: on a repeated
/// key the COPY is rolled back to its savepoint, the file is copied into staging and the feed
/// is merged the usual way. The file is deleted when the feed ends.
struct FirstLoad {
    static let savepoint = "first_load"

    /// Whether every indicator of `partner` is still without observations, checked after taking
    /// their locks (held to the commit). False: not a first load (the feed is staged and merged).
    static func claim(partner: String, catalogue: Catalogue, keys: CatalogueKeys, on connection: PostgresConnection,
                      logger: Logger) async throws -> Bool {
        let ids = catalogue.indicators.filter { $0.partner == partner }.compactMap { keys.indicators[$0.id] }.sorted()
        // Asked first without the locks: most feeds are not first loads and take none here.
        guard !ids.isEmpty, try await empty(ids, on: connection, logger: logger) else { return false }
        try await FeedIngest.lockIndicators(ids, on: connection, logger: logger)
        // Asked again under the locks, in a statement of its own (a snapshot taken after them).
        return try await empty(ids, on: connection, logger: logger)
    }

    private static func empty(_ ids: [Int32], on connection: PostgresConnection, logger: Logger) async throws -> Bool {
        for try await none in try await connection.query("""
            SELECT NOT EXISTS (SELECT 1 FROM observation_revision WHERE indicator_id = ANY(\(ids)::int[]))
            """, logger: logger).decode(Bool.self) {
            return none
        }
        return false
    }

    /// Staged rows (``CopyText/append``) as rows of the history for `feed` (``CopyText/directColumns``).
    static func directRows(fromStaged staged: [UInt8], feed: Int64, into out: inout [UInt8]) {
        var start = staged.startIndex
        while start < staged.endIndex {
            guard let newline = staged[start...].firstIndex(of: 0x0A) else { break }
            // The first tab ends `line`; escaped text holds no raw tab or newline.
            if let tab = staged[start..<newline].firstIndex(of: 0x09) {
                CopyText.appendDirect(observation: staged[(tab + 1)..<newline], feed: feed, to: &out)
            }
            start = newline + 1
        }
    }

    /// The feed's staged rows, kept while they are copied, for a repeated key's fallback.
    final class Spill {
        let path: String
        private let handle: FileHandle

        init() throws {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("outcomesd-first-load-\(UUID().uuidString).copy").path
            guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
            handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        }

        func append(_ bytes: [UInt8]) throws {
            try handle.write(contentsOf: bytes)
        }

        /// Copies the kept rows into `feed_staging`.
        func stage(on connection: PostgresConnection, logger: Logger, isolation: isolated (any Actor)? = #isolation) async throws {
            try handle.seek(toOffset: 0)
            try await connection.copyFrom(table: "feed_staging", columns: CopyText.columns, logger: logger) { writer in
                while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                    try await writer.write(ByteBuffer(bytes: chunk))
                }
            }
        }

        deinit {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: path)
        }
    }
}
