import ArgumentParser

/// `outcomesd`: the outcomes-measurement daemon for children's services in Wales.
@main
struct Outcomesd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outcomesd",
        abstract: "Outcomes measurement for children's services in Wales (Children Act 2004, s25).",
        discussion: """
            Ingests partners' indicator feeds into PostgreSQL, computes measures against the seven core \
            aims and the nine s25(11) well-being dimensions, and serves summaries. With no database \
            configured, a private PostgreSQL cluster runs in the state folder.
            """,
        subcommands: [CheckCommand.self, CatalogueCommand.self, MigrateCommand.self, IngestCommand.self, TokenCommand.self, ComputeCommand.self, MeasuresCommand.self, SummaryCommand.self, AlertsCommand.self, PublishCommand.self, ChangesCommand.self, RevisionsCommand.self, ServeCommand.self, TestCommand.self]
    )
}
