import ArgumentParser
import Hummingbird
import OutcomesCore
import OutcomesServer
import ServiceLifecycle
import UnixSignals
import Logging
import OutcomesStore

/// `outcomesd serve`: runs the daemon until SIGTERM or SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Start PostgreSQL (embedded or configured), migrate, sync the catalogue and serve HTTP."
    )

    @OptionGroup var options: GlobalOptions
    @Option(help: ArgumentHelp("Address to listen on.", valueName: "HOST:PORT")) var listen: String?

    func run() async throws {
        do {
            let runtime = try Runtime(options)
            var listenAddress = runtime.configuration.listen
            if let listen {
                guard let address = ListenAddress(listen) else {
                    printError("--listen: expected HOST:PORT such as 127.0.0.1:8080, got '\(listen)'")
                    throw ExitWith(.validationFailure)
                }
                listenAddress = address
            }
            let catalogue = try runtime.loadCatalogue()
            let (target, cluster, started) = try runtime.openDatabase()
            let config = runtime.configuration
            let context = ServerContext(client: runtime.makeClient(target, reserved: 1), catalogue: catalogue,
                                        listen: listenAddress, logger: runtime.logger, maxFeedBytes: config.maxFeedBytes,
                                        spoolDirectory: config.spoolEnabled ? runtime.stateDirectory + "/spool" : nil,
                                        spoolInterval: .seconds(config.spoolIntervalSeconds))
            var serverContext = context
            serverContext.computeSchedule = config.computeSchedule
            serverContext.computeAfterFeeds = config.computeAfterFeeds
            serverContext.computeDebounceSeconds = config.computeDebounceSeconds
            serverContext.keepRuns = config.keepRuns
            serverContext.anonymousRead = config.anonymousRead
            serverContext.alertDelivery = config.alerts
            do {
                try await buildApplication(serverContext).runService(gracefulShutdownSignals: [.sigterm, .sigint])
            } catch {
                runtime.logger.error("outcomesd stopped with an error", metadata: ["error": "\(String(reflecting: error))"])
                if started { try? cluster?.stop() }
                throw ExitWith(.failure)
            }
            if started { try cluster?.stop() }
            runtime.logger.notice("outcomesd stopped")
        } catch let exit as ExitWith { throw exit.code }
    }
}
