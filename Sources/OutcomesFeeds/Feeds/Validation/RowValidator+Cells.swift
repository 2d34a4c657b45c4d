internal import OutcomesCore

extension RowValidator {
    /// Collects the problems of one row, each with the row's line.
    struct Problems {
        let line: Int
        let place: RowError.Place
        var errors: [RowError] = []

        mutating func add(_ column: FeedColumn, _ code: RowError.Code, _ message: String, _ value: String) {
            errors.append(RowError(line: line, field: column.rawValue, code: code, message: message, value: value,
                                   place: place))
        }

        /// A problem of the whole row rather than one cell (field `record`).
        mutating func addForRecord(_ code: RowError.Code, _ message: String, _ value: String) {
            errors.append(RowError(line: line, field: "record", code: code, message: message, value: value,
                                   place: place))
        }
    }

    /// The validation proper, over byte cells (the CSV hot path calls this directly).
    ///
    /// Checks every field it can, so a row's errors arrive together; checks that depend on an
    /// unknown indicator (period type, breakdowns, required numbers) are skipped rather than
    /// reported as consequences.
    mutating func validate(_ cells: RecordCells, line: Int) -> Result<ObservationRow, RowErrors> {
        var problems = Problems(line: line, place: place)

        let indicator = checkIndicator(cells, &problems)
        let area = checkArea(cells, &problems)
        let period = checkPeriod(cells, indicator, &problems)
        if let period, let area {
            checkAreaValidity(area, period, cells, &problems)
        }
        let breakdown = checkBreakdown(cells, indicator, &problems)
        // Notes are read before the numbers (x and c excuse missing ones) but reported after
        // them, so errors come in the usual column order.
        let parsedNotes = NoteCodes.parse(cells[.note])
        let notes = try? parsedNotes.get()
        var numbers = readNumbers(cells, &problems)
        if let indicator {
            checkNumbers(&numbers, indicator, withheld: (notes ?? 0) & NoteCodes.withheldMask != 0, cells, &problems)
        }
        if case .failure(let unknown) = parsedNotes {
            problems.add(.note, .unknownNoteCode,
                         "'\(unknown.token)' is not a note code; accepted: \(NoteCodes.accepted)",
                         cells.text(.note))
        }

        guard problems.errors.isEmpty, let indicator, let area, let period, let breakdown, let notes else {
            return .failure(RowErrors(errors: problems.errors))
        }
        return .success(ObservationRow(
            line: line, indicator: tables.ids[indicator], area: tables.areaCodes[area],
            breakdown: tables.breakdowns[breakdown], period: period,
            numerator: numbers.numerator.number, denominator: numbers.denominator.number,
            value: numbers.value.number, lower: numbers.lower.number, upper: numbers.upper.number,
            notes: NoteCodes.normalised[notes], reason: cells.text(.reason),
            positions: .init(indicator: indicator, area: area, breakdown: breakdown)))
    }
}
