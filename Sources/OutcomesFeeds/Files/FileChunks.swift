import Glibc

/// A file's bytes as an async sequence of chunks (1 MiB by default), read with plain `read(2)`:
/// a feed is streamed, never loaded whole.
public struct FileChunks: AsyncSequence, Sendable {
    public typealias Element = [UInt8]

    public struct OpenError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): cannot read: \(reason)" }
    }

    public let path: String
    public let chunkSize: Int
    /// Called after each chunk with the bytes read so far (for progress display).
    public let onProgress: @Sendable (Int) -> Void

    public init(path: String, chunkSize: Int = 1 << 20, onProgress: @escaping @Sendable (Int) -> Void = { _ in }) {
        self.path = path
        self.chunkSize = chunkSize
        self.onProgress = onProgress
    }

    /// The file's size in bytes, or nil when it cannot be read.
    public static func size(of path: String) -> Int? {
        var st = stat()
        return stat(path, &st) == 0 ? Int(st.st_size) : nil
    }

    public final class AsyncIterator: AsyncIteratorProtocol {
        let chunks: FileChunks
        var fd: Int32 = -1
        var total = 0
        var done = false

        init(_ chunks: FileChunks) { self.chunks = chunks }

        deinit { if fd >= 0 { close(fd) } }

        public func next() async throws -> [UInt8]? {
            if done { return nil }
            if fd < 0 {
                fd = open(chunks.path, O_RDONLY | O_CLOEXEC)
                guard fd >= 0 else { throw OpenError(path: chunks.path, reason: String(cString: strerror(errno))) }
            }
            var buffer = [UInt8](repeating: 0, count: chunks.chunkSize)
            var n: Int
            repeat {
                n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, chunks.chunkSize) }
            } while n < 0 && errno == EINTR
            guard n >= 0 else { throw OpenError(path: chunks.path, reason: String(cString: strerror(errno))) }
            if n == 0 {
                done = true
                close(fd)
                fd = -1
                return nil
            }
            buffer.removeSubrange(n...)
            total += n
            chunks.onProgress(total)
            return buffer
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(self) }
}
