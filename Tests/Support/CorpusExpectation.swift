import Foundation

/// What a corpus feed must produce, read from its `NAME.expected` file (format in Corpus/README.md).
public struct CorpusExpectation: Equatable, Sendable {
    /// nil means no partner check.
    public var partner: String? = "local_authority"
    public var rejected: String?
    /// "LINE FIELD CODE", sorted.
    public var rejections: [String] = []
    public var accepted: Int?

    public struct FormatError: Error, CustomStringConvertible {
        public var description: String
    }

    public init(parsing text: String, file: String) throws {
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let words = line.split(separator: " ").map(String.init)
            switch words.first {
            case "partner:" where words.count == 2:
                partner = words[1] == "none" ? nil : words[1]
            case "rejected:" where words.count == 2:
                rejected = words[1]
            case "accepted:" where words.count == 2 && Int(words[1]) != nil:
                accepted = Int(words[1])
            case "reject" where words.count == 4 && Int(words[1]) != nil:
                rejections.append(words[1...].joined(separator: " "))
            default:
                throw FormatError(description: "\(file):\(number + 1): cannot read '\(line)'; see Corpus/README.md")
            }
        }
        guard (rejected == nil) != (accepted == nil) else {
            throw FormatError(description: "\(file): give either 'rejected: CODE' or 'accepted: N'")
        }
        if rejected != nil && !rejections.isEmpty {
            throw FormatError(description: "\(file): a rejected feed has no row errors")
        }
        rejections.sort()
    }

    /// The same shape, from an outcome: a file-level error code, or row errors as
    /// "LINE FIELD CODE" and the number of rows accepted.
    public init(partner: String?, rejected: String?, rejections: [String], accepted: Int?) {
        self.partner = partner
        self.rejected = rejected
        self.rejections = rejections.sorted()
        self.accepted = rejected == nil ? accepted : nil
    }

    /// Row error codes the store finds, not the readers (a repeated key is found by the history's
    /// unique key during the merge).
    public static let storeCodes: Set<String> = ["duplicate_key"]

    /// What the readers alone must produce: the store's row errors are rows the readers accept.
    public var readersPart: CorpusExpectation {
        var part = self
        let storeFound = rejections.filter { Self.storeCodes.contains(String($0.split(separator: " ").last ?? "")) }
        part.rejections = rejections.filter { !storeFound.contains($0) }
        part.accepted = accepted.map { $0 + Set(storeFound.map { $0.split(separator: " ").first ?? "" }).count }
        return part
    }

    /// The corpus folder (shared by the feed-reader and the database tests).
    public static var folder: String { TestCluster.repositoryRoot + "/Tests/OutcomesFeedsTests/Corpus" }

    /// The corpus feed file names, sorted.
    public static var feeds: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".csv") || $0.hasSuffix(".json") }.sorted()
    }
}
