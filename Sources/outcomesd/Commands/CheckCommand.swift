import ArgumentParser
import OutcomesCore
import OutcomesFeeds

/// `outcomesd check`: validates the catalogue and configuration without touching the database.
/// `--strict` adds the catalogue lint (``CatalogueLint``): sources, dated figures, unchecked Welsh.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the catalogue (and configuration); print every error as file:line:column: message."
    )

    @OptionGroup var options: GlobalOptions

    @Flag(name: .long, help: "Also lint the catalogue: missing sources, quoted figures without a year, Welsh text marked '# cy-unchecked'; exit 1 if any.")
    var strict = false

    func run() async throws {
        var issues: [CatalogueIssue] = []
        var configuration = Configuration()
        do { configuration = try options.loadConfiguration() } catch { issues += error.issues }
        let folder = options.catalogueDirectory(configuration)
        let local = options.localCatalogueDirectory
        do {
            let catalogue = try CatalogueFolder.load(folder, local: local)
            if strict { issues += CatalogueLint.findings(CatalogueFolder.read(folder, local: local).0) }
            if issues.isEmpty {
                print("ok: \(folder)\(local.map { " + \($0)" } ?? ""): \(catalogue.summary)\(strict ? " (strict)" : "")")
                return
            }
        } catch {
            issues += error.issues
        }
        throw fail(with: CatalogueError(issues: issues))
    }
}
