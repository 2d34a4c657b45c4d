import ArgumentParser
import Foundation
import OutcomesCore
import OutcomesStore

/// `outcomesd compute [--full]`: runs a computation now.
struct ComputeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compute",
        abstract: "Compute every measure now in one consistent run; print the run id and counts."
    )

    @OptionGroup var options: GlobalOptions
    @Flag(help: "Recompute everything (the default; kept for scripts that say so).") var full = false
    @Option(help: "Recompute only these indicators (comma-separated ids), copying the rest from the latest run.")
    var indicators: String?

    func run() async throws {
        do {
            let runtime = try Runtime(options)
            let catalogue = try runtime.loadCatalogue()
            let (logger, keep, sinks) = (runtime.logger, runtime.configuration.keepRuns, runtime.configuration.alerts.sinks)
            let touched: Set<String>? = full ? nil : indicators.map { Set($0.split(separator: ",").map(String.init)) }
            if let touched, let unknown = touched.first(where: { catalogue.indicator($0) == nil }) {
                printError("--indicators: unknown indicator '\(unknown)'; see `outcomesd catalogue`")
                throw ExitWith(.validationFailure)
            }
            let report = try await runtime.withMigratedDatabase(catalogue: catalogue) { client in
                try await RunStore(client: client, catalogue: catalogue, logger: logger, keepRuns: keep, alertSinks: sinks)
                    .compute(trigger: .cli, indicators: touched)
            }
            guard let report else {
                printError("another process is computing right now; try again when it has finished")
                throw ExitWith(.failure)
            }
            print(report.text, terminator: "")
        } catch let exit as ExitWith { throw exit.code }
    }
}
