/// A CSV feed's header: which canonical column each position holds.
///
/// Names are case-insensitive with surrounding spaces trimmed, in any order. An unknown,
/// duplicated or missing required column refuses the whole feed: guessing what a column means
/// would store wrong numbers silently.
struct CSVHeader: Sendable {
    /// The canonical column at each position.
    var columns: [FeedColumn]

    init(_ record: CSVRecord) throws(FeedFileError) {
        if let issue = record.issue {
            throw FeedFileError(code: "malformed_csv",
                                message: "the header has malformed quoting: \(CSVHeader.explain(issue.kind))",
                                line: issue.line, column: issue.column)
        }
        if let long = record.longCell {
            throw FeedFileError(code: "cell_too_long",
                                message: "header cell \(long.field + 1) is \(long.length) bytes long; a cell may hold at most \(FeedLimits.cellBytes) bytes (64 KiB)",
                                line: record.line)
        }
        var columns: [FeedColumn] = []
        var unknown: [String] = []
        for i in 0..<record.fieldCount {
            let name = record.text(i)
            guard let column = FeedColumn(header: Substring(name)) else {
                unknown.append(name.isEmpty ? "(column \(i + 1) has no name)" : "'\(name)'")
                continue
            }
            if columns.contains(column) {
                throw FeedFileError(code: "duplicate_column",
                                    message: "the header names column '\(column.rawValue)' twice (position \(i + 1)); name each column once",
                                    line: record.line)
            }
            columns.append(column)
        }
        if !unknown.isEmpty {
            let hint = columns.isEmpty
                ? " The first line must be a header naming the columns, e.g. indicator,area,period,numerator,denominator."
                : ""
            throw FeedFileError(code: "unknown_column",
                                message: "the header has unknown column\(unknown.count == 1 ? "" : "s") \(unknown.joined(separator: ", ")); accepted (any order, any case): \(FeedColumn.acceptedNames).\(hint)",
                                line: record.line)
        }
        let missing = FeedColumn.required.filter { !columns.contains($0) }
        if !missing.isEmpty {
            throw FeedFileError(code: "missing_column",
                                message: "the header lacks the required column\(missing.count == 1 ? "" : "s") \(missing.map(\.rawValue).joined(separator: ", ")); every feed needs indicator, area and period",
                                line: record.line)
        }
        self.columns = columns
    }

    /// What is wrong with a quoting problem, and how to fix it.
    static func explain(_ kind: CSVRecord.Issue.Kind) -> String {
        switch kind {
        case .quoteInUnquotedField:
            "a double quote inside a field that does not start with one; enclose the whole field in double quotes and double the quote inside (\"say \"\"hi\"\"\")"
        case .textAfterClosingQuote:
            "text after a closing double quote; a quoted field must end at its closing quote (double a quote that belongs inside the field)"
        }
    }
}
