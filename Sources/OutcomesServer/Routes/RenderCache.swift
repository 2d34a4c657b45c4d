import HTTPTypes
import NIOCore
import Synchronization

/// Rendered responses per run and representation: a request served from here does not touch the
/// database. Runs are immutable, so an entry never goes stale; the cache keeps the newest run's
/// entries only, within a byte budget (oldest entries leave first), so a crawl over every area,
/// indicator and breakdown cannot grow it without bound.
///
/// A mutex rather than an actor: a hit is a dictionary lookup, and an actor would add two hops
/// off the event loop to every cached request (measured in Benchmarks/serve).
final class RenderCache: Sendable {
    struct Key: Hashable {
        var run: Int64
        var path: String
        var format: String
        var welsh: Bool
        /// "public" (small numbers suppressed), "full", or "partner:KEY".
        var audience: String = "public"
    }

    /// A rendered body and the headers that go with it (ETag, run, language, caching), both
    /// fixed by the key, so a hit builds nothing.
    struct Entry: Sendable {
        var body: ByteBuffer
        var headers: HTTPFields
    }

    private struct State {
        var entries: [Key: Entry] = [:]
        var order: [Key] = []
        var bytes = 0
        var newestRun: Int64 = 0
    }

    private let state = Mutex(State())
    let budget: Int

    init(budget: Int = 64 << 20) {
        self.budget = budget
    }

    /// A rendered response (the body is a `ByteBuffer`, so a hit copies nothing).
    func get(_ key: Key) -> Entry? {
        state.withLock { $0.entries[key] }
    }

    /// Keeps a body rendered for `key`: a newer run empties the cache; an older run's body is not
    /// kept (reads of `?run=` or `?as_of=` are rendered each time).
    func put(_ key: Key, _ entry: Entry) {
        let body = entry.body
        let budget = budget
        state.withLock { s in
            if key.run > s.newestRun {
                s = State()
                s.newestRun = key.run
            }
            guard key.run == s.newestRun, s.entries[key] == nil, body.readableBytes <= budget else { return }
            s.entries[key] = entry
            s.order.append(key)
            s.bytes += body.readableBytes
            var evicted = 0
            while s.bytes > budget, evicted < s.order.count {
                if let old = s.entries.removeValue(forKey: s.order[evicted]) { s.bytes -= old.body.readableBytes }
                evicted += 1
            }
            if evicted > 0 { s.order.removeFirst(evicted) }
        }
    }

    var count: Int { state.withLock { $0.entries.count } }
    var size: Int { state.withLock { $0.bytes } }
}
