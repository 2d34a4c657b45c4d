import Logging

/// swift-log's `StreamLogHandler`, with the logger's own metadata formatted when a line is
/// written instead of each time it is set.
///
/// `StreamLogHandler` re-formats all of its metadata (sorted, joined) on every change, and
/// Hummingbird sets `hb.request.id` on the logger of every request, so each request paid for
/// formatting a line it almost never writes: 2.9% of the daemon's CPU time on a cached summary
/// under `wrk` (`perf record`, Benchmarks/serve). The lines written are the same: the metadata
/// this handler holds, then the metadata provider's, then the log call's own (later keys win),
/// as `StreamLogHandler` merges them.
struct DeferredMetadataLogHandler: LogHandler {
    /// Writes the lines; its own metadata and provider stay empty (this handler keeps them).
    private var stream: StreamLogHandler
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    init(_ stream: StreamLogHandler) {
        var stream = stream
        metadataProvider = stream.metadataProvider
        stream.metadataProvider = nil
        stream.metadata = [:]
        self.stream = stream
    }

    var logLevel: Logger.Level {
        get { stream.logLevel }
        set { stream.logLevel = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var event = event
        var merged = metadata
        if let provided = metadataProvider?.get(), !provided.isEmpty { merged.merge(provided) { _, provided in provided } }
        if let explicit = event.metadata, !explicit.isEmpty { merged.merge(explicit) { _, explicit in explicit } }
        event.metadata = merged
        stream.log(event: event)
    }
}
