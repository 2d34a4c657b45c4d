import PostgresNIO
import Logging

/// One catalogue table synchronised set-wise from arrays: rows whose natural key is new are
/// inserted, rows that differ are updated, rows no longer declared are retired (never deleted:
/// observations refer to them). Integer keys stay stable across syncs, and no identity value is
/// consumed for rows that already exist.
struct SyncTable {
    struct Column {
        var name: String
        var type: String
        var nullable: Bool
        /// SQL computing the stored value from input column `i.<name>`; defaults to a cast.
        var expression: String?
    }

    struct Counts: Sendable {
        var inserted = 0
        var updated = 0
        var retired = 0

        static func + (a: Counts, b: Counts) -> Counts {
            Counts(inserted: a.inserted + b.inserted, updated: a.updated + b.updated, retired: a.retired + b.retired)
        }
    }

    var table: String
    var key: String
    var hasRetirement: Bool
    var columns: [Column] = []
    var values: [[String]] = []

    /// Adds a column; `nil` values (for nullable columns) travel as '' and arrive as NULL.
    mutating func column(_ name: String, _ type: String, nullable: Bool = false, expression: String? = nil, _ data: [String?]) {
        columns.append(Column(name: name, type: type, nullable: nullable, expression: expression))
        values.append(data.map { $0 ?? "" })
    }

    func sync(on connection: PostgresConnection, logger: Logger) async throws -> Counts {
        let inputColumns = ([key] + columns.map(\.name)).joined(separator: ", ")
        let unnest = (1...(columns.count + 1)).map { "$\($0)::text[]" }.joined(separator: ", ")
        func value(_ c: Column) -> String {
            if let e = c.expression { return e }
            return c.nullable ? "NULLIF(i.\(c.name), '')::\(c.type)" : "i.\(c.name)::\(c.type)"
        }
        let names = columns.map(\.name).joined(separator: ", ")
        let stored = columns.map { "t.\($0.name)" }.joined(separator: ", ")
        let incoming = columns.map(value).joined(separator: ", ")
        let retiredReset = hasRetirement ? ", retired_at = NULL" : ""
        let retiredDiff = hasRetirement ? " OR t.retired_at IS NOT NULL" : ""
        let retire = hasRetirement
            ? "ret AS (UPDATE \(table) SET retired_at = now() WHERE retired_at IS NULL AND \(key) <> ALL($1::text[]) RETURNING 1)"
            : "ret AS (SELECT 1 WHERE false)"
        let sql = """
            WITH i AS (SELECT * FROM unnest(\(unnest)) AS i(\(inputColumns))),
            upd AS (
                UPDATE \(table) t SET (\(names)) = (SELECT \(incoming))\(retiredReset)
                FROM i WHERE t.\(key)::text = i.\(key)
                  AND (ROW(\(stored)) IS DISTINCT FROM ROW(\(incoming))\(retiredDiff))
                RETURNING 1),
            ins AS (
                INSERT INTO \(table) (\(key), \(names))
                SELECT i.\(key)::\(keyType), \(incoming) FROM i
                WHERE NOT EXISTS (SELECT 1 FROM \(table) t WHERE t.\(key)::text = i.\(key))
                RETURNING 1),
            \(retire)
            SELECT (SELECT count(*) FROM ins), (SELECT count(*) FROM upd), (SELECT count(*) FROM ret)
            """
        var binds = PostgresBindings()
        binds.append(keys)
        for column in values { binds.append(column) }
        let rows = try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger)
        for try await (i, u, r) in rows.decode((Int, Int, Int).self) {
            return Counts(inserted: i, updated: u, retired: r)
        }
        return Counts()
    }

    var keys: [String] = []
    var keyType = "text"
}
