import Crypto
import OutcomesFeeds

/// SHA-256 of a feed file, read in chunks: computed before ingesting so a byte-identical re-send
/// is recognised without parsing a single row.
public enum FeedDigest {
    public static func sha256(of path: String) async throws -> [UInt8] {
        var hasher = SHA256()
        for try await chunk in FileChunks(path: path, chunkSize: 4 << 20) {
            hasher.update(data: chunk)
        }
        return Array(hasher.finalize())
    }
}
