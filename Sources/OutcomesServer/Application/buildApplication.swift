public import Hummingbird
import NIOCore
import OutcomesCore
import OutcomesStore
import Logging
import Foundation

/// The daemon's HTTP application with its services, shared by `outcomesd serve` and the tests.
///
/// Services stop in reverse order, so the PostgreSQL pool is listed first and stops last.
/// Before the server accepts requests, migrations run and the catalogue is synced.
public func buildApplication(_ context: ServerContext) -> some ApplicationProtocol {
    let router = buildRouter(context)
    let listener = ListenerProbe()
    let readTimeout = TimeAmount.nanoseconds(Int64(context.readTimeout / .nanoseconds(1)))
    let logger = context.logger
    let trustedProxies = ClientAddress.normalized(context.trustedProxies)
    var app = Application(
        router: router,
        // No Hummingbird idle timeout: RequestReadTimeout keeps every read deadline, pausing
        // the clock while the route does not read.
        server: .http1(configuration: .init(additionalChannelHandlers: [RequestReadTimeout(timeout: readTimeout, logger: logger),
                                                                            ClientAddress(trustedProxies: trustedProxies)])),
        configuration: .init(address: .hostname(context.listen.host, port: context.listen.port), serverName: "outcomesd"),
        services: [context.client],
        onServerRunning: { channel in
            context.logger.notice("listening", metadata: ["address": "\(channel.localAddress?.description ?? "?")"])
            listener.open(eventLoop: channel.eventLoop)
        },
        logger: context.logger
    )
    let gate = StartupGate()
    if let spool = context.spoolDirectory {
        app.addServices(SpoolWatcher(folder: SpoolFolder(root: spool), context: context, gate: gate))
    }
    app.addServices(DatabaseMonitor(context: context, gate: gate))
    app.addServices(TokenChanges(context: context, gate: gate))
    if context.computeEnabled {
        app.addServices(ComputeScheduler(context: context, gate: gate))
    }
    var dispatcher = AlertDispatcher(context: context, gate: gate, delivery: context.alertDelivery,
                                     repeatIntervalHours: context.alertRepeatIntervalHours)
    let heartbeats = context.heartbeats
    // A tick may wait on slow sinks (their timeouts): allowed generously.
    let dispatchAllowance = dispatcher.pollInterval * 3 + .seconds(120)
    dispatcher.onTick = { heartbeats.tick(.dispatcher, nextWithin: dispatchAllowance) }
    app.addServices(dispatcher)
    let environment = ProcessInfo.processInfo.environment
    if let read = context.settingsReader {
        app.addServices(ReloadService(context: context, gate: gate, notifier: SystemdNotifier(environment: environment), read: read))
    }
    app.addServices(SystemdService(context: context, listener: listener, notifier: SystemdNotifier(environment: environment),
                                   watchdogInterval: SystemdNotifier.watchdogInterval(environment: environment)))
    app.beforeServerStarts {
        try await Migrator(client: context.client, logger: context.logger).migrate()
        try await CatalogueSync(client: context.client, logger: context.logger).sync(context.catalogue)
        // The one key map: loaded once, after the sync, kept beside the catalogue in use.
        context.live.replace(with: context.catalogue, keys: try await CatalogueKeys.load(context.client, logger: context.logger))
        gate.open()
    }
    return app
}

/// All routes; `/healthz`, `/readyz` (and `/metrics`, unless configured otherwise) are unauthenticated and cheap.
///
/// `HEAD` answers every `GET` route with the same status and headers and no body (RFC 9110
/// §9.3.2; the router's `.autoGenerateHeadEndpoints`); a method a path does not have is 405
/// with `Allow` (``MethodNotAllowedMiddleware``, from the router's own routes).
public func buildRouter(_ context: ServerContext) -> Router<BasicRequestContext> {
    let router = Router(options: .autoGenerateHeadEndpoints)
    // Outermost of all: every response, errors included, gets `X-Content-Type-Options: nosniff`.
    router.add(middleware: ResponseHeadersMiddleware())
    // Outermost, so it sees the status ErrorFormatMiddleware answers with (swift-metrics: a no-op
    // until `serve` bootstraps it).
    router.add(middleware: RequestMetricsMiddleware())
    router.add(middleware: ErrorFormatMiddleware())
    HealthRoutes(context: context).register(on: router)
    let auth = BearerAuth(tokens: TokenStore(client: context.client, logger: context.logger), recent: context.principals,
                          health: context.databaseHealth,
                          failures: AuthFailures(settings: .init(burst: context.authFailureBurst,
                                                                 perSecond: context.authFailuresPerSecond)))
    MetricsRoute(context: context, auth: auth).register(on: router)
    FeedRoutes(context: context, auth: auth).register(on: router)
    let read = ReadRoutes(context: context, auth: auth)
    read.register(on: router)
    CatalogueRoutes(read: read).register(on: router)
    FeedLogRoutes(read: read).register(on: router)
    AlertRoutes(read: read).register(on: router)
    PublicationRoutes(read: read).register(on: router)
    RevisionRoutes(read: read).register(on: router)
    ChangeRoutes(read: read).register(on: router)
    ProfileRoutes(read: read).register(on: router)
    OpenAPIRoute().register(on: router)
    // Last: it wraps only what is added after it, so it runs for requests no route matched.
    router.add(middleware: MethodNotAllowedMiddleware(routes: router.routes, headFromGet: true))
    return router
}
