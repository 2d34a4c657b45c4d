public import OutcomesCore
import Logging
import OutcomesStore
import ServiceLifecycle
import UnixSignals

/// What a reload read: the new catalogue, and the configuration settings that changed but only
/// take effect at restart (named in the log).
public struct ReloadedSettings: Sendable {
    public var catalogue: Catalogue
    public var restartNeeded: [String]

    public init(catalogue: Catalogue, restartNeeded: [String]) {
        self.catalogue = catalogue
        self.restartNeeded = restartNeeded
    }
}

/// Re-reads the configuration and the catalogue; throws ``CatalogueError`` with every located issue.
public typealias SettingsReader = @Sendable () throws -> ReloadedSettings

/// Owns SIGHUP (swift-service-lifecycle has no reload hook): re-reads the configuration and the
/// catalogue, and applies the catalogue only if all of it is valid and synced; otherwise logs every
/// located error and keeps the old one. Tells systemd `RELOADING=1` + `MONOTONIC_USEC=`, then
/// `READY=1` with a status saying what happened. A changed catalogue makes the scheduler start a
/// full run.
struct ReloadService: Service {
    let context: ServerContext
    let gate: StartupGate
    let notifier: SystemdNotifier
    let read: SettingsReader

    func run() async throws {
        for await _ in await UnixSignalsSequence(trapping: .sighup).cancelOnGracefulShutdown() {
            await reload()
        }
    }

    func reload() async {
        let logger = context.logger
        let started = ContinuousClock.now
        notifier.reloading()
        notifier.status("reloading the configuration and the catalogue")
        logger.notice("SIGHUP: reloading the configuration and the catalogue")
        let settings: ReloadedSettings
        do {
            settings = try read()
        } catch {
            let issues = (error as? CatalogueError)?.issues.map(\.description) ?? ["\(error)"]
            for issue in issues {
                logger.error("reload refused: invalid configuration or catalogue", metadata: ["issue": "\(issue)"])
            }
            logger.error("reload refused; keeping the catalogue in use", metadata: ["errors": "\(issues.count)"])
            notifier.ready(status: "reload refused: \(issues.count) error\(issues.count == 1 ? "" : "s") (see the log); still serving the previous catalogue")
            return
        }
        for setting in settings.restartNeeded {
            logger.warning("configuration setting changed; it takes effect only after a restart", metadata: ["setting": "\(setting)"])
        }
        var outcome = "catalogue unchanged"
        if settings.catalogue.fingerprint != context.catalogue.fingerprint {
            await cancelWhenGracefulShutdown { await gate.wait() }
            do {
                try await CatalogueSync(client: context.client, logger: logger).sync(settings.catalogue)
                context.live.replace(with: settings.catalogue, keys: try await CatalogueKeys.load(context.client, logger: logger))
                outcome = "catalogue reloaded"
                logger.notice("catalogue reloaded", metadata: ["fingerprint": "\(settings.catalogue.fingerprint)"])
            } catch {
                logger.error("reload refused: the catalogue could not be synced; keeping the catalogue in use",
                             metadata: ["error": "\(String(reflecting: error))"])
                notifier.ready(status: "reload refused: catalogue sync failed (see the log); still serving the previous catalogue")
                return
            }
        }
        let restart = settings.restartNeeded.isEmpty ? "" : "; restart needed for \(settings.restartNeeded.joined(separator: ", "))"
        let elapsed = ContinuousClock.now - started
        logger.notice("reload finished", metadata: ["outcome": "\(outcome)", "duration": "\(elapsed)"])
        notifier.ready(status: "\(outcome)\(restart)")
    }
}
