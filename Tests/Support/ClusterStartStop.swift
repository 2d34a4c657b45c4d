public import OutcomesStore

extension EmbeddedCluster {
    /// ``EmbeddedCluster/start()`` (initdb, pg_ctl: seconds) waited for off the threads the
    /// tests' tasks share (``blocking(_:)``), so other tests' event waits go on meanwhile.
    @discardableResult
    public func startOffPool() async throws -> Bool {
        let cluster = self
        return try await blocking { try cluster.start() }
    }

    /// ``EmbeddedCluster/stop()`` waited for off the shared threads, as ``startOffPool()``.
    public func stopOffPool() async throws {
        let cluster = self
        try await blocking { try cluster.stop() }
    }
}
