import ArgumentParser
import Foundation
import OutcomesCore
import OutcomesRender

/// `outcomesd catalogue`: lists every indicator.
struct CatalogueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalogue",
        abstract: "List every indicator with its type, period, aims, dimensions, partner and title."
    )

    @OptionGroup var options: GlobalOptions
    @Option(help: "text, json or csv (the same renderings as GET /v1/indicators).") var format: ResponseFormat = .text
    @Flag(help: "Welsh titles where the catalogue has them.") var welsh = false

    func run() async throws {
        let runtime: Runtime
        let catalogue: Catalogue
        do {
            runtime = try Runtime(options)
            catalogue = try runtime.loadCatalogue()
        } catch let exit as ExitWith { throw exit.code }
        print(try Renderings.indicators(catalogue, format: format, welsh: welsh), terminator: "")
    }
}
