import ArgumentParser
import Foundation
import OutcomesCore
import OutcomesFeeds

/// Options every command takes: where the configuration, state and catalogue are.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Configuration file (YAML).", valueName: "FILE"))
    var config: String?

    @Option(name: .customLong("state-dir"), help: ArgumentHelp("State folder: embedded PostgreSQL cluster, spool. Default: $STATE_DIRECTORY or ./state.", valueName: "DIR"))
    var stateDir: String?

    @Option(name: .long, help: ArgumentHelp("Catalogue folder. Default: the configuration's, else ./Indicators.", valueName: "DIR"))
    var catalogue: String?

    @Option(name: .customLong("local-catalogue"), help: ArgumentHelp("A partnership's own catalogue folder: its indicators/*.yaml are added to the national catalogue. Default: $OUTCOMESD_LOCAL_CATALOGUE, else none.", valueName: "DIR"))
    var localCatalogue: String?

    /// The configuration file, parsed; defaults when none is given.
    func loadConfiguration() throws(CatalogueError) -> Configuration {
        guard let config else { return Configuration() }
        let file: SourceFile
        do { file = try TextFile.read(config) } catch { throw CatalogueError(issues: [error.issue]) }
        return try Configuration.parse(file)
    }

    func stateDirectory(_ configuration: Configuration) -> String {
        let chosen = stateDir ?? configuration.stateDirectory
            ?? ProcessInfo.processInfo.environment["STATE_DIRECTORY"] ?? "state"
        return absolute(chosen)
    }

    func catalogueDirectory(_ configuration: Configuration) -> String {
        catalogue ?? configuration.catalogueDirectory
            ?? ProcessInfo.processInfo.environment["OUTCOMESD_CATALOGUE"] ?? "Indicators"
    }

    /// The local catalogue folder layered over the national one, if any.
    var localCatalogueDirectory: String? {
        localCatalogue ?? ProcessInfo.processInfo.environment["OUTCOMESD_LOCAL_CATALOGUE"]
    }

    private func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }
}

/// Prints each issue as `file:line:column: message` to standard error and exits 1.
func fail(with error: CatalogueError) -> ExitCode {
    for issue in error.issues { printError(issue.description) }
    return .failure
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
