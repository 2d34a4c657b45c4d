import PostgresNIO
import OutcomesCore

/// Tells a database that cannot be reached (refused, closed, shut down, timed out) from an
/// error in what was asked of it, so the daemon answers the first with 503 and a retry hint, and
/// the second as the fault it is.
public enum DatabaseFault {
    /// Whether `error` means the database was unreachable rather than that a statement failed.
    public static func isUnavailable(_ error: any Error) -> Bool {
        if error is TimeoutError { return true }
        if let transaction = error as? PostgresTransactionError {
            return [transaction.beginError, transaction.closureError, transaction.commitError].contains { $0.map(isUnavailable) ?? false }
        }
        if let psql = error as? PSQLError {
            switch psql.code {
            case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed:
                return true
            case .server:
                // Class 08: connection exception; 57P01–57P03: admin/crash shutdown, cannot connect now.
                guard let state = psql.serverInfo?[.sqlState] else { return false }
                return state.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(state)
            default:
                return false
            }
        }
        // The pool's own error (its module is underscored, so matched by name): no connection
        // could be made for a while.
        return String(describing: type(of: error)) == "ConnectionPoolError"
    }

    /// A short, log-safe account of a failure to reach the database.
    public static func summary(_ error: any Error) -> String {
        if let psql = error as? PSQLError {
            if let message = psql.serverInfo?[.message] { return message }
            if let underlying = psql.underlying { return "\(psql.code): \(underlying)" }
            return "\(psql.code)"
        }
        return "\(error)"
    }
}
