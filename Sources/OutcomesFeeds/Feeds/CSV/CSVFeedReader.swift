/// Streaming CSV feed reader: feed it byte chunks of any size; it returns the validated rows and
/// row errors of every record each chunk completes.
///
/// Memory stays bounded by the largest record, whatever the feed's size, so a million-row feed
/// goes from socket or file to `COPY` without being held whole.
/// ```swift
/// var reader = CSVFeedReader(validator: RowValidator(catalogue: catalogue, partner: "local_authority", today: today))
/// for chunk in chunks { let batch = try reader.consume(chunk[...]); store(batch) }
/// let last = try reader.finish()
/// ```
/// File-level problems (header, encoding, an unterminated quote, an empty feed) throw
/// ``FeedFileError``; after that the reader keeps throwing the same error.
public struct CSVFeedReader: Sendable {
    private var parser = CSVParser()
    private var handler: CSVRecordHandler
    /// The first bytes, held until they show whether the feed is CSV at all.
    private var sniffed: [UInt8] = []
    private var sniffing = true
    /// The file-level error already thrown; the reader stays failed.
    private var failure: FeedFileError?

    public init(validator: RowValidator) {
        handler = CSVRecordHandler(validator: validator)
    }

    /// Data records read so far (blank lines and the header not counted).
    public var rowsSeen: Int { handler.rowsSeen }

    /// Returns the validated rows and row errors of the records completed by `chunk`.
    public mutating func consume(_ chunk: ArraySlice<UInt8>) throws(FeedFileError) -> FeedBatch {
        if let failure { throw failure }
        do throws(FeedFileError) {
            if sniffing {
                sniffed += chunk
                guard let verdict = FeedSniffer.verdict(sniffed) else { return FeedBatch() }
                sniffing = false
                let held = sniffed
                sniffed = []
                try verdict.get()
                try parse(held[...])
            } else {
                try parse(chunk)
            }
            return handler.take()
        } catch {
            failure = error
            throw error
        }
    }

    /// Completes the last record (it needs no final line break) and returns its outcome.
    /// A feed with no header, or a header and no data rows, is refused with `empty_feed`.
    public mutating func finish() throws(FeedFileError) -> FeedBatch {
        if let failure { throw failure }
        do throws(FeedFileError) {
            if sniffing {
                sniffing = false
                try FeedSniffer.verdict(sniffed, atEnd: true)?.get()
                let held = sniffed
                sniffed = []
                try parse(held[...])
            }
            try parser.finish(into: &handler)
            if handler.header == nil {
                throw FeedFileError(code: "empty_feed",
                                    message: "the feed is empty; expected a header line (indicator,area,period,…) and at least one row")
            }
            if handler.rowsSeen == 0 {
                throw FeedFileError(code: "empty_feed",
                                    message: "the feed has a header but no rows; send at least one observation")
            }
            return handler.take()
        } catch {
            failure = error
            throw error
        }
    }

    private mutating func parse(_ bytes: ArraySlice<UInt8>) throws(FeedFileError) {
        try bytes.withUnsafeBufferPointer { (buffer) throws(FeedFileError) in
            try parser.consume(buffer, into: &handler)
        }
    }
}
