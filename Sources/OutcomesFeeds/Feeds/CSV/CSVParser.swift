/// A byte-level RFC 4180 state machine over chunks of any size.
///
/// Why hand-written: it streams (a chunk boundary may fall anywhere — inside quotes, between CR
/// and LF, inside a UTF-8 sequence), it knows the line and byte column of every problem, and it
/// does not silently accept malformed quoting the way general CSV libraries do (see
/// ENGINEERING.md: ~6× faster than CSV.swift here). Records go to a ``CSVRecordSink``.
///
/// Accepted: `,` delimiters; LF, CRLF or a lone CR ending a record; quoted fields containing
/// commas, doubled quotes and line breaks; a UTF-8 byte-order mark; lines with no content
/// (skipped, but counted). A quote inside an unquoted field, or text after a closing quote, marks
/// the record with an ``CSVRecord/Issue`` (the rest of the field is kept literally, so one bad
/// quote cannot swallow the rest of the file); an unterminated quote at the end of the input is a
/// file-level `malformed_csv`; invalid UTF-8 is a file-level `not_utf8` with its byte offset.
/// A cell longer than ``FeedLimits/cellBytes`` is kept only up to the limit and counted to its
/// end (``CSVRecord/longCell``), so a record's memory is bounded whatever the input.
struct CSVParser: Sendable {
    private enum State: UInt8, Sendable {
        case recordStart, fieldStart, unquoted, quoted, quoteInQuoted
    }

    private static let comma = UInt8(ascii: ",")
    private static let quote = UInt8(ascii: "\"")
    private static let cr: UInt8 = 0x0D
    private static let lf: UInt8 = 0x0A
    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    private var state = State.recordStart
    private var record = CSVRecord()
    /// Absolute offset of the next byte.
    private(set) var offset = 0
    /// The physical line of the next byte (1-based).
    private(set) var line = 1
    /// Absolute offset of the current line's first byte (after a byte-order mark on line 1).
    private var lineStart = 0
    /// A CR ended the last line: a following LF belongs to the same line break.
    private var skipLF = false
    private var utf8 = UTF8Stream()
    /// Line and column of the UTF-8 sequence left open at the end of the previous chunk.
    private var pendingLead = (line: 1, column: 1)
    private var openQuote = (line: 1, column: 1)
    private var byteOrderMarkMatched = 0
    private var byteOrderMarkDecided = false
    /// A file-level error already thrown; the parser stays failed.
    private var failure: FeedFileError?

    init() {}

    /// Parses `chunk`, handing every record it completes to `sink`.
    mutating func consume<Sink: CSVRecordSink>(_ chunk: UnsafeBufferPointer<UInt8>,
                                               into sink: inout Sink) throws(FeedFileError) {
        if let failure { throw failure }
        do throws(FeedFileError) {
            var rest = chunk
            if !byteOrderMarkDecided { rest = try skipByteOrderMark(rest, into: &sink) }
            try parse(rest, into: &sink)
        } catch {
            failure = error
            throw error
        }
    }

    /// Ends the input: completes the last record (which needs no line break) or reports an
    /// unterminated quote or UTF-8 sequence.
    mutating func finish<Sink: CSVRecordSink>(into sink: inout Sink) throws(FeedFileError) {
        if let failure { throw failure }
        do throws(FeedFileError) {
            if !byteOrderMarkDecided { try replayByteOrderMarkPrefix(into: &sink) }
            if utf8.pending != 0 {
                throw notUTF8(offset: utf8.leadOffset, byte: utf8.leadByte, line: pendingLead.line,
                              column: pendingLead.column, atEnd: true)
            }
            switch state {
            case .recordStart:
                break
            case .quoted:
                throw FeedFileError(
                    code: "malformed_csv",
                    message: "the quoted field opened at line \(openQuote.line), column \(openQuote.column) is never closed; add the closing double quote (and double any quote inside the field)",
                    line: openQuote.line, column: openQuote.column)
            case .fieldStart, .unquoted, .quoteInQuoted:
                try endRecord(into: &sink)
            }
            state = .recordStart
        } catch {
            failure = error
            throw error
        }
    }

    // MARK: - Byte-order mark

    /// Drops a leading UTF-8 byte-order mark, even when it arrives split over chunks.
    private mutating func skipByteOrderMark<Sink: CSVRecordSink>(
        _ chunk: UnsafeBufferPointer<UInt8>, into sink: inout Sink
    ) throws(FeedFileError) -> UnsafeBufferPointer<UInt8> {
        var i = 0
        while !byteOrderMarkDecided, i < chunk.count {
            if chunk[i] == Self.byteOrderMark[byteOrderMarkMatched] {
                byteOrderMarkMatched += 1
                i += 1
                if byteOrderMarkMatched == 3 {
                    byteOrderMarkDecided = true
                    offset = 3
                    lineStart = 3
                }
            } else {
                try replayByteOrderMarkPrefix(into: &sink)
            }
        }
        return UnsafeBufferPointer(rebasing: chunk[i...])
    }

    /// The bytes held back as a possible byte-order mark were text after all: parse them.
    private mutating func replayByteOrderMarkPrefix<Sink: CSVRecordSink>(into sink: inout Sink) throws(FeedFileError) {
        byteOrderMarkDecided = true
        let prefix = Array(Self.byteOrderMark.prefix(byteOrderMarkMatched))
        byteOrderMarkMatched = 0
        guard !prefix.isEmpty else { return }
        try prefix.withUnsafeBufferPointer { (bytes) throws(FeedFileError) in
            try parse(bytes, into: &sink)
        }
    }

    /// Validates then parses one stretch of input.
    private mutating func parse<Sink: CSVRecordSink>(_ bytes: UnsafeBufferPointer<UInt8>,
                                                     into sink: inout Sink) throws(FeedFileError) {
        try checkUTF8(bytes, into: &sink)
        try run(bytes, into: &sink)
        if utf8.pending != 0 {
            // Only continuation bytes follow the lead, so it is on the current line.
            pendingLead = (line, utf8.leadOffset - lineStart + 1)
        }
    }

    // MARK: - UTF-8

    /// Validates the chunk before parsing it, and locates a bad byte by line and column.
    private mutating func checkUTF8<Sink: CSVRecordSink>(_ chunk: UnsafeBufferPointer<UInt8>,
                                                         into sink: inout Sink) throws(FeedFileError) {
        guard let bad = utf8.scan(chunk, base: offset) else { return }
        if bad >= offset {
            // Parse up to the bad byte so the line count is right there.
            try run(UnsafeBufferPointer(rebasing: chunk[..<(bad - offset)]), into: &sink)
            throw notUTF8(offset: bad, byte: utf8.leadByte, line: line, column: bad - lineStart + 1, atEnd: false)
        }
        throw notUTF8(offset: bad, byte: utf8.leadByte, line: pendingLead.line, column: pendingLead.column,
                      atEnd: false)
    }

    private func notUTF8(offset: Int, byte: UInt8, line: Int, column: Int, atEnd: Bool) -> FeedFileError {
        let hex = String(byte, radix: 16, uppercase: true)
        let what = atEnd ? "the file ends inside the UTF-8 sequence starting with byte 0x\(hex)"
            : "invalid byte sequence starting with byte 0x\(hex)"
        return FeedFileError(
            code: "not_utf8",
            message: "the feed is not UTF-8: \(what) at byte offset \(offset); save the file as UTF-8 (in Excel: \"CSV UTF-8\")",
            line: line, column: column, byteOffset: offset)
    }

    // MARK: - The state machine

    @inline(__always)
    private mutating func newline(_ byte: UInt8, at absolute: Int) {
        line += 1
        lineStart = absolute + 1
        skipLF = byte == Self.cr
    }

    private mutating func endRecord<Sink: CSVRecordSink>(into sink: inout Sink) throws(FeedFileError) {
        record.endCell()
        try sink.record(record)
        record.reset(line: line)
    }

    private mutating func markIssue(_ kind: CSVRecord.Issue.Kind, column: Int) {
        if record.issue == nil {
            record.issue = CSVRecord.Issue(kind: kind, line: line, column: column, field: record.ends.count)
        }
    }

    /// The state machine proper. Runs of ordinary bytes are copied in bulk.
    private mutating func run<Sink: CSVRecordSink>(_ chunk: UnsafeBufferPointer<UInt8>,
                                                   into sink: inout Sink) throws(FeedFileError) {
        let base = offset
        let n = chunk.count
        offset = base + n
        var i = 0
        while i < n {
            var byte = chunk[i]
            if skipLF {
                skipLF = false
                if byte == Self.lf {
                    if state == .quoted { record.append(byte) }
                    i += 1
                    lineStart = base + i
                    continue
                }
            }
            switch state {
            case .recordStart:
                if byte == Self.cr || byte == Self.lf {
                    newline(byte, at: base + i)  // a blank line: skipped, but counted
                    i += 1
                } else {
                    record.line = line
                    state = .fieldStart
                }
            case .fieldStart:
                switch byte {
                case Self.quote:
                    state = .quoted
                    record.hasQuotes = true
                    openQuote = (line, base + i - lineStart + 1)
                    i += 1
                case Self.comma:
                    record.endCell()
                    i += 1
                case Self.cr, Self.lf:
                    try endRecord(into: &sink)
                    newline(byte, at: base + i)
                    state = .recordStart
                    i += 1
                default:
                    state = .unquoted
                }
            case .unquoted:
                let start = i
                while i < n {
                    let c = chunk[i]
                    if c == Self.comma || c == Self.quote || c == Self.cr || c == Self.lf { break }
                    i += 1
                }
                if i > start { record.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[start..<i])) }
                guard i < n else { break }
                byte = chunk[i]
                if byte == Self.comma {
                    record.endCell()
                    state = .fieldStart
                } else if byte == Self.quote {
                    markIssue(.quoteInUnquotedField, column: base + i - lineStart + 1)
                    record.append(byte)
                } else {
                    try endRecord(into: &sink)
                    newline(byte, at: base + i)
                    state = .recordStart
                }
                i += 1
            case .quoted:
                let start = i
                while i < n {
                    let c = chunk[i]
                    if c == Self.quote || c == Self.cr || c == Self.lf { break }
                    i += 1
                }
                if i > start { record.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[start..<i])) }
                guard i < n else { break }
                byte = chunk[i]
                if byte == Self.quote {
                    state = .quoteInQuoted
                } else {
                    record.append(byte)
                    newline(byte, at: base + i)
                }
                i += 1
            case .quoteInQuoted:
                switch byte {
                case Self.quote:
                    record.append(byte)  // a doubled quote stands for one
                    state = .quoted
                    i += 1
                case Self.comma:
                    record.endCell()
                    state = .fieldStart
                    i += 1
                case Self.cr, Self.lf:
                    try endRecord(into: &sink)
                    newline(byte, at: base + i)
                    state = .recordStart
                    i += 1
                default:
                    markIssue(.textAfterClosingQuote, column: base + i - lineStart + 1)
                    state = .unquoted  // keep the rest literally; the record is rejected anyway
                }
            }
        }
    }
}
