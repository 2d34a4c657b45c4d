/// Feed text as an async sequence of byte chunks of a chosen size (to exercise chunk boundaries).
public struct ByteChunks: AsyncSequence, Sendable {
    public typealias Element = [UInt8]
    let bytes: [UInt8]
    let size: Int

    public init(_ text: String, chunkSize: Int = 7) {
        bytes = Array(text.utf8)
        size = Swift.max(1, chunkSize)
    }

    public init(bytes: [UInt8], chunkSize: Int = 1 << 16) {
        self.bytes = bytes
        size = Swift.max(1, chunkSize)
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let bytes: [UInt8]
        let size: Int
        var offset = 0

        public mutating func next() async -> [UInt8]? {
            guard offset < bytes.count else { return nil }
            let end = Swift.min(bytes.count, offset + size)
            defer { offset = end }
            return Array(bytes[offset..<end])
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(bytes: bytes, size: size) }
}
