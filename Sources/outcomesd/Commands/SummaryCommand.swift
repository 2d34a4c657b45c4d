import ArgumentParser
import Foundation
import OutcomesCore
import OutcomesRender
import OutcomesStore

/// `outcomesd summary [--area CODE]`: the roll-up for an area from the latest run.
struct SummaryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Show how children in an area are doing under each core aim and dimension (latest run)."
    )


    @OptionGroup var options: GlobalOptions
    @Option(help: "Area ONS code (default Wales, W92000004).") var area: String = "W92000004"
    @Option(help: "text, json or csv (the same renderings as GET /v1/summary).") var format: ResponseFormat = .text
    @Flag(help: "Welsh names where the catalogue has them.") var welsh = false

    func run() async throws {
        do {
            let runtime = try Runtime(options)
            let catalogue = try runtime.loadCatalogue()
            guard let area = catalogue.area(area) else {
                printError("--area: unknown area '\(area)'; use an ONS code from Indicators/areas.yaml, e.g. W92000004 (Wales)")
                throw ExitWith(.validationFailure)
            }
            let logger = runtime.logger
            let (run, summary) = try await runtime.withMigratedDatabase(catalogue: catalogue) { client in
                let queries = MeasureQueries(client: client, logger: logger)
                let run = try await queries.run()
                let keys = try await CatalogueKeys.load(client, logger: logger)
                return (run, try await queries.summary(area: area, run: run.id, catalogue: catalogue, keys: keys))
            }
            guard let summary else {
                printError("run \(run.id) has no summary for \(area.code) (a retired area?)")
                throw ExitWith(.failure)
            }
            print(try Renderings.summary(summary, catalogue: catalogue, run: run.id, finishedAt: run.finishedAt, format: format,
                                         welsh: welsh), terminator: "")
        } catch let exit as ExitWith {
            throw exit.code
        } catch let error as MeasureQueries.NoRun {
            printError(error.description)
            throw ExitCode.failure
        }
    }
}

extension ResponseFormat: ExpressibleByArgument {}
