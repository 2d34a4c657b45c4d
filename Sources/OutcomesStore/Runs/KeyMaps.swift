import OutcomesCore
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
