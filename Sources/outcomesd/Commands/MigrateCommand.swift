import ArgumentParser
import OutcomesCore
import OutcomesStore

/// `outcomesd migrate`: applies schema migrations and syncs the catalogue into the database.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply database migrations and sync the catalogue."
    )

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        do {
            let runtime = try Runtime(options)
            let catalogue = try runtime.loadCatalogue()
            let logger = runtime.logger
            let (applied, report) = try await runtime.withDatabase { client in
                let applied = try await Migrator(client: client, logger: logger).migrate()
                let report = try await CatalogueSync(client: client, logger: logger).sync(catalogue)
                return (applied, report)
            }
            print(applied.isEmpty ? "schema up to date" : "applied migrations: \(applied.map(String.init).joined(separator: ", "))")
            print("catalogue \(catalogue.fingerprint): \(report)")
        } catch let exit as ExitWith { throw exit.code }
    }
}
