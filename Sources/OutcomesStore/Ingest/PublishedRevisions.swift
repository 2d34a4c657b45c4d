import OutcomesCore
import OutcomesFeeds
import PostgresNIO
import Logging

/// A staged row that would change a published value: where it is in the feed, the series, the
/// value as published and as sent, the publication that covers it, and whether the feed
/// confirmed the revision (then it is applied and marked; otherwise the row is refused).
public struct PublishedChange: Sendable, Hashable, Codable {
    public var line: Int
    public var indicator: String
    public var area: String
    public var breakdown: String
    public var period: String
    public var oldValue: Double?
    public var newValue: Double?
    public var publication: Int64
    public var confirmed: Bool

    enum CodingKeys: String, CodingKey {
        case line, indicator, area, breakdown, period, oldValue = "old_value", newValue = "new_value", publication, confirmed
    }

    /// The row error a refused change becomes (code `period_published`).
    func rowError(place: RowError.Place) -> RowError {
        RowError(line: line, field: "value", code: .periodPublished,
                 message: "\(indicator) \(area) \(breakdown) \(period) is published (publication \(publication)); this row would change its value "
                    + "\(Self.number(oldValue)) → \(Self.number(newValue)). To revise a published figure, send the feed again confirming it "
                    + "(outcomesd ingest --confirm-revisions, POST /v1/feeds?confirm_revisions=true, or a <file>.confirm file beside the spool file)",
                 value: Self.number(newValue), place: place)
    }

    static func number(_ x: Double?) -> String {
        guard let x else { return "empty" }
        return x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }
}

/// Finds, refuses or marks the staged rows of a feed that would change published values
/// (``Publication``). Runs inside the feed's transaction, after staging and before the merge;
/// costs one small query when nothing is published.
struct PublishedRevisions {

    let catalogue: Catalogue
    let logger: Logger

    /// The publications in force.
    func active(on connection: PostgresConnection) async throws -> [Publication] {
        try await PublicationStore.active(on: connection, catalogue: catalogue, logger: logger)
    }

    /// The staged rows that would change a value some publication covers, in line order.
    func changes(confirmed: Bool, on connection: PostgresConnection) async throws -> [PublishedChange] {
        let publications = try await active(on: connection)
        guard !publications.isEmpty else { return [] }
        // Only the indicators some publication names (all when one covers every indicator).
        let named = publications.contains { $0.indicator == nil } ? [] : Array(Set(publications.compactMap(\.indicator))).sorted()
        let rows = try await connection.query("""
            WITH s AS (\(unescaped: FeedIngest.stagedWithKeys))
            SELECT s.line, s.indicator_key, s.area_code, s.breakdown_key, s.period, c.value, s.value
            FROM s JOIN LATERAL (\(unescaped: FeedIngest.currentRevision)) c ON true
            WHERE (cardinality(\(named)::text[]) = 0 OR s.indicator_key = ANY(\(named)::text[]))
              AND (c.numerator, c.denominator, c.value, c.lower, c.upper, c.notes)
                  IS DISTINCT FROM (s.numerator, s.denominator, s.value, s.lower, s.upper, s.notes)
            ORDER BY s.line
            """, logger: logger)
        var found: [PublishedChange] = []
        for try await (line, indicator, area, breakdown, period, old, new) in rows.decode((Int64, String, String, String, String, Double?, Double?).self) {
            guard let type = catalogue.indicator(indicator)?.periodType, let parsed = try? Period.parse(period, as: type),
                  let publication = publications.covering(indicator: indicator, period: parsed) else { continue }
            found.append(PublishedChange(line: Int(line), indicator: indicator, area: area, breakdown: breakdown, period: period,
                                         oldValue: old, newValue: new, publication: publication.id, confirmed: confirmed))
        }
        return found
    }

    /// Marks the revisions this feed wrote over published values as confirmed revisions of them.
    func mark(_ changes: [PublishedChange], feedID: Int64, on connection: PostgresConnection) async throws {
        guard !changes.isEmpty else { return }
        try await connection.query("""
            UPDATE observation_revision r SET published = true
            FROM unnest(\(changes.map(\.indicator)), \(changes.map(\.area)), \(changes.map(\.breakdown)), \(changes.map(\.period)))
                 AS c(indicator, area, breakdown, period)
            JOIN indicator i ON i.key = c.indicator
            JOIN area a ON a.code = c.area
            JOIN breakdown b ON b.key = c.breakdown
            WHERE r.indicator_id = i.id AND r.area_id = a.id AND r.breakdown_id = b.id AND r.period = c.period
              AND r.feed_id = \(feedID)
            """, logger: logger)
    }
}
