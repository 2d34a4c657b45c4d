import ArgumentParser
import Foundation
import OutcomesCore
import OutcomesRender
import OutcomesStore

/// `outcomesd measures --indicator ID --area CODE`: one series from the latest run.
struct MeasuresCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "measures",
        abstract: "Show the latest run's measures of one series, every period."
    )


    @OptionGroup var options: GlobalOptions
    @Option(help: "Indicator id.") var indicator: String
    @Option(help: "Area ONS code, e.g. W06000015 (Cardiff) or W92000004 (Wales).") var area: String
    @Option(help: "Breakdown key.") var breakdown: String = Breakdown.allKey
    @Option(help: "text, json or csv (the same renderings as GET /v1/indicators/{id}).") var format: ResponseFormat = .text
    @Flag(help: "Welsh names where the catalogue has them.") var welsh = false

    func run() async throws {
        do {
            let runtime = try Runtime(options)
            let catalogue = try runtime.loadCatalogue()
            guard let ind = catalogue.indicator(indicator) else {
                printError("--indicator: unknown indicator '\(indicator)'; see `outcomesd catalogue`")
                throw ExitWith(.validationFailure)
            }
            guard let areaInfo = catalogue.area(area) else {
                printError("--area: unknown area '\(area)'; use an ONS code from Indicators/areas.yaml, e.g. W92000004 (Wales)")
                throw ExitWith(.validationFailure)
            }
            let (logger, indicatorID, areaCode, breakdownKey) = (runtime.logger, indicator, area, breakdown)
            let (run, records) = try await runtime.withMigratedDatabase(catalogue: catalogue) { client in
                let queries = MeasureQueries(client: client, logger: logger)
                let run = try await queries.run()
                return (run, try await queries.series(indicator: indicatorID, area: areaCode, breakdown: breakdownKey, run: run.id))
            }
            print(try Renderings.series(records, indicator: ind, area: areaInfo, breakdown: breakdown, catalogue: catalogue, run: run.id,
                                        finishedAt: run.finishedAt, format: format, welsh: welsh), terminator: "")
        } catch let exit as ExitWith {
            throw exit.code
        } catch let error as MeasureQueries.NoRun {
            printError(error.description)
            throw ExitCode.failure
        }
    }
}
