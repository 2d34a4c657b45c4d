import Foundation
import OutcomesFeeds

/// What a corpus feed must produce, read from its `NAME.expected` file (format in Corpus/README.md).
struct CorpusExpectation: Equatable {
    /// nil means no partner check.
    var partner: String? = "local_authority"
    var rejected: String?
    /// "LINE FIELD CODE", sorted.
    var rejections: [String] = []
    var accepted: Int?

    struct FormatError: Error, CustomStringConvertible {
        var description: String
    }

    init(parsing text: String, file: String) throws {
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

    /// The same shape, from what a reader produced.
    init(outcome: FeedOutcome, partner: String?) {
        self.partner = partner
        if let error = outcome.fileError {
            rejected = error.code
        } else {
            rejections = outcome.rejections.sorted()
            accepted = outcome.rows.count
        }
    }
}
