import OutcomesCore
import OutcomesFeeds
public import PostgresNIO
public import Logging

/// The one map of catalogue keys to the database's integer ids (active rows only), loaded once
/// after the catalogue sync and passed along: the daemon keeps it beside the catalogue in use and
/// replaces both together on a reload; feeds stage their rows by these ids and runs compute by
/// them. Loaded per feed or run only where nobody passed one (the command line, tests).
/// ```swift
/// try await CatalogueSync(client: client, logger: logger).sync(catalogue)
/// let keys = try await CatalogueKeys.load(client, logger: logger)
/// let ingest = FeedIngest(client: client, catalogue: catalogue, keys: keys, logger: logger)
/// ```
public struct CatalogueKeys: Sendable {
    public let indicators: [String: Int32]
    public let areas: [String: Int32]
    public let breakdowns: [String: Int16]
    /// The ids back to keys, for rows read by id (an area's roll-up inputs): built once with the
    /// map, not on every read.
    let indicatorKeys: [Int32: String]
    let breakdownKeys: [Int16: String]

    init(indicators: [String: Int32], areas: [String: Int32], breakdowns: [String: Int16]) {
        self.indicators = indicators
        self.areas = areas
        self.breakdowns = breakdowns
        indicatorKeys = Dictionary(uniqueKeysWithValues: indicators.map { ($1, $0) })
        breakdownKeys = Dictionary(uniqueKeysWithValues: breakdowns.map { ($1, $0) })
    }

    /// A catalogue key with no stored row: the catalogue was not synced before the feed.
    public struct NotSynced: Error, CustomStringConvertible {
        public var kind: String
        public var key: String
        public var description: String { "\(kind) '\(key)' is in the catalogue but not in the database; sync the catalogue first (outcomesd migrate, or restart serve)" }
    }

    /// The stored ids in the readers' catalogue order, for staging rows keyed by id.
    func copyIDs(for order: CatalogueKeyOrder) throws -> CopyText.IDs {
        func ids<ID>(_ keys: [String], _ map: [String: ID], _ kind: String) throws -> [ID] {
            try keys.map { key in
                guard let id = map[key] else { throw NotSynced(kind: kind, key: key) }
                return id
            }
        }
        return CopyText.IDs(indicators: try ids(order.indicators, indicators, "indicator"),
                            areas: try ids(order.areas, areas, "area"),
                            breakdowns: try ids(order.breakdowns, breakdowns, "breakdown"))
    }

    /// The keys as stored now, on a pooled connection.
    public static func load(_ client: PostgresClient, logger: Logger) async throws -> CatalogueKeys {
        try await client.withConnection { connection in try await load(connection, logger: logger) }
    }

    static func load(_ connection: PostgresConnection, logger: Logger) async throws -> CatalogueKeys {
        var indicators: [String: Int32] = [:], areas: [String: Int32] = [:], breakdowns: [String: Int16] = [:]
        for try await (key, id) in try await connection.query("SELECT key, id FROM indicator WHERE retired_at IS NULL", logger: logger).decode((String, Int32).self) {
            indicators[key] = id
        }
        for try await (code, id) in try await connection.query("SELECT code, id FROM area WHERE retired_at IS NULL", logger: logger).decode((String, Int32).self) {
            areas[code] = id
        }
        for try await (key, id) in try await connection.query("SELECT key, id FROM breakdown WHERE retired_at IS NULL", logger: logger).decode((String, Int16).self) {
            breakdowns[key] = id
        }
        return CatalogueKeys(indicators: indicators, areas: areas, breakdowns: breakdowns)
    }
}
