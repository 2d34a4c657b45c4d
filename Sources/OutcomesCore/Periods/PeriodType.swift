/// The reporting period conventions of Welsh official statistics.
///
/// Every indicator declares one period type; a feed's period must be of that type.
/// - `calendar`: `2024` (1 January – 31 December)
/// - `financial`: `2024-25` (1 April 2024 – 31 March 2025); also used for "at 31 March" snapshots
/// - `academic`: `2024/25` (1 September 2024 – 31 August 2025); also the January school census
/// - `quarter`: `2024-Q3` (calendar quarters: Q1 is January–March)
/// - `month`: `2024-07`
public enum PeriodType: String, Sendable, Hashable, CaseIterable, Codable {
    case calendar
    case financial
    case academic
    case quarter
    case month

    /// The canonical written form, as shown in error messages.
    public var example: String {
        switch self {
        case .calendar: "2024"
        case .financial: "2024-25"
        case .academic: "2024/25"
        case .quarter: "2024-Q3"
        case .month: "2024-07"
        }
    }

    /// How many periods of this type make one year (used for "same period last year" and trends).
    public var periodsPerYear: Int {
        switch self {
        case .calendar, .financial, .academic: 1
        case .quarter: 4
        case .month: 12
        }
    }

    /// "calendar year (e.g. 2024)" — for messages that say what is accepted.
    public var acceptedForm: String {
        switch self {
        case .calendar: "a calendar year such as 2024"
        case .financial: "a financial year such as 2024-25"
        case .academic: "an academic year such as 2024/25"
        case .quarter: "a quarter such as 2024-Q3 (also 2024Q3, 2024_Q3)"
        case .month: "a month such as 2024-07 (also 2024m07, 202407)"
        }
    }

    /// Typical months from a period's end to publication in Welsh official statistics, used when
    /// an indicator does not set `publication_lag_months`: annual releases come 6–12 months after
    /// the year, quarterly and monthly ones within a few months.
    public var defaultPublicationLagMonths: Int {
        switch self {
        case .calendar: 12
        case .financial, .academic: 9
        case .quarter: 4
        case .month: 3
        }
    }

    /// Declaration order, for sorting mixed collections deterministically.
    var rank: Int {
        switch self {
        case .calendar: 0
        case .financial: 1
        case .academic: 2
        case .quarter: 3
        case .month: 4
        }
    }

    public static var acceptedNames: String {
        allCases.map(\.rawValue).joined(separator: ", ")
    }
}
