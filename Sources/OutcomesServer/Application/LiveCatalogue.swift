import OutcomesCore
import Synchronization

/// The catalogue in use, replaced in place by a reload (SIGHUP) so that the routes, the spool
/// watcher, the scheduler and the dispatcher, which read ``ServerContext/catalogue`` on each use,
/// all see the new one. Shared by copies of a ``ServerContext``.
final class LiveCatalogue: Sendable {
    private let current: Mutex<Catalogue>

    init(_ catalogue: Catalogue) { current = Mutex(catalogue) }

    var catalogue: Catalogue { current.withLock { $0 } }

    /// An area of the catalogue in use, without copying the catalogue.
    func area(_ code: String) -> Area? { current.withLock { $0.area(code) } }

    func replace(with catalogue: Catalogue) { current.withLock { $0 = catalogue } }
}
