import NIOCore

/// Rendered responses per run and representation: a request served from here does not touch the
/// database. Runs are immutable, so an entry never goes stale; the cache keeps the newest run's
/// entries only, within a byte budget (oldest entries leave first), so a crawl over every area,
/// indicator and breakdown cannot grow it without bound.
actor RenderCache {
    struct Key: Hashable {
        var run: Int64
        var path: String
        var format: String
        var welsh: Bool
        /// "public" (small numbers suppressed) or "full".
        var audience: String = "public"
    }

    private var entries: [Key: ByteBuffer] = [:]
    private var order: [Key] = []
    private var bytes = 0
    private var newestRun: Int64 = 0
    let budget: Int

    init(budget: Int = 64 << 20) {
        self.budget = budget
    }

    /// A rendered body (kept as a `ByteBuffer`, so a hit copies nothing).
    func get(_ key: Key) -> ByteBuffer? { entries[key] }

    /// Keeps a body rendered for `key`: a newer run empties the cache; an older run's body is not
    /// kept (reads of `?run=` or `?as_of=` are rendered each time).
    func put(_ key: Key, _ body: ByteBuffer) {
        if key.run > newestRun {
            entries = [:]
            order = []
            bytes = 0
            newestRun = key.run
        }
        guard key.run == newestRun, entries[key] == nil, body.readableBytes <= budget else { return }
        entries[key] = body
        order.append(key)
        bytes += body.readableBytes
        var evicted = 0
        while bytes > budget, evicted < order.count {
            if let old = entries.removeValue(forKey: order[evicted]) { bytes -= old.readableBytes }
            evicted += 1
        }
        if evicted > 0 { order.removeFirst(evicted) }
    }

    var count: Int { entries.count }
    var size: Int { bytes }
}
