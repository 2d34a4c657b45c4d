import Foundation
public import OutcomesCore
public import PostgresNIO
public import Logging

/// Publishes and withdraws figures (``Publication``) and lists what is published: what
/// `outcomesd publish`, `POST /v1/publications`, `GET /v1/publications` and
/// `DELETE /v1/publications/{id}` do. Every publication and withdrawal keeps who did it, when and
/// why; a withdrawn publication stays listed (with `?all=true`).
public struct PublicationStore: Sendable {
    /// One publication as stored.
    public struct Entry: Sendable, Encodable, Equatable {
        public var id: Int64
        /// The indicator key, or nil for every indicator.
        public var indicator: String?
        public var period: String?
        public var through: String?
        public var published_by: String
        public var published_at: Date
        public var note: String?
        public var withdrawn_by: String?
        public var withdrawn_at: Date?
        public var withdraw_reason: String?

        public var active: Bool { withdrawn_at == nil }
    }

    /// Input that names no publishable figure; the message says what is accepted.
    public struct InputError: Error, CustomStringConvertible, Equatable {
        public var message: String
        /// An unknown indicator (HTTP 404) rather than a malformed request (400).
        public var notFound = false
        public var description: String { message }
    }

    let client: PostgresClient
    let catalogue: Catalogue
    let logger: Logger

    public init(client: PostgresClient, catalogue: Catalogue, logger: Logger) {
        self.client = client
        self.catalogue = catalogue
        self.logger = logger
    }

    /// What a request to publish names: an indicator (or all) and one period or every period
    /// through one; checked against the catalogue (the period must be of the indicator's type).
    public static func scope(indicator: String?, period: String?, through: String?,
                             catalogue: Catalogue) throws(InputError) -> (indicator: String?, scope: Publication.Scope) {
        let type: PeriodType?
        if let indicator {
            guard let known = catalogue.indicator(indicator) else {
                throw InputError(message: "unknown indicator '\(indicator)'; GET /v1/indicators lists them", notFound: true)
            }
            type = known.periodType
        } else {
            type = nil
        }
        switch (period, through) {
        case (let period?, nil):
            guard let type else {
                throw InputError(message: "a single period is published for one indicator: give the indicator too, or use through to publish every indicator's periods up to one")
            }
            do { return (indicator, .period(try Period.parse(period, as: type))) } catch {
                throw InputError(message: "period: \(error.description)")
            }
        case (nil, let through?):
            if let type {
                do { return (indicator, .through(try Period.parse(through, as: type))) } catch {
                    throw InputError(message: "through: \(error.description)")
                }
            }
            guard let detected = Period.detect(through) else {
                throw InputError(message: "through: '\(through)' is not a period; accepted: \(PeriodType.allCases.map(\.example).joined(separator: ", "))")
            }
            return (nil, .through(detected))
        default:
            throw InputError(message: "give exactly one of period (one period of one indicator) and through (every period up to and including one)")
        }
    }

    /// Records a publication; `by` is who (a token's name, or the operating-system user).
    public func publish(indicator: String?, scope: Publication.Scope, by: String, note: String?) async throws -> Entry {
        let (period, through, end): (String?, String?, String?)
        switch scope {
        case .period(let p): (period, through, end) = (p.description, nil, nil)
        case .through(let p): (period, through, end) = (nil, p.description, p.lastDay.description)
        }
        let rows = try await client.query("""
            INSERT INTO publication (indicator_id, period, through_period, through_end, published_by, note)
            SELECT (SELECT id FROM indicator WHERE key = \(indicator)), \(period), \(through), \(end)::date, \(by), \(note)
            RETURNING id
            """, logger: logger)
        for try await id in rows.decode(Int64.self) {
            logger.notice("published", metadata: ["publication": "\(id)", "indicator": "\(indicator ?? "*")",
                                                  "period": "\(period ?? "through " + (through ?? ""))", "by": "\(by)"])
            if let entry = try await entries(id: id, includeWithdrawn: true).first { return entry }
        }
        throw InputError(message: "the publication was not recorded")
    }

    /// Withdraws a publication in force; nil when there is none with this id (or it was withdrawn).
    public func withdraw(id: Int64, by: String, reason: String?) async throws -> Entry? {
        let rows = try await client.query("""
            UPDATE publication SET withdrawn_by = \(by), withdrawn_at = clock_timestamp(), withdraw_reason = \(reason)
            WHERE id = \(id) AND withdrawn_at IS NULL RETURNING id
            """, logger: logger)
        for try await _ in rows.decode(Int64.self) {
            logger.notice("publication withdrawn", metadata: ["publication": "\(id)", "by": "\(by)"])
            return try await entries(id: id, includeWithdrawn: true).first
        }
        return nil
    }

    /// Publications, newest first: those in force, or all with `includeWithdrawn`.
    public func entries(id: Int64? = nil, includeWithdrawn: Bool = false) async throws -> [Entry] {
        let rows = try await client.query("""
            SELECT p.id, i.key, p.period, p.through_period, p.published_by, p.published_at, p.note, p.withdrawn_by,
                   p.withdrawn_at, p.withdraw_reason
            FROM publication p LEFT JOIN indicator i ON i.id = p.indicator_id
            WHERE (\(id)::bigint IS NULL OR p.id = \(id)) AND (\(includeWithdrawn) OR p.withdrawn_at IS NULL)
            ORDER BY p.id DESC
            """, logger: logger)
        var out: [Entry] = []
        for try await r in rows.decode((Int64, String?, String?, String?, String, Date, String?, String?, Date?, String?).self) {
            out.append(Entry(id: r.0, indicator: r.1, period: r.2, through: r.3, published_by: r.4, published_at: r.5, note: r.6,
                             withdrawn_by: r.7, withdrawn_at: r.8, withdraw_reason: r.9))
        }
        return out
    }

    /// The publications in force, as the core's values (for a feed's check, in its transaction).
    static func active(on connection: PostgresConnection, catalogue: Catalogue, logger: Logger) async throws -> [Publication] {
        let rows = try await connection.query("""
            SELECT p.id, i.key, p.period, p.through_period
            FROM publication p LEFT JOIN indicator i ON i.id = p.indicator_id
            WHERE p.withdrawn_at IS NULL ORDER BY p.id
            """, logger: logger)
        var out: [Publication] = []
        for try await (id, indicator, period, through) in rows.decode((Int64, String?, String?, String?).self) {
            guard let scope = try? Self.scope(indicator: indicator, period: period, through: through, catalogue: catalogue).scope else {
                // An indicator since removed from the catalogue: nothing of it can be revised.
                continue
            }
            out.append(Publication(id: id, indicator: indicator, scope: scope))
        }
        return out
    }
}
