/// Receives each complete record from ``CSVParser``; a generic parameter (not a closure) so the
/// parser's loop is specialised for its one real sink and stays fast.
protocol CSVRecordSink {
    mutating func record(_ record: CSVRecord) throws(FeedFileError)
}
