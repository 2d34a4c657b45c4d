internal import OutcomesCore

/// The checks of the identifying fields: indicator, area (and its validity in the period),
/// period and breakdown. Each reports its own problems and returns a catalogue position.
extension RowValidator {
    /// The indicator's catalogue position.
    func checkIndicator(_ cells: RecordCells, _ problems: inout Problems) -> Int? {
        let cell = cells[.indicator]
        if cell.isEmpty {
            problems.add(.indicator, .missingField,
                         "indicator is required: an indicator id from the catalogue (see `outcomesd catalogue`)", "")
            return nil
        }
        guard let position = tables.indicatorTable.index(of: cell) else {
            problems.add(.indicator, .unknownIndicator,
                         "'\(cells.text(.indicator))' is not an indicator id in the catalogue; see `outcomesd catalogue` for the ids",
                         cells.text(.indicator))
            return nil
        }
        if !tables.rules[position].partnerAllowed {
            let indicator = tables.indicators[position]
            problems.add(.indicator, .partnerNotAllowed,
                         "indicator '\(indicator.id)' is supplied by partner '\(indicator.partner)' only; partner '\(partner ?? "")' may not send it",
                         indicator.id)
        }
        return position
    }

    /// The area's catalogue position.
    func checkArea(_ cells: RecordCells, _ problems: inout Problems) -> Int? {
        let cell = cells[.area]
        if cell.isEmpty {
            problems.add(.area, .missingField,
                         "area is required: an ONS code from areas.yaml, such as W06000015 (Cardiff) or W92000004 (Wales)", "")
            return nil
        }
        guard let position = tables.areaTable.index(of: cell) else {
            problems.add(.area, .unknownArea,
                         "'\(cells.text(.area))' is not an area code; use an ONS code from areas.yaml (a capital letter and eight digits), such as W06000015 (Cardiff) or W92000004 (Wales)",
                         cells.text(.area))
            return nil
        }
        return position
    }

    /// An area may only report periods that overlap its existence (boundaries change: two health
    /// boards were replaced on 1 April 2019).
    func checkAreaValidity(_ position: Int, _ period: Period, _ cells: RecordCells, _ problems: inout Problems) {
        let span = tables.spans[position]
        if span.from == nil && span.to == nil { return }
        let first = period.firstDay
        let last = period.lastDay
        let area = tables.areas[position]
        if let to = span.to, to < first {
            problems.add(.area, .areaNotValid,
                         "area \(area.code) (\(area.name.en)) existed until \(to), so it cannot report \(period) (\(first) to \(last)); use the area that covered the place in that period (see areas.yaml)",
                         cells.text(.area))
        } else if let from = span.from, last < from {
            problems.add(.area, .areaNotValid,
                         "area \(area.code) (\(area.name.en)) exists from \(from), so it cannot report \(period) (\(first) to \(last)); use the area that covered the place in that period (see areas.yaml)",
                         cells.text(.area))
        }
    }

    mutating func checkPeriod(_ cells: RecordCells, _ indicator: Int?, _ problems: inout Problems) -> Period? {
        let cell = cells[.period]
        let type = indicator.map { tables.rules[$0].periodType }
        if cell.isEmpty {
            let example = type?.acceptedForm ?? "a period such as 2024-25"
            problems.add(.period, .missingField, "period is required: \(example)", "")
            return nil
        }
        guard let type else {
            // Without the indicator its period type is unknown; only refuse what is no period at all.
            if Period.detect(cells.text(.period)) == nil {
                problems.add(.period, .malformedPeriod,
                             "'\(cells.text(.period))' is not a period; expected \(PeriodType.allCases.map(\.acceptedForm).joined(separator: ", or "))",
                             cells.text(.period))
            }
            return nil
        }
        let period: Period
        switch parsePeriod(cell, as: type) {
        case .success(let p):
            period = p
        case .failure(let error):
            let code: RowError.Code = switch error {
            case .malformed: .malformedPeriod
            case .wrongType: .wrongPeriodType
            }
            problems.add(.period, code, error.description, cells.text(.period))
            return nil
        }
        if today < period.firstDay {
            problems.add(.period, .futurePeriod,
                         "period \(period) starts on \(period.firstDay), after today (\(today)); a feed may only report periods that have begun",
                         cells.text(.period))
            return nil
        }
        return period
    }

    /// Parses a period, remembering each distinct spelling (a feed repeats a handful).
    mutating func parsePeriod(_ cell: UnsafeBufferPointer<UInt8>, as type: PeriodType) -> Result<Period, PeriodError> {
        let key = PeriodCache.key(cell, type)
        if let key, let period = periodCache.period(for: key) { return .success(period) }
        do {
            let period = try Period.parse(String(decoding: cell, as: UTF8.self), as: type)
            if let key { periodCache.store(period, for: key) }
            return .success(period)
        } catch {
            return .failure(error)
        }
    }

    /// The breakdown's position (empty means `all`).
    func checkBreakdown(_ cells: RecordCells, _ indicator: Int?, _ problems: inout Problems) -> Int? {
        let cell = cells[.breakdown]
        let position: Int
        if cell.isEmpty {
            position = tables.allBreakdown
        } else if let found = tables.breakdownTable.index(of: cell) {
            position = found
        } else {
            problems.add(.breakdown, .unknownBreakdown,
                         "'\(cells.text(.breakdown))' is not a breakdown; accepted: \(tables.breakdowns.joined(separator: ", ")) (empty means all)",
                         cells.text(.breakdown))
            return nil
        }
        if let indicator, !tables.allows(indicator: indicator, breakdown: position) {
            let full = tables.indicators[indicator]
            problems.add(.breakdown, .breakdownNotAllowed,
                         "indicator '\(full.id)' is not reported for breakdown '\(tables.breakdowns[position])'; allowed: \(full.breakdowns.joined(separator: ", "))",
                         cells.text(.breakdown))
            return nil
        }
        return position
    }
}
