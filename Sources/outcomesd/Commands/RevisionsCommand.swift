import ArgumentParser
import Foundation
import OutcomesCore
import OutcomesRender
import OutcomesStore

/// `outcomesd revisions [--indicator ID] [--area CODE] [--since DATE] [--initial]`: the audit of
/// revised values, as `GET /v1/revisions` shows it to an admin: old and new value, feed, how, who,
/// when, why, and whether a published figure was revised.
struct RevisionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revisions",
        abstract: "Revised values, newest first: who changed what, how, when and why (as GET /v1/revisions)."
    )

    @OptionGroup var options: GlobalOptions
    @Option(help: "Indicator id.") var indicator: String?
    @Option(help: "Area ONS code, e.g. W06000015 (Cardiff).") var area: String?
    @Option(help: "Only revisions recorded on or after this date (YYYY-MM-DD, UTC).") var since: String?
    @Flag(help: "First values too (old value empty).") var initial = false
    @Option(help: "At most this many (1–10000).") var limit: Int = 1000
    @Option(help: "text, json or csv (the same renderings as GET /v1/revisions).") var format: ResponseFormat = .text

    func run() async throws {
        do {
            let runtime = try Runtime(options)
            let catalogue = try runtime.loadCatalogue()
            var filter = RevisionLog.Filter(initial: initial)
            if let indicator {
                guard catalogue.indicator(indicator) != nil else {
                    printError("--indicator: unknown indicator '\(indicator)' (outcomesd catalogue lists them)")
                    throw ExitWith(.validationFailure)
                }
                filter.indicators = [indicator]
            }
            if let area {
                guard catalogue.area(area) != nil else {
                    printError("--area: unknown area '\(area)' (outcomesd catalogue lists them)")
                    throw ExitWith(.validationFailure)
                }
                filter.area = area
            }
            if let since {
                guard let day = CivilDate(iso: since) else {
                    printError("--since: '\(since)' is not a date; use YYYY-MM-DD, e.g. 2026-11-01")
                    throw ExitWith(.validationFailure)
                }
                var calendar = Calendar(identifier: .gregorian)
                calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
                filter.since = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))
            }
            guard (1...10_000).contains(limit) else {
                printError("--limit: \(limit) must be from 1 to 10000")
                throw ExitWith(.validationFailure)
            }
            filter.limit = limit
            let (logger, query) = (runtime.logger, filter)
            let entries = try await runtime.withMigratedDatabase(catalogue: catalogue) { client in
                try await RevisionLog(client: client, logger: logger).entries(query)
            }
            print(try Renderings.revisions(entries, scope: "all partners", filter: filter, format: format, welsh: false), terminator: "")
        } catch let exit as ExitWith {
            throw exit.code
        }
    }
}
