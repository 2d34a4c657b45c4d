public import OutcomesCore

/// Checks a feed row's raw field values against the catalogue and turns them into an
/// ``ObservationRow``, or says everything that is wrong with the row.
///
/// One validator reads one feed, a row at a time, in memory that does not grow with the feed: the
/// same observation twice in a feed is found by the store (``RowError/repeatedKey(line:firstLine:place:key:)``),
/// not here. `partner` is the sending partner's key (nil when an administrator loads the feed:
/// no partner check); `today` bounds the periods a feed may report.
/// ```swift
/// var validator = RowValidator(catalogue: catalogue, partner: "local_authority", today: today)
/// switch validator.validate(["indicator": "looked_after_rate", "area": "W06000015",
///                            "period": "2024-25", "numerator": "480", "denominator": "72000"], line: 2) {
/// case .success(let row): print(row.value ?? 0)     // 66.666…
/// case .failure(let problems): print(problems.errors)
/// }
/// ```
public struct RowValidator: Sendable {
    let tables: CatalogueTables
    public let partner: String?
    public let today: CivilDate
    /// Parsed periods by their spelling and type (feeds repeat a handful of periods).
    var periodCache = PeriodCache()
    /// How rows are counted in errors: CSV lines, or JSON observations (set by the JSON reader).
    var place = RowError.Place.line

    public init(catalogue: Catalogue, partner: String?, today: CivilDate) {
        tables = CatalogueTables(catalogue, partner: partner)
        self.partner = partner
        self.today = today
    }

    /// Validates one row. `fields` maps canonical lower-case column names (see ``FeedColumn``) to
    /// raw cell text; an absent key or "" is an empty cell, other keys are ignored.
    public mutating func validate(_ fields: [String: String], line: Int) -> Result<ObservationRow, RowErrors> {
        RecordCells.with(fields) { cells in validate(cells, line: line) }
    }
}
