import Foundation
import Logging
import Testing
import OutcomesCore
@testable import OutcomesServer
import OutcomesTestSupport
import PostgresNIO
import ServiceLifecycle

/// Found by Benchmarks/faults (issue 14): SIGTERM while PostgreSQL was down (or just back, before
/// the daemon noticed) left `outcomesd serve` running until the service group's shutdown timeout,
/// because the alert dispatcher's tick waited for a database connection with no end and graceful
/// shutdown never reached it.
@Suite("The alert dispatcher stops on graceful shutdown, database down or not")
struct AlertDispatcherShutdownTests {
    @Test("graceful shutdown while no database answers: the dispatcher finishes within seconds", .timeLimit(.minutes(1)))
    func stopsWhileDatabaseDown() async throws {
        // Nothing listens on port 1: every connection attempt fails, a lease waits for ever.
        let dead = PostgresClient(configuration: .init(host: "127.0.0.1", port: 1, username: "x", password: nil, database: "x", tls: .disable),
                                  backgroundLogger: TestCluster.logger)
        var context = ServerContext(client: dead, catalogue: try TestCluster.realCatalogue(),
                                    listen: .init(host: "127.0.0.1", port: 0), logger: TestCluster.logger)
        var delivery = AlertDelivery()
        delivery.webhooks = [.init(url: "http://127.0.0.1:1/hook", secretFile: nil, timeoutSeconds: 5)]
        context.alertDelivery = delivery
        let gate = StartupGate()
        gate.open()
        let passes = Ticks()
        var dispatcher = AlertDispatcher(context: context, gate: gate, delivery: delivery, repeatIntervalHours: 168)
        dispatcher.willTick = { passes.add() }
        let dispatcherService = dispatcher
        let group = ServiceGroup(configuration: .init(services: [.init(service: dead), .init(service: dispatcherService)],
                                                      logger: TestCluster.logger))
        let stopped = Ticks()
        await withTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                do { try await group.run() } catch { Issue.record("the service group failed: \(error)") }
                stopped.add()
            }
            // The event: the first pass has begun, and asks the dead pool for a connection.
            #expect(await eventually(seconds: 30) { passes.count > 0 }, "the dispatcher never began a pass")
            await group.triggerGracefulShutdown()
            // Before the fix it never finished (the lease waits for ever); a generous deadline,
            // not a tight bound, so a loaded machine does not fail it.
            #expect(await eventually(seconds: 30) { stopped.count == 1 }, "the dispatcher did not finish within 30 s of graceful shutdown")
            tasks.cancelAll()
        }
    }

    final class Ticks: Sendable {
        private let value = Mutex(0)
        func add() { value.withLock { $0 += 1 } }
        var count: Int { value.withLock { $0 } }
    }
}

import Synchronization
