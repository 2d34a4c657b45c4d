internal import OutcomesCore

extension RowValidator {
    /// One numeric cell: empty, a number, or already reported as invalid.
    enum NumberSlot {
        case absent
        case present(Double)
        case invalid

        var number: Double? {
            if case .present(let value) = self { value } else { nil }
        }
    }

    struct Numbers {
        var numerator: NumberSlot
        var denominator: NumberSlot
        var value: NumberSlot
        var lower: NumberSlot
        var upper: NumberSlot
    }

    /// Reads the five numeric cells, reporting any that is not a non-negative number.
    func readNumbers(_ cells: RecordCells, _ problems: inout Problems) -> Numbers {
        func read(_ column: FeedColumn) -> NumberSlot {
            switch FeedNumber.parse(cells[column], column: column) {
            case .empty:
                return .absent
            case .number(let value):
                return .present(value)
            case .invalid(let code, let message):
                problems.add(column, code, message, cells.text(column))
                return .invalid
            }
        }
        return Numbers(numerator: read(.numerator), denominator: read(.denominator), value: read(.value),
                       lower: read(.lower), upper: read(.upper))
    }

    /// Applies the indicator type's rules: which numbers are required, the derived value and
    /// its agreement with a supplied one, the valid range and the interval's order.
    ///
    /// `withheld` (note x or c) lets the numbers be left out; those given are still checked.
    func checkNumbers(_ numbers: inout Numbers, _ position: Int, withheld: Bool,
                      _ cells: RecordCells, _ problems: inout Problems) {
        let indicator = tables.rules[position]
        func require(_ column: FeedColumn, _ slot: NumberSlot, _ what: String) {
            guard case .absent = slot, !withheld else { return }
            problems.add(column, .missingField,
                         "\(column.rawValue) is required: a \(indicator.kind.rawValue) indicator needs \(what) (numbers may be left empty only with note x, missing, or c, confidential)",
                         "")
        }
        switch indicator.kind {
        case .proportion, .rate:
            let what = "numerator and denominator (the value is derived from them)"
            require(.numerator, numbers.numerator, what)
            require(.denominator, numbers.denominator, what)
            if case .present(let numerator) = numbers.numerator, case .present(let denominator) = numbers.denominator {
                guard denominator > 0 else {
                    problems.add(.denominator, .zeroDenominator,
                                 "denominator is 0; it must be above zero (leave the numbers empty with note x when there is nothing to report)",
                                 cells.text(.denominator))
                    return
                }
                if indicator.kind == .proportion, numerator > denominator {
                    problems.add(.numerator, .numeratorExceedsDenominator,
                                 "numerator \(format(numerator)) exceeds denominator \(format(denominator)); a proportion counts part of its denominator",
                                 cells.text(.numerator))
                    return
                }
                let derived = numerator / denominator * indicator.multiplier
                if case .present(let supplied) = numbers.value, abs(supplied - derived) > 0.05 {
                    problems.add(.value, .valueMismatch,
                                 "value \(format(supplied)) does not agree with numerator ÷ denominator × \(format(indicator.multiplier)) = \(format(derived)) (within 0.05); correct it or leave value empty to have it derived",
                                 cells.text(.value))
                    return
                }
                numbers.value = .present(derived)
            }
        case .count, .mean:
            require(.value, numbers.value, "value")
        case .valueWithCI:
            let what = "value, lower and upper (the value with its confidence interval)"
            require(.value, numbers.value, what)
            require(.lower, numbers.lower, what)
            require(.upper, numbers.upper, what)
        }
        checkRangeAndInterval(numbers, position, cells, &problems)
    }

    private func checkRangeAndInterval(_ numbers: Numbers, _ position: Int, _ cells: RecordCells,
                                       _ problems: inout Problems) {
        if case .present(let value) = numbers.value, !tables.rules[position].validRange.contains(value) {
            let indicator = tables.indicators[position]
            problems.add(.value, .outOfRange,
                         "value \(format(value)) is outside the valid range \(format(indicator.validRange.min)) to \(format(indicator.validRange.max)) (\(indicator.unit)) of indicator '\(indicator.id)'",
                         format(value))
        }
        let value = numbers.value.number
        let lower = numbers.lower.number
        let upper = numbers.upper.number
        if let lower, let bound = value ?? upper, lower > bound {
            problems.add(.lower, .intervalOrder,
                         "lower \(format(lower)) is above \(value == nil ? "upper" : "value") \(format(bound)); expected lower ≤ value ≤ upper",
                         cells.text(.lower))
        }
        if let upper, let value, value > upper {
            problems.add(.upper, .intervalOrder,
                         "upper \(format(upper)) is below value \(format(value)); expected lower ≤ value ≤ upper",
                         cells.text(.upper))
        }
    }

    /// A number as people write it: no ".0" on whole numbers, at most 4 decimals.
    func format(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int(number)) }
        let rounded = (number * 10_000).rounded() / 10_000
        return rounded == rounded.rounded() && abs(rounded) < 1e15 ? String(Int(rounded)) : String(rounded)
    }
}
