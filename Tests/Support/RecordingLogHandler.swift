import Foundation
import Logging
import Synchronization

/// Keeps the log lines of one component in memory, so a test can say in its failure message what
/// the server did (or never did), e.g. whether a timer fired, instead of only what the client saw.
public final class LogRecording: Sendable {
    private let lines = Mutex<[String]>([])

    public init() {}

    /// A logger whose records at `level` and above are kept here.
    public func logger(label: String, level: Logger.Level) -> Logger {
        var logger = Logger(label: label) { _ in Handler(recording: self) }
        logger.logLevel = level
        return logger
    }

    /// Every record so far, one line each, oldest first.
    public var recorded: [String] { lines.withLock { $0 } }

    fileprivate func append(_ line: String) { lines.withLock { $0.append(line) } }

    struct Handler: LogHandler {
        let recording: LogRecording
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { $1 }
            let fields = all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            recording.append("\(Date().formatted(.iso8601.time(includingFractionalSeconds: true))) \(event.level) \(event.message) \(fields)")
        }
    }
}
