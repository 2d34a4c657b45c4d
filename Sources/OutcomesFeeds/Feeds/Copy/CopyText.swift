internal import OutcomesCore

/// Encodes rows in PostgreSQL `COPY … FROM STDIN` text format, the fastest way into the store
/// (PostgresNIO's `copyFrom` takes only this format).
///
/// One line per row, tab-separated, `\N` for null, `\\`, `\t`, `\n`, `\r` escaped, newline
/// terminated. Columns, in order (``columns``):
/// `line, indicator_id, area_id, breakdown_id, period, period_start, numerator, denominator, value,
/// lower, upper, notes, reason` — the three keys as the store's integer ids (``IDs``, looked up by
/// the row's catalogue positions: no join with the catalogue tables per row), `period` in its
/// canonical form (`2024-25`), `period_start` its first day (`2024-04-01`), `reason` `\N` when the
/// row gave none. Numbers are written so they read back to the same Double: whole numbers as
/// integers, others in Swift's shortest round-trip form (`0.1`, `1e-05`), which PostgreSQL reads
/// as `float8` or `numeric`.
/// ```swift
/// var buffer: [UInt8] = []
/// try CopyText.append(row, ids: ids, to: &buffer)   // "2\t17\t3\t1\t2024-25\t2024-04-01\t480\t…\n"
/// ```
public enum CopyText {
    /// The column list for `COPY feed_staging (…) FROM STDIN`.
    public static let columns = ["line", "indicator_id", "area_id", "breakdown_id", "period", "period_start",
                                 "numerator", "denominator", "value", "lower", "upper", "notes", "reason"]

    /// The store's integer ids by catalogue position (``CatalogueKeyOrder``).
    public struct IDs: Sendable {
        public var indicators: [Int32]
        public var areas: [Int32]
        public var breakdowns: [Int16]

        public init(indicators: [Int32], areas: [Int32], breakdowns: [Int16]) {
            self.indicators = indicators
            self.areas = areas
            self.breakdowns = breakdowns
        }
    }

    /// A row without catalogue positions, or with one the ids do not cover: a caller's mistake
    /// (rows from a validator always have them), reported rather than trapped.
    public struct MissingID: Error, CustomStringConvertible {
        public var line: Int
        public var description: String { "row \(line) has no stored id for its indicator, area or breakdown" }
    }

    private static let tab: UInt8 = 0x09

    public static func append(_ row: ObservationRow, ids: IDs, to buffer: inout [UInt8]) throws {
        appendInteger(row.line, to: &buffer)
        buffer.append(tab)
        try appendObservation(row, ids: ids, to: &buffer)
        buffer.append(0x0A)
    }

    /// The columns of ``columns`` after `line` (``observationColumns``), without the newline:
    /// what a staged row and a row copied straight into the history (``appendDirect``) share.
    public static func appendObservation(_ row: ObservationRow, ids: IDs, to buffer: inout [UInt8]) throws {
        guard let at = row.positions, ids.indicators.indices.contains(at.indicator), ids.areas.indices.contains(at.area),
              ids.breakdowns.indices.contains(at.breakdown) else { throw MissingID(line: row.line) }
        appendInteger(Int(ids.indicators[at.indicator]), to: &buffer)
        buffer.append(tab)
        appendInteger(Int(ids.areas[at.area]), to: &buffer)
        buffer.append(tab)
        appendInteger(Int(ids.breakdowns[at.breakdown]), to: &buffer)
        buffer.append(tab)
        appendPeriod(row.period, to: &buffer)
        buffer.append(tab)
        appendDate(row.period.firstDay, to: &buffer)
        // Five calls rather than a loop over an array literal: no allocation per row.
        buffer.append(tab)
        appendNumber(row.numerator, to: &buffer)
        buffer.append(tab)
        appendNumber(row.denominator, to: &buffer)
        buffer.append(tab)
        appendNumber(row.value, to: &buffer)
        buffer.append(tab)
        appendNumber(row.lower, to: &buffer)
        buffer.append(tab)
        appendNumber(row.upper, to: &buffer)
        buffer.append(tab)
        appendText(row.notes, to: &buffer)
        buffer.append(tab)
        if row.reason.isEmpty {
            buffer.append(0x5C)
            buffer.append(UInt8(ascii: "N"))
        } else {
            appendText(row.reason, to: &buffer)
        }
    }

    /// ``columns`` without `line`.
    public static let observationColumns = Array(columns.dropFirst())

    /// The column list for a first load copied straight into `observation_revision`: the
    /// observation, then the feed (revision 1 and the time recorded are the table's defaults).
    public static let directColumns = observationColumns + ["feed_id"]

    /// A staged row's observation (its bytes after `line` and the tab, from ``append``), as a row
    /// of ``directColumns`` for `feed`: the row is encoded once and framed twice.
    public static func appendDirect(observation: ArraySlice<UInt8>, feed: Int64, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: observation)
        buffer.append(tab)
        appendInteger(Int(feed), to: &buffer)
        buffer.append(0x0A)
    }

    /// Text with COPY's backslash escapes. Catalogue keys never need them, so the text is first
    /// scanned and, as usual, copied in one go.
    static func appendText(_ text: String, to buffer: inout [UInt8]) {
        let plain = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            for byte in bytes where byte == 0x5C || byte == 0x09 || byte == 0x0A || byte == 0x0D { return false }
            buffer.append(contentsOf: bytes)
            return true
        }
        if plain == true { return }
        for byte in text.utf8 {
            switch byte {
            case 0x5C: buffer.append(0x5C); buffer.append(0x5C)
            case 0x09: buffer.append(0x5C); buffer.append(UInt8(ascii: "t"))
            case 0x0A: buffer.append(0x5C); buffer.append(UInt8(ascii: "n"))
            case 0x0D: buffer.append(0x5C); buffer.append(UInt8(ascii: "r"))
            default: buffer.append(byte)
            }
        }
    }

    static func appendNumber(_ number: Double?, to buffer: inout [UInt8]) {
        guard let number else {
            buffer.append(0x5C)
            buffer.append(UInt8(ascii: "N"))
            return
        }
        if number == number.rounded(.towardZero), abs(number) < 1e15 {
            appendInteger(Int(number), to: &buffer)
        } else {
            buffer.append(contentsOf: number.description.utf8)
        }
    }

    static func appendInteger(_ value: Int, to buffer: inout [UInt8]) {
        if value < 0 { buffer.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        // Digits are produced backwards into a small stack buffer, then copied at once.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var i = 20
            repeat {
                i -= 1
                digits[i] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: digits[i..<20]))
        }
    }

    /// `n` (non-negative) as exactly `width` digits, zero-padded.
    private static func appendPadded(_ n: Int, width: Int, to buffer: inout [UInt8]) {
        var rest = n
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: width) { digits in
            var i = width
            while i > 0 {
                i -= 1
                digits[i] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            }
            buffer.append(contentsOf: UnsafeBufferPointer(digits))
        }
    }

    /// The period's canonical form (as `Period.description`), written without building a String.
    static func appendPeriod(_ period: Period, to buffer: inout [UInt8]) {
        appendPadded(period.year, width: 4, to: &buffer)
        switch period.type {
        case .calendar:
            break
        case .financial, .academic:
            buffer.append(period.type == .financial ? UInt8(ascii: "-") : UInt8(ascii: "/"))
            appendPadded((period.year + 1) % 100, width: 2, to: &buffer)
        case .quarter:
            buffer.append(UInt8(ascii: "-"))
            buffer.append(UInt8(ascii: "Q"))
            appendPadded(period.index, width: 1, to: &buffer)
        case .month:
            buffer.append(UInt8(ascii: "-"))
            appendPadded(period.index, width: 2, to: &buffer)
        }
    }

    static func appendDate(_ date: CivilDate, to buffer: inout [UInt8]) {
        appendPadded(date.year, width: 4, to: &buffer)
        buffer.append(UInt8(ascii: "-"))
        appendPadded(date.month, width: 2, to: &buffer)
        buffer.append(UInt8(ascii: "-"))
        appendPadded(date.day, width: 2, to: &buffer)
    }
}
