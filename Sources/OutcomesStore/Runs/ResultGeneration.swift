import PostgresNIO
import Logging

/// A generation of result series (migration 18): a full run and the incremental runs based on
/// it. Its series are one partition of `result_series`, `result_series_g<id>`, where `id` is the
/// full run's. `run.generation` names it (a run's sets are of its generation), and the run's
/// map repeats it (`result_span.generation`) so that `measure` can prune by it.
///
/// Why: a full run writes every series. Created in the full run's transaction, the partition
/// takes them frozen (`COPY … FREEZE`: every page all-visible and all-frozen as written), so no
/// vacuum and no first reader writes them again; and a generation is pruned as one table when no
/// kept run belongs to it, not row by row and vacuumed. The incremental runs of the generation
/// write their few series into it as plain rows.
///
/// ```swift
/// let generation = try await ResultGeneration.create(run: runID, on: connection, logger: logger)  // a full run
/// // … ResultWriter.write(sets, run: runID, generation: generation, on: connection) …
/// try await generation.attach(on: connection, logger: logger)                                     // before COMMIT
/// ```
struct ResultGeneration: Sendable, Equatable {
    /// The full run's id, the partition's list value.
    let id: Int64
    /// Whether this transaction created the partition: its rows are written frozen, and it is
    /// attached before the transaction commits.
    let createdHere: Bool

    /// The partition of `result_series` that holds the generation's series.
    var table: String { Self.table(id) }

    static func table(_ id: Int64) -> String { "result_series_g\(id)" }

    /// The generation of an incremental run: its predecessor's, whose partition is attached.
    static func existing(_ id: Int64) -> ResultGeneration { ResultGeneration(id: id, createdHere: false) }

    /// Creates the partition of full run `run`'s generation in the current transaction, not yet
    /// attached: it is attached at the end (``attach(on:logger:)``), so the attach's lock on
    /// `result_series` (SHARE UPDATE EXCLUSIVE, which readers do not wait for, but which a
    /// prune's drop of a retired generation would) is held only until the commit. Its `CHECK`
    /// proves the partition bound, so attaching scans nothing, and its primary key becomes the
    /// partition's part of the parent's.
    static func create(run: Int64, on connection: PostgresConnection, logger: Logger) async throws -> ResultGeneration {
        let generation = ResultGeneration(id: run, createdHere: true)
        let table = generation.table
        try await connection.query(PostgresQuery(unsafeSQL: """
            CREATE TABLE \(table) (LIKE result_series INCLUDING DEFAULTS INCLUDING STORAGE) WITH (toast_tuple_target = 8160)
            """), logger: logger)
        try await connection.query(PostgresQuery(unsafeSQL: """
            ALTER TABLE \(table) ADD CONSTRAINT \(table)_generation CHECK (generation = \(run)),
                ADD CONSTRAINT \(table)_pkey PRIMARY KEY (indicator_id, result_set_id, area_id, breakdown_id, part, generation)
            """), logger: logger)
        return generation
    }

    /// Attaches a partition this transaction created (a no-op for an existing generation). The
    /// last statement of a full run before its `COMMIT`.
    func attach(on connection: PostgresConnection, logger: Logger) async throws {
        guard createdHere else { return }
        try await connection.query(PostgresQuery(unsafeSQL: """
            ALTER TABLE result_series ATTACH PARTITION \(table) FOR VALUES IN (\(id))
            """), logger: logger)
    }

    /// The generations whose partitions are attached to `result_series`, oldest first: the only
    /// place the partitions' names are read back (``table(_:)`` makes them).
    static func attached(on connection: PostgresConnection, logger: Logger) async throws -> [Int64] {
        var generations: [Int64] = []
        for try await id in try await connection.query("""
            SELECT g FROM (SELECT substring(c.relname FROM '^result_series_g([0-9]+)$')::bigint AS g
                           FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                           WHERE i.inhparent = 'result_series'::regclass) p
            WHERE g IS NOT NULL ORDER BY g
            """, logger: logger).decode(Int64.self) {
            generations.append(id)
        }
        return generations
    }

    /// Drops the partitions of generations no finished or running run belongs to (after pruning):
    /// their result sets are referred to by no kept run, since a run refers only to sets of its
    /// own generation. Each drop waits at most `lockTimeoutMilliseconds` for the lock on
    /// `result_series` (a reader of the parent holds it in share; new readers would queue behind
    /// the drop), and a generation whose drop timed out is dropped by a later prune.
    /// - Returns: the generations still attached, oldest first.
    @discardableResult
    static func dropRetired(on connection: PostgresConnection, lockTimeoutMilliseconds: Int = 100,
                            logger: Logger) async throws -> [Int64] {
        let attached = try await attached(on: connection, logger: logger)
        var living = Set<Int64>()
        for try await id in try await connection.query("""
            SELECT DISTINCT generation FROM run WHERE status IN ('finished', 'running') AND generation = ANY(\(attached)::bigint[])
            """, logger: logger).decode(Int64.self) {
            living.insert(id)
        }
        var kept: [Int64] = [], dropped: [Int64] = []
        for id in attached {
            guard !living.contains(id) else { kept.append(id); continue }
            do {
                try await connection.query("BEGIN", logger: logger)
                try await connection.query(PostgresQuery(unsafeSQL: "SET LOCAL lock_timeout = \(max(1, lockTimeoutMilliseconds))"), logger: logger)
                try await connection.query(PostgresQuery(unsafeSQL: "DROP TABLE \(table(id))"), logger: logger)
                try await connection.query("COMMIT", logger: logger)
                dropped.append(id)
            } catch let error as PSQLError where error.serverInfo?[.sqlState] == "55P03" {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                kept.append(id)
                logger.info("a retired result generation is kept until a later prune: readers held result_series",
                            metadata: ["generation": "\(id)"])
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        }
        if !dropped.isEmpty {
            logger.info("retired result generations dropped", metadata: ["generations": "\(dropped)"])
        }
        return kept
    }
}
