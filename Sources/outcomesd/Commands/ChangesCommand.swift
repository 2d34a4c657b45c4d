import ArgumentParser
import Foundation
import OutcomesCore
import OutcomesRender
import OutcomesStore

/// `outcomesd changes [--since-run N] [--to-run M] [--area CODE] [--group aim|dimension]`: what
/// changed between two runs, as `GET /v1/changes` shows it, for the operator (nothing withheld).
struct ChangesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "changes",
        abstract: "What changed since a run: new periods, revised values, status changes, alerts (as GET /v1/changes).",
        discussion: "Defaults: up to the latest finished run, since the finished run before it."
    )

    @OptionGroup var options: GlobalOptions
    @Option(name: .customLong("since-run"), help: "The earlier run (default: the finished run before --to-run).") var sinceRun: Int64?
    @Option(name: .customLong("to-run"), help: "The later run (default: the latest finished run).") var toRun: Int64?
    @Option(help: "Area ONS code, e.g. W06000015 (Cardiff); default all areas.") var area: String?
    @Option(help: "Group by aim or dimension.") var group: String = "aim"
    @Option(help: "text, json or csv (the same renderings as GET /v1/changes).") var format: ResponseFormat = .text
    @Flag(help: "Welsh headings and titles.") var welsh = false

    func run() async throws {
        do {
            let runtime = try Runtime(options)
            let catalogue = try runtime.loadCatalogue()
            guard let grouping = ChangeGrouping(rawValue: group) else {
                printError("--group: '\(group)'; group by aim or dimension")
                throw ExitWith(.validationFailure)
            }
            var place: Area?
            if let area {
                guard let known = catalogue.area(area) else {
                    printError("--area: unknown area '\(area)' (outcomesd catalogue lists them)")
                    throw ExitWith(.validationFailure)
                }
                place = known
            }
            let (logger, sinceRun, toRun, code) = (runtime.logger, sinceRun, toRun, place?.code)
            let changes: ChangeLog.Changes? = try await runtime.withMigratedDatabase(catalogue: catalogue) { client in
                let log = ChangeLog(client: client, logger: logger)
                guard let latest = try await RunStore(client: client, catalogue: catalogue, logger: logger).latestRun() else { return nil }
                let to = min(toRun ?? latest, latest)
                var since = sinceRun ?? 0
                if sinceRun == nil { since = try await log.previousRun(before: to) ?? 0 }
                return try await log.changes(since: min(since, to), to: to, area: code)
            }
            guard let changes else {
                printError("no finished run yet (outcomesd compute starts one)")
                throw ExitWith(.failure)
            }
            print(try Renderings.changes(changes, area: place, grouping: grouping, catalogue: catalogue, audience: .operator,
                                         format: format, welsh: welsh), terminator: "")
        } catch let exit as ExitWith {
            throw exit.code
        }
    }
}
