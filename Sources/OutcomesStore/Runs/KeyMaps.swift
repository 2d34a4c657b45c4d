import OutcomesCore
import OutcomesFeeds
import PostgresNIO
import Logging

/// The catalogue's integer keys as stored (active rows only).
struct KeyMaps: Sendable {
    var indicators: [String: Int32] = [:]
    var areas: [String: Int32] = [:]
    var breakdowns: [String: Int16] = [:]

    var indicatorKeys: [Int32: String] { Dictionary(uniqueKeysWithValues: indicators.map { ($1, $0) }) }
    var areaCodes: [Int32: String] { Dictionary(uniqueKeysWithValues: areas.map { ($1, $0) }) }
    var breakdownKeys: [Int16: String] { Dictionary(uniqueKeysWithValues: breakdowns.map { ($1, $0) }) }

    /// A catalogue key with no stored row: the catalogue was not synced before the feed.
    struct NotSynced: Error, CustomStringConvertible {
        var kind: String
        var key: String
        var description: String { "\(kind) '\(key)' is in the catalogue but not in the database; sync the catalogue first (outcomesd migrate, or restart serve)" }
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

    static func load(_ connection: PostgresConnection, logger: Logger) async throws -> KeyMaps {
        var maps = KeyMaps()
        for try await (key, id) in try await connection.query("SELECT key, id FROM indicator WHERE retired_at IS NULL", logger: logger).decode((String, Int32).self) {
            maps.indicators[key] = id
        }
        for try await (code, id) in try await connection.query("SELECT code, id FROM area WHERE retired_at IS NULL", logger: logger).decode((String, Int32).self) {
            maps.areas[code] = id
        }
        for try await (key, id) in try await connection.query("SELECT key, id FROM breakdown WHERE retired_at IS NULL", logger: logger).decode((String, Int16).self) {
            maps.breakdowns[key] = id
        }
        return maps
    }
}
