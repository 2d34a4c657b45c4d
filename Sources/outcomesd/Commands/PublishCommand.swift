import ArgumentParser
import Foundation
import OutcomesCore
import OutcomesRender
import OutcomesStore

/// `outcomesd publish --indicator ID --period P | [--indicator ID] --through P`: records figures
/// as published, so a feed changing them must confirm the revision; `--list [--all]` lists
/// publications and `--withdraw ID --reason …` withdraws one (recorded, as on the HTTP API). The
/// operator is recorded as the operating-system user.
struct PublishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Publish an indicator's period (or every period through one); list or withdraw publications.",
        discussion: """
            A feed that would change a published value is refused for those rows (code period_published) unless it \
            confirms the revision: outcomesd ingest --confirm-revisions, POST /v1/feeds?confirm_revisions=true, or a \
            <file>.confirm marker beside a spool file.
            """
    )

    @OptionGroup var options: GlobalOptions
    @Option(help: "Indicator id (leave out with --through to publish every indicator).") var indicator: String?
    @Option(help: "One period of the indicator, e.g. 2023-24.") var period: String?
    @Option(help: "Every period ending on or before the end of this one.") var through: String?
    @Option(help: "A note kept with the publication.") var note: String?
    @Flag(help: "List the publications in force instead.") var list = false
    @Flag(help: "With --list: withdrawn publications too.") var all = false
    @Option(help: "Withdraw the publication with this id.") var withdraw: Int64?
    @Option(help: "With --withdraw: why.") var reason: String?
    @Option(help: "text, json or csv (the same renderings as GET /v1/publications).") var format: ResponseFormat = .text

    func run() async throws {
        do {
            let runtime = try Runtime(options)
            let catalogue = try runtime.loadCatalogue()
            let (logger, user) = (runtime.logger, SystemUser.current)
            if list {
                let includeWithdrawn = all
                let entries = try await runtime.withMigratedDatabase(catalogue: catalogue) { client in
                    try await PublicationStore(client: client, catalogue: catalogue, logger: logger).entries(includeWithdrawn: includeWithdrawn)
                }
                print(try Renderings.publications(entries, all: all, format: format, welsh: false), terminator: "")
                return
            }
            if let id = withdraw {
                let reason = reason
                let entry = try await runtime.withMigratedDatabase(catalogue: catalogue) { client in
                    try await PublicationStore(client: client, catalogue: catalogue, logger: logger).withdraw(id: id, by: user, reason: reason)
                }
                guard let entry else {
                    printError("--withdraw: no publication \(id) in force (outcomesd publish --list --all lists every one)")
                    throw ExitWith(.validationFailure)
                }
                print(try Renderings.publications([entry], all: true, format: format, welsh: false), terminator: "")
                return
            }
            let scope: (indicator: String?, scope: Publication.Scope)
            do {
                scope = try PublicationStore.scope(indicator: indicator, period: period, through: through, catalogue: catalogue)
            } catch {
                printError(error.message.replacingOccurrences(of: "GET /v1/indicators", with: "outcomesd catalogue"))
                throw ExitWith(.validationFailure)
            }
            let note = note
            let entry = try await runtime.withMigratedDatabase(catalogue: catalogue) { client in
                try await PublicationStore(client: client, catalogue: catalogue, logger: logger)
                    .publish(indicator: scope.indicator, scope: scope.scope, by: user, note: note)
            }
            print(try Renderings.publications([entry], all: false, format: format, welsh: false), terminator: "")
        } catch let exit as ExitWith {
            throw exit.code
        }
    }
}
