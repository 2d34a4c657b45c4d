/// Reads the numbers of a feed cell straight from its bytes.
///
/// Accepted: a plain decimal, optionally signed, optionally with an exponent (`12`, `12.5`, `.5`,
/// `1.2e3`). Refused, with a message saying what to do: thousands separators or decimal commas
/// (`1,234`), units and `%` signs, NaN and infinities (`not_a_number`); negative values
/// (`negative_number`, all feed quantities are counts, sizes or non-negative measures).
///
/// Most feed numbers have at most 15 significant digits and no exponent: those are converted
/// exactly with one correctly rounded division (Clinger's fast path); the rest go through the
/// standard library's correctly rounded, locale-independent parser.
enum FeedNumber {
    enum Outcome {
        case empty
        case number(Double)
        case invalid(code: RowError.Code, message: String)
    }

    /// Exact powers of ten representable in a Double (10^0 … 10^22).
    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var p = 1.0
        for _ in 0..<exponent { p *= 10 }
        return p
    }

    /// Parses an already trimmed cell.
    static func parse(_ cell: UnsafeBufferPointer<UInt8>, column: FeedColumn) -> Outcome {
        let n = cell.count
        if n == 0 { return .empty }
        var i = 0
        var negative = false
        if cell[0] == UInt8(ascii: "-") || cell[0] == UInt8(ascii: "+") {
            negative = cell[0] == UInt8(ascii: "-")
            i = 1
        }
        var mantissa: UInt64 = 0
        var significant = 0
        var fractionDigits = 0
        var sawDigit = false
        var exponent = false
        while i < n, cell[i] &- 0x30 < 10 {
            accumulate(cell[i], &mantissa, &significant)
            sawDigit = true
            i += 1
        }
        if i < n, cell[i] == UInt8(ascii: ".") {
            i += 1
            while i < n, cell[i] &- 0x30 < 10 {
                accumulate(cell[i], &mantissa, &significant)
                fractionDigits += 1
                sawDigit = true
                i += 1
            }
        }
        if sawDigit, i < n, cell[i] | 0x20 == UInt8(ascii: "e") {
            exponent = true
            i += 1
            if i < n, cell[i] == UInt8(ascii: "-") || cell[i] == UInt8(ascii: "+") { i += 1 }
            var exponentDigits = 0
            while i < n, cell[i] &- 0x30 < 10 { exponentDigits += 1; i += 1 }
            if exponentDigits == 0 { sawDigit = false }
        }
        guard sawDigit, i == n else { return invalid(cell, column: column) }

        var value: Double
        if !exponent, significant <= 15, fractionDigits <= 22 {
            value = Double(mantissa) / powersOfTen[fractionDigits]
        } else {
            let text = String(decoding: UnsafeBufferPointer(rebasing: cell[(negative || cell[0] == UInt8(ascii: "+") ? 1 : 0)...]),
                              as: UTF8.self)
            guard let parsed = Double(text), parsed.isFinite else {
                return .invalid(code: .notANumber,
                                message: "'\(String(decoding: cell, as: UTF8.self))' is too large for a number; write a plain decimal such as 12 or 12.5")
            }
            value = parsed
        }
        if negative && value != 0 {
            return .invalid(code: .negativeNumber,
                            message: "\(column.rawValue) is negative; \(column.rawValue) must be zero or more")
        }
        value += 0  // turns -0 into 0
        return .number(value)
    }

    @inline(__always)
    private static func accumulate(_ digit: UInt8, _ mantissa: inout UInt64, _ significant: inout Int) {
        if mantissa == 0 && digit == 0x30 { return }  // leading zeros are not significant
        significant += 1
        if significant <= 19 { mantissa = mantissa &* 10 &+ UInt64(digit - 0x30) }
    }

    /// Explains why a cell is not a number, and what to write instead.
    private static func invalid(_ cell: UnsafeBufferPointer<UInt8>, column: FeedColumn) -> Outcome {
        let text = String(decoding: cell, as: UTF8.self)
        var unsigned = Substring(text.lowercased())
        if let f = unsigned.first, f == "-" || f == "+" { unsigned = unsigned.dropFirst() }
        if ["nan", "inf", "infinity"].contains(unsigned) {
            return .invalid(code: .notANumber,
                            message: "'\(text)' is not a finite number; write a plain decimal such as 12 or 12.5, or leave \(column.rawValue) empty with note x (missing)")
        }
        if text.contains(",") {
            return .invalid(code: .notANumber,
                            message: "'\(text)' contains a comma; remove thousands separators (write 1234, not 1,234) and use a point for decimals (12.5, not 12,5)")
        }
        return .invalid(code: .notANumber,
                        message: "'\(text)' is not a number; write a plain decimal such as 12 or 12.5 (no thousands separators, units or % signs)")
    }
}
