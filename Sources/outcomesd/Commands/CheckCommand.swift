import ArgumentParser
import OutcomesCore
import OutcomesFeeds

/// `outcomesd check`: validates the catalogue and configuration without touching the database.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the catalogue (and configuration); print every error as file:line:column: message."
    )

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        var issues: [CatalogueIssue] = []
        var configuration = Configuration()
        do { configuration = try options.loadConfiguration() } catch { issues += error.issues }
        let folder = options.catalogueDirectory(configuration)
        do {
            let catalogue = try CatalogueFolder.load(folder)
            if issues.isEmpty {
                print("ok: \(folder): \(catalogue.summary)")
                return
            }
        } catch {
            issues += error.issues
        }
        throw fail(with: CatalogueError(issues: issues))
    }
}
