import Foundation
public import OutcomesCore
public import OutcomesStore

/// What a reader asked of the alerts, as written (`?state=&area=&indicator=&aim=&dimension=
/// &severity=&since=` or the `outcomesd alerts` options), checked against the catalogue into an
/// ``AlertLog/Filter``. Shared by `GET /v1/alerts[/events]` and the command line, so both accept
/// and refuse the same values with the same messages.
///
/// ```swift
/// let filter = try AlertQuery(state: "firing", aim: "1").filter(catalogue, events: false)
/// ```
public struct AlertQuery: Sendable {
    public var state: String?
    public var area: String?
    public var indicator: String?
    public var aim: String?
    public var dimension: String?
    public var severity: String?
    /// Events only: an ISO 8601 date (from its start, UTC) or date-time.
    public var since: String?

    public init(state: String? = nil, area: String? = nil, indicator: String? = nil, aim: String? = nil, dimension: String? = nil,
                severity: String? = nil, since: String? = nil) {
        self.state = state
        self.area = area
        self.indicator = indicator
        self.aim = aim
        self.dimension = dimension
        self.severity = severity
        self.since = since
    }

    /// A value that is not accepted: `parameter` names it, `message` says what would be;
    /// `notFound` for an unknown area or indicator (404 over HTTP), else a bad value (400).
    public struct Invalid: Error, CustomStringConvertible, Sendable {
        public var parameter: String
        public var message: String
        public var notFound: Bool
        public var description: String { message }
    }

    public static let stateNames = ["pending", "firing", "resolved", "inactive", "all"]

    /// The filter, or ``Invalid``. Without `state`, alerts are those pending, firing or resolved
    /// and events are every transition; `state=all` includes inactive alerts.
    public func filter(_ catalogue: Catalogue, events: Bool) throws(Invalid) -> AlertLog.Filter {
        var filter = AlertLog.Filter()
        if let state {
            if state == "all" {
                filter.states = AlertStateName.allCases
            } else if let name = AlertStateName(rawValue: state) {
                filter.states = [name]
            } else {
                throw Invalid(parameter: "state", message: "state=\(state) is not a state; use "
                    + "pending, firing, resolved, inactive or all (default: " + (events ? "all" : "pending, firing and resolved") + ")",
                              notFound: false)
            }
        }
        if let area {
            guard catalogue.area(area) != nil else {
                throw Invalid(parameter: "area", message: "unknown area '\(area)'; area codes are ONS codes such as W92000004 (Wales) "
                    + "or W06000015 (Cardiff): GET /v1/areas lists them", notFound: true)
            }
            filter.area = area
        }
        var indicators: Set<String>?
        func narrow(_ ids: [String]) { indicators = indicators.map { $0.intersection(ids) } ?? Set(ids) }
        if let indicator {
            guard catalogue.indicator(indicator) != nil else {
                throw Invalid(parameter: "indicator", message: "unknown indicator '\(indicator)'; GET /v1/indicators lists them "
                    + "(or `outcomesd catalogue`)", notFound: true)
            }
            narrow([indicator])
        }
        if let aim {
            guard let n = Int(aim), catalogue.aims.contains(where: { $0.number == n }) else {
                throw Invalid(parameter: "aim", message: "aim=\(aim) is not a core aim; use a number from "
                    + (catalogue.aims.map { String($0.number) }.joined(separator: ", ")) + " (GET /v1/aims)", notFound: false)
            }
            narrow(catalogue.indicators.filter { $0.aims.contains(n) }.map(\.id))
        }
        if let dimension {
            guard catalogue.dimensions.contains(where: { $0.letter == dimension }) else {
                throw Invalid(parameter: "dimension", message: "dimension=\(dimension) is not an s25(11) dimension; use a letter from "
                    + catalogue.dimensions.map(\.letter).joined(separator: ", ") + " (GET /v1/dimensions)", notFound: false)
            }
            narrow(catalogue.indicators.filter { $0.dimensions.contains(dimension) }.map(\.id))
        }
        filter.indicators = indicators.map { $0.sorted() }
        if let severity {
            guard let s = AlertRule.Severity(rawValue: severity) else {
                throw Invalid(parameter: "severity", message: "severity=\(severity) is not a severity; use info, warning or critical",
                              notFound: false)
            }
            filter.severity = s
        }
        // An empty `since` (an HTML form's empty field) is the same as none.
        if events, let since, !since.isEmpty {
            guard let instant = Self.instant(since) else {
                throw Invalid(parameter: "since", message: "since=\(since) is not a date; use ISO 8601, e.g. 2026-11-01 (from the start "
                    + "of that day, UTC) or 2026-11-01T09:00:00Z", notFound: false)
            }
            filter.since = instant
        }
        return filter
    }

    /// `2026-11-01` (the start of that day, UTC) or an RFC 3339 date-time (``QueryInstant``).
    static func instant(_ text: String) -> Date? {
        QueryInstant.parse(text, day: .start)
    }

    /// The filters given, for a heading: "area W06000015, aim 1, severity warning".
    func described(_ welsh: Bool) -> String {
        var parts: [String] = []
        if let area { parts.append(Words.t("area", "ardal", welsh) + " " + area) }
        if let indicator { parts.append(Words.t("indicator", "dangosydd", welsh) + " " + indicator) }
        if let aim { parts.append(Words.t("aim", "nod", welsh) + " " + aim) }
        if let dimension { parts.append(Words.t("dimension", "agwedd", welsh) + " (" + dimension + ")") }
        if let severity { parts.append(Words.t("severity", "difrifoldeb", welsh) + " " + severity) }
        if let since { parts.append(Words.t("since", "ers", welsh) + " " + since) }
        return parts.joined(separator: ", ")
    }
}
