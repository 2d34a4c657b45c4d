import ArgumentParser
import Foundation
import OutcomesCore
import OutcomesRender
import OutcomesStore

/// `outcomesd alerts [--state …] [--area CODE] [--indicator ID]`: each alert's current state, as
/// `GET /v1/alerts` shows it, for the operator (nothing withheld).
struct AlertsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "List alerts and their state: firing first, then pending, then resolved (as GET /v1/alerts).",
        discussion: "The operator sees every value, including those withheld from readers as small numbers."
    )

    @OptionGroup var options: GlobalOptions
    @Option(help: "pending, firing, resolved, inactive or all (default: pending, firing and resolved).") var state: String?
    @Option(help: "Area ONS code, e.g. W06000015 (Cardiff).") var area: String?
    @Option(help: "Indicator id.") var indicator: String?
    @Option(help: "text, json or csv (the same renderings as GET /v1/alerts).") var format: ResponseFormat = .text
    @Flag(help: "Welsh headings and summaries.") var welsh = false

    func run() async throws {
        do {
            let runtime = try Runtime(options)
            let catalogue = try runtime.loadCatalogue()
            let query = AlertQuery(state: state, area: area, indicator: indicator)
            let filter: AlertLog.Filter
            do {
                filter = try query.filter(catalogue, events: false)
            } catch {
                printError("--\(error.parameter): \(error.message)")
                throw ExitWith(.validationFailure)
            }
            let logger = runtime.logger
            let entries = try await runtime.withMigratedDatabase(catalogue: catalogue) { client in
                try await AlertLog(client: client, logger: logger).alerts(filter)
            }
            print(try Renderings.alerts(entries, query: query, catalogue: catalogue, audience: .operator, format: format, welsh: welsh),
                  terminator: "")
        } catch let exit as ExitWith {
            throw exit.code
        }
    }
}
