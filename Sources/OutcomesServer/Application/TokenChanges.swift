import Logging
import OutcomesStore
import ServiceLifecycle

/// Listens on the database's token-change channel (migration 6's trigger) and empties the
/// verified-token cache on every announcement. While the listening connection is down the cache
/// is switched off (every request verifies its token), and the listener reconnects with backoff.
struct TokenChanges: Service {
    let context: ServerContext
    let gate: StartupGate

    func run() async throws {
        await cancelWhenGracefulShutdown { await gate.wait() }
        guard gate.isOpen else { return }
        let store = TokenStore(client: context.client, logger: context.logger)
        let cache = context.principals
        let logger = context.logger
        var backoff: Duration = .seconds(1)
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let started = ContinuousClock.now
            do {
                try await cancelWhenGracefulShutdown {
                    try await store.listenForChanges(onListening: {
                        cache.setListening(true)
                        logger.info("listening for token changes", metadata: ["channel": "\(TokenStore.changeChannel)"])
                    }, onChange: {
                        cache.tokensChanged()
                        logger.info("tokens changed in the database; verified tokens forgotten")
                    })
                }
            } catch {
                if Task.isShuttingDownGracefully || Task.isCancelled { break }
                context.logger.warning("token change listener down; verifying every token until it is back",
                                       metadata: ["error": "\(error)", "retry_in": "\(backoff)"])
            }
            cache.setListening(false)
            guard !Task.isShuttingDownGracefully else { break }
            // A connection that held for a minute was a good one: start the backoff afresh.
            if ContinuousClock.now - started > .seconds(60) { backoff = .seconds(1) }
            let wait = backoff
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: wait) }
            backoff = min(backoff * 2, .seconds(30))
        }
        cache.setListening(false)
    }
}
