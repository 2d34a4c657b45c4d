import OutcomesCore
import OutcomesFeeds
import PostgresNIO
import Logging

/// The merge of a staged feed into the history (``FeedIngest``): each staged row that is new or
/// changed becomes the next revision of its key, under per-indicator locks; a key given twice is
/// found by the history's unique key and its later rows refused.
extension FeedIngest {
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
    /// Feeds that touch the same indicators take their locks in order (``lockIndicators(_:on:logger:)``)
    /// and so apply one after the other (the second sees the first's revisions); others run
    /// side by side.
    func merge(feedID: Int64, indicators: Set<Int32>, place: RowError.Place, on connection: PostgresConnection) async throws -> Merged {
        let touched = indicators.sorted()
        // The touched indicators' locks, held to the commit. Then, in a statement of its own (a
        // snapshot taken after the locks), which of them have no observation yet (one probe of
        // the key each).
        try await Self.lockIndicators(touched, on: connection, logger: logger)
        var fresh: [Int32] = []
        for try await id in try await connection.query("""
            SELECT id FROM unnest(\(touched)::int[]) AS u(id)
            WHERE NOT EXISTS (SELECT 1 FROM observation_revision r WHERE r.indicator_id = u.id)
            ORDER BY id
            """, logger: logger).decode(Int32.self) {
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
    func insertRevisions(feedID: Int64, firstLoad: Bool, fresh: [Int32], on connection: PostgresConnection) async throws -> (Int, Int) {
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

    /// `pg_advisory_xact_lock(space, stripe)`: the two-key lock space of feeds' merges.
    static let indicatorLockSpace: Int32 = 0x0F_EED

    /// An indicator's lock is its stripe, its id modulo this: a feed takes at most 1,024 locks
    /// whatever the catalogue's size. PostgreSQL's shared lock table holds
    /// `max_locks_per_transaction` × `max_connections` (6,400 by default), and a lock per
    /// indicator meant thousands per feed at national scale (5,290 for the 10M benchmark's
    /// partner), so two such feeds at once could fail with "out of shared memory". Ids below
    /// 1,024 (a Welsh catalogue's) keep a lock each.
    static let lockStripes: Int32 = 1024

    /// The lock keys of `indicators`: their stripes, each once, in order.
    static func lockKeys(_ indicators: some Sequence<Int32>) -> [Int32] {
        Array(Set(indicators.map { (($0 % lockStripes) + lockStripes) % lockStripes })).sorted()
    }

    /// Takes the locks of `indicators` (``lockKeys(_:)``) in the transaction, in key order so that
    /// two feeds cannot deadlock; they are held to its end.
    static func lockIndicators(_ indicators: some Sequence<Int32>, on connection: PostgresConnection, logger: Logger) async throws {
        // Every row is read: each is one lock taken (the locks are taken after the sort).
        for try await _ in try await connection.query("""
            SELECT k FROM (SELECT k, pg_advisory_xact_lock(\(indicatorLockSpace), k) FROM unnest(\(lockKeys(indicators))::int[]) AS u(k)
                           ORDER BY k) t
            """, logger: logger) {}
    }

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
    func repeatedKeys(place: RowError.Place, on connection: PostgresConnection) async throws -> [RowError] {
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
    func wouldChange(on connection: PostgresConnection) async throws -> (Int, Int) {
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
}
