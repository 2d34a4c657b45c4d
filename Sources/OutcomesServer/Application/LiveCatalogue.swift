import OutcomesCore
import OutcomesStore
import Synchronization

/// The catalogue in use and its keys' stored ids, replaced together in place by a reload (SIGHUP)
/// so that the routes, the spool watcher, the scheduler and the dispatcher, which read
/// ``ServerContext/catalogue`` on each use, all see the new one. Shared by copies of a
/// ``ServerContext``.
final class LiveCatalogue: Sendable {
    private struct Current {
        var catalogue: Catalogue
        /// Loaded once after the catalogue's sync (nil until the daemon has synced it).
        var keys: CatalogueKeys?
    }
    private let current: Mutex<Current>

    init(_ catalogue: Catalogue) { current = Mutex(Current(catalogue: catalogue, keys: nil)) }

    var catalogue: Catalogue { current.withLock { $0.catalogue } }
    /// The catalogue and its keys' ids, taken together (a reload replaces both at once).
    var both: (catalogue: Catalogue, keys: CatalogueKeys?) { current.withLock { ($0.catalogue, $0.keys) } }

    /// An area of the catalogue in use, without copying the catalogue.
    func area(_ code: String) -> Area? { current.withLock { $0.catalogue.area(code) } }

    /// A catalogue synced into the database, with its keys' ids as loaded after the sync.
    func replace(with catalogue: Catalogue, keys: CatalogueKeys) {
        current.withLock { $0 = Current(catalogue: catalogue, keys: keys) }
    }
}
