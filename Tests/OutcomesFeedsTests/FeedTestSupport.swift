import Foundation
import OutcomesCore
import OutcomesFeeds

/// Shared fixtures: the real catalogue from `Indicators/`, a fixed "today", and helpers that run
/// a feed through the real readers and collect everything they produced.
enum Fixture {
    /// The repository root, found from this file's path (Tests/OutcomesFeedsTests/…).
    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let corpusFolder = repositoryRoot + "/Tests/OutcomesFeedsTests/Corpus"

    static let loaded: Result<Catalogue, CatalogueError> = Result {
        () throws(CatalogueError) -> Catalogue in try CatalogueFolder.load(repositoryRoot + "/Indicators")
    }

    static func catalogue() throws -> Catalogue { try loaded.get() }

    /// The date the corpus is judged on, so `future_period` cases stay stable.
    static let today: CivilDate = {
        guard let date = CivilDate(year: 2026, month: 11, day: 23) else { preconditionFailure("a valid date") }
        return date
    }()

    static func validator(partner: String? = "local_authority") throws -> RowValidator {
        RowValidator(catalogue: try catalogue(), partner: partner, today: today)
    }
}

/// Everything a feed produced: rows, row errors, or the file-level error that stopped it.
struct FeedOutcome: Equatable {
    var rows: [ObservationRow] = []
    var errors: [RowError] = []
    var fileError: FeedFileError?
    var rowsSeen = 0

    /// (line, field, code) of every row error, for compact expectations.
    var rejections: [String] { errors.map { "\($0.line) \($0.field) \($0.code)" } }
}

/// Runs CSV bytes through ``CSVFeedReader`` in chunks of the given sizes (the last size repeats).
func readCSV(_ bytes: [UInt8], chunks sizes: [Int] = [65_536], partner: String? = "local_authority") throws -> FeedOutcome {
    var reader = CSVFeedReader(validator: try Fixture.validator(partner: partner))
    var outcome = FeedOutcome()
    var start = 0
    var k = 0
    do {
        while start < bytes.count {
            let size = max(1, sizes[min(k, sizes.count - 1)])
            let end = min(bytes.count, start + size)
            let batch = try reader.consume(bytes[start..<end])
            outcome.rows += batch.rows
            outcome.errors += batch.errors
            start = end
            k += 1
        }
        let batch = try reader.finish()
        outcome.rows += batch.rows
        outcome.errors += batch.errors
    } catch {
        // A refused feed stores nothing: drop what earlier chunks produced, so outcomes compare
        // equal however the feed was split.
        outcome = FeedOutcome(fileError: error)
    }
    outcome.rowsSeen = reader.rowsSeen
    return outcome
}

func readCSV(_ text: String, chunks: [Int] = [65_536], partner: String? = "local_authority") throws -> FeedOutcome {
    try readCSV(Array(text.utf8), chunks: chunks, partner: partner)
}

func readJSON(_ text: String, partner: String? = "local_authority") throws -> FeedOutcome {
    try readJSON(Array(text.utf8), partner: partner)
}

func readJSON(_ bytes: [UInt8], partner: String? = "local_authority") throws -> FeedOutcome {
    var validator = try Fixture.validator(partner: partner)
    var outcome = FeedOutcome()
    do {
        let batch = try JSONFeedReader.read(bytes, validator: &validator)
        outcome.rows = batch.rows
        outcome.errors = batch.errors
        outcome.rowsSeen = batch.rows.count + Set(batch.errors.map(\.line)).count
    } catch {
        outcome.fileError = error
    }
    return outcome
}

/// A deterministic generator (SplitMix64) so "random" chunk splits are reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A header line for the common case.
let header = "indicator,area,period,breakdown,numerator,denominator,value,lower,upper,note\n"
