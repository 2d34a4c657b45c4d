import Foundation
import Hummingbird
import Synchronization

/// A real HTTP webhook receiver for the delivery tests: records every POST (headers and body) and
/// answers 200 while up, 503 while down.
final class WebhookReceiver: Sendable {
    struct Delivery: Sendable {
        var signature: String?
        var body: Data
    }

    private let state = Mutex<(up: Bool, received: [Delivery])>((true, []))

    func setUp(_ up: Bool) { state.withLock { $0.up = up } }
    var received: [Delivery] { state.withLock { $0.received } }

    func application() -> some ApplicationProtocol {
        let router = Router()
        router.post("hook") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            let up = self.state.withLock { state -> Bool in
                if state.up {
                    state.received.append(Delivery(signature: request.headers[.init("X-Outcomesd-Signature")!],
                                                   body: Data(body.readableBytesView)))
                }
                return state.up
            }
            return Response(status: up ? .ok : .serviceUnavailable)
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }
}
