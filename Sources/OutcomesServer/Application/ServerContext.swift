public import OutcomesCore
public import PostgresNIO
public import Logging

/// What the daemon's services share: the database pool, the catalogue, the logger.
/// Immutable and `Sendable`; a reload builds a new one.
public struct ServerContext: Sendable {
    public var client: PostgresClient
    public var catalogue: Catalogue
    public var listen: ListenAddress
    public var logger: Logger

    public init(client: PostgresClient, catalogue: Catalogue, listen: ListenAddress, logger: Logger) {
        self.client = client
        self.catalogue = catalogue
        self.listen = listen
        self.logger = logger
    }
}
