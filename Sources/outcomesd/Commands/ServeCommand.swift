import ArgumentParser
import Hummingbird
import OutcomesCore
import OutcomesServer
import ServiceLifecycle
import UnixSignals
import Logging
import OutcomesStore
import OutcomesFeeds
import Foundation

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
            serverContext.readTimeout = .seconds(config.readTimeoutSeconds)
            serverContext.authFailureBurst = config.authFailureBurst
            serverContext.authFailuresPerSecond = Double(config.authFailuresPerSecond)
            serverContext.trustedProxies = config.trustedProxies
            serverContext.metricsRequireToken = config.metricsRequireToken
            // One registry for the daemon's own metrics and, through swift-metrics (bootstrapped
            // once per process, here), Hummingbird's request metrics.
            var clusterUp: (@Sendable () -> Bool)?
            if let cluster { clusterUp = { cluster.postmasterAlive() } }
            serverContext.metrics = ServerMetrics(embeddedClusterUp: clusterUp, poolMaxConnections: config.poolSize + 1)
            serverContext.metrics.bootstrapSwiftMetrics()
            serverContext.alertDelivery = config.alerts
            serverContext.settingsReader = { [options, listen] in
                let reread = try options.loadConfiguration()
                let catalogue = try CatalogueFolder.load(options.catalogueDirectory(reread), local: options.localCatalogueDirectory)
                return ReloadedSettings(catalogue: catalogue, restartNeeded: Self.changedSettings(config, reread, listenOverridden: listen != nil))
            }
            do {
                // SIGTERM: stop accepting, let a feed in progress finish, for at most
                // `gracefulStopSeconds` (under systemd's default TimeoutStopSec of 90 s); then the
                // remaining work is cancelled (its transaction rolls back) and the daemon exits 0.
                // The stop deadline is listed last, so it hears the shutdown first (reverse order).
                var group = ServiceGroupConfiguration(
                    services: [.init(service: buildApplication(serverContext)),
                               .init(service: StopDeadline(limit: .seconds(Self.stopDeadlineSeconds), logger: runtime.logger),
                                     successTerminationBehavior: .ignore)],
                    gracefulShutdownSignals: [.sigterm, .sigint], logger: runtime.logger)
                group.maximumGracefulShutdownDuration = .seconds(Self.gracefulStopSeconds)
                try await ServiceGroup(configuration: group).run()
            } catch {
                runtime.logger.error("outcomesd stopped with an error", metadata: ["error": "\(String(reflecting: error))"])
                if started { try? cluster?.stop() }
                throw ExitWith(.failure)
            }
            if started { try cluster?.stop() }
            runtime.logger.notice("outcomesd stopped")
        } catch let exit as ExitWith { throw exit.code }
    }

    /// How long a graceful stop may take before the remaining work is cancelled.
    static let gracefulStopSeconds: Int64 = 50
    /// When the process exits after SIGTERM whatever is still running (``StopDeadline``): after
    /// the cancellation has had 20 s, before systemd's default `TimeoutStopSec` of 90 s.
    static let stopDeadlineSeconds: Int64 = gracefulStopSeconds + 20

    /// Top-level configuration settings that differ (all but the catalogue need a restart).
    static func changedSettings(_ old: Configuration, _ new: Configuration, listenOverridden: Bool) -> [String] {
        let before = Dictionary(Mirror(reflecting: old).children.compactMap { child in child.label.map { ($0, "\(child.value)") } },
                                uniquingKeysWith: { a, _ in a })
        return Mirror(reflecting: new).children.compactMap { child -> String? in
            guard let label = child.label, before[label] != "\(child.value)" else { return nil }
            if label.lowercased().contains("catalogue") { return nil }
            if label == "listen" && listenOverridden { return nil }
            return label
        }
    }
}
