/// Turns parsed records into validated rows and row errors: reads the header, maps each record's
/// cells to canonical columns, and calls ``RowValidator`` without building a dictionary per row.
struct CSVRecordHandler: CSVRecordSink, Sendable {
    var validator: RowValidator
    var header: CSVHeader?
    var batch = FeedBatch()
    var rowsSeen = 0
    /// Reused per record: each canonical column's byte range in the record.
    private var ranges = Array(repeating: 0..<0, count: FeedColumn.count)

    init(validator: RowValidator) {
        self.validator = validator
    }

    mutating func record(_ record: CSVRecord) throws(FeedFileError) {
        if record.isBlank { return }
        guard let header else {
            header = try CSVHeader(record)
            return
        }
        rowsSeen += 1
        if let issue = record.issue {
            let field = issue.field < header.columns.count ? header.columns[issue.field].rawValue : "record"
            batch.errors.append(RowError(line: record.line, field: field, code: .malformedCSV,
                                         message: "malformed quoting at line \(issue.line), column \(issue.column): \(CSVHeader.explain(issue.kind))",
                                         value: issue.field < record.fieldCount ? record.text(issue.field) : "",
                                         column: issue.column))
            return
        }
        if let long = record.longCell {
            let field = long.field < header.columns.count ? header.columns[long.field].rawValue : "record"
            batch.errors.append(.cellTooLong(line: record.line, field: field, length: long.length,
                                             start: record.text(long.field), place: .line))
            return
        }
        if let cell = record.bytes.withUnsafeBufferPointer({ RowError.nulCell($0, ends: record.ends) }) {
            let field = cell < header.columns.count ? header.columns[cell].rawValue : "record"
            batch.errors.append(.nulCharacter(line: record.line, field: field,
                                              text: cell < record.fieldCount ? record.text(cell) : "", place: .line))
            return
        }
        if record.fieldCount > header.columns.count {
            batch.errors.append(RowError(line: record.line, field: "record", code: .tooManyFields,
                                         message: "the record has \(record.fieldCount) fields but the header has \(header.columns.count) columns; enclose fields that contain commas in double quotes",
                                         value: record.text(header.columns.count)))
            return
        }
        for i in 0..<FeedColumn.count { ranges[i] = 0..<0 }
        for (i, column) in header.columns.enumerated() where i < record.fieldCount {
            ranges[column.index] = record.range(i)
        }
        let result = record.bytes.withUnsafeBufferPointer { bytes in
            validator.validate(RecordCells(bytes: bytes, ranges: ranges), line: record.line)
        }
        switch result {
        case .success(let row): batch.rows.append(row)
        case .failure(let problems): batch.errors += problems.errors
        }
    }

    /// Hands over what has accumulated since the last call. The next batch starts with room
    /// for as many rows as this one had, sparing the growth copies of a large array.
    mutating func take() -> FeedBatch {
        let taken = batch
        batch = FeedBatch()
        batch.rows.reserveCapacity(taken.rows.count)
        return taken
    }
}
