import Foundation

/// One row of a list endpoint. JSON encodes the row itself (typed: numbers are numbers, lists are
/// arrays, missing is null); CSV writes `cells` under `columns`; text writes `textCells` under
/// `textColumns` (by default the same), with any `textNotes` as indented lines beneath the row.
package protocol TableRow: Encodable, Sendable {
    static var columns: [String] { get }
    var cells: [String] { get }
    static var textColumns: [String] { get }
    var textCells: [String] { get }
    var textNotes: [String] { get }
}

extension TableRow {
    package static var textColumns: [String] { columns }
    package var textCells: [String] { cells }
    package var textNotes: [String] { [] }
}

/// Renders a list of rows in the asked format. Text is for a person in a terminal: a heading,
/// aligned columns that fit in 100 columns (the widest column is cut with "…" until they do),
/// notes under their row, and a footer (legend).
package enum Table {
    package static let textWidth = 100

    package static func render<Row: TableRow>(_ rows: [Row], format: ResponseFormat, heading: [String], footer: [String] = [],
                                      welsh: Bool = false) throws -> String {
        switch format {
        case .json: return try JSONText.encode(rows)
        case .csv: return csv(header: Row.columns, rows: rows.map(\.cells))
        case .text:
            return text(header: Row.textColumns.map { Words.column($0, welsh) }, rows: rows.map { ($0.textCells, $0.textNotes) },
                        heading: heading, footer: footer, welsh: welsh)
        }
    }

    package static func csv(header: [String], rows: [[String]]) -> String {
        var out = header.joined(separator: ",") + "\n"
        for row in rows { out += row.map(SummaryCSV.quote).joined(separator: ",") + "\n" }
        return out
    }

    /// Aligned columns with two spaces between them. The last column (the free text: a title, a
    /// name, a file) takes the width left and wraps under itself; if the others leave it fewer
    /// than 16 columns, the widest of them is cut with "…" until it has them.
    package static func text(header: [String], rows: [(cells: [String], notes: [String])], heading: [String], footer: [String],
                     welsh: Bool = false) -> String {
        var widths = header.map(\.count)
        for row in rows {
            for (i, cell) in row.cells.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        let last = widths.count - 1
        func room() -> Int { textWidth - 1 - widths.dropLast().reduce(0, +) - 2 * last }
        while room() < min(16, widths[last]), let widest = widths.indices.dropLast().max(by: { widths[$0] < widths[$1] }),
              widths[widest] > 6 {
            widths[widest] -= 1
        }
        widths[last] = max(1, min(widths[last], room()))
        let indent = String(repeating: " ", count: textWidth - 1 - widths[last])
        func line(_ cells: [String]) -> String {
            var out = ""
            for (i, cell) in cells.enumerated() where i < last {
                let fitted = cell.count > widths[i] ? String(cell.prefix(widths[i] - 1)) + "…" : cell
                out += fitted + String(repeating: " ", count: widths[i] - fitted.count + 2)
            }
            let free = cells.count > last ? cells[last] : ""
            let wrapped = TextWrap.lines(free, width: widths[last])
            return (out + (wrapped.first ?? "")).trimmingTrailingSpaces()
                + wrapped.dropFirst().map { "\n" + indent + $0 }.joined()
        }
        var out = ""
        for (i, h) in heading.enumerated() {
            out += i == 0 ? h + "\n" : TextWrap.hanging("", h)
            if i == 0 { out += String(repeating: "=", count: min(textWidth - 1, h.count)) + "\n" }
        }
        out += "\n" + line(header) + "\n"
        for row in rows {
            out += line(row.cells) + "\n"
            for note in row.notes { out += TextWrap.hanging("    ", note) }
        }
        if rows.isEmpty { out += Words.t("(none)", "(dim)", welsh) + "\n" }
        if !footer.isEmpty { out += "\n" + footer.map { TextWrap.hanging("", $0) }.joined() }
        return out
    }
}

extension String {
    package func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}

/// Cell text for numbers: 4 significant figures, as StatsWales tables show them; empty when absent.
package enum CellText {
    package static func number(_ x: Double?) -> String { x.map { String(format: "%.4g", $0) } ?? "" }
    package static func integer(_ x: Int?) -> String { x.map(String.init) ?? "" }
    /// `2026-11-23 06:00:45Z`: readable in a terminal, still ISO 8601.
    package static func date(_ d: Date?) -> String {
        guard let d else { return "" }
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withFullDate, .withSpaceBetweenDateAndTime, .withTime, .withColonSeparatorInTime, .withTimeZone]
        return f.string(from: d)
    }
}
