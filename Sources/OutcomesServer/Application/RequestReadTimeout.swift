import Logging
import NIOCore
import NIOHTTPTypes

/// Closes a connection whose request does not arrive in time (slowloris, issue 14): the body
/// must be complete within ``timeout`` of the request head plus one second per
/// ``minimumBytesPerSecond`` received, so a large feed at any real speed has all the time it
/// needs, while a body trickling in a byte at a time is cut off after about ``timeout``.
///
/// Only time the server spends waiting for the client counts. While the route does not want the
/// body (backpressure: no `read` asked for since the last read ended, e.g. a feed waiting for a
/// lock or a slow database), the clock is paused: the client's bytes wait in the socket, and an
/// honest sender is not cut off for the server's delay.
///
/// A request head that trickles in (or never comes) is Hummingbird's idle timeout's business
/// (set to the same ``timeout`` in ``buildApplication(_:)``): no request part is read, so the
/// connection is idle. This handler sits after the HTTP decoder, seeing parts, not bytes.
final class RequestReadTimeout: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// The body rate a sender must keep above for the deadline to move: 1 KiB/s.
    static let minimumBytesPerSecond: Int64 = 1024

    let timeout: TimeAmount
    let logger: Logger
    private var started: NIODeadline?
    private var received: Int64 = 0
    private var timer: Scheduled<Void>?
    /// Since when the server has not asked for more (a read ended and no `read` followed).
    private var pausedSince: NIODeadline?
    /// The time the current request's reading was paused by the server, before `pausedSince`.
    private var paused: TimeAmount = .zero

    init(timeout: TimeAmount, logger: Logger) {
        self.timeout = timeout
        self.logger = logger
    }

    /// When the request now being read must be complete.
    private var deadline: NIODeadline? {
        started.map { $0 + timeout + .nanoseconds(received * 1_000_000_000 / Self.minimumBytesPerSecond) + paused }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            started = context.eventLoop.now
            received = 0
            paused = .zero
        case .body(let buffer):
            received += Int64(buffer.readableBytes)
        case .end:
            started = nil
            timer?.cancel()
            timer = nil
        }
        context.fireChannelRead(data)
    }

    /// The timer is set only for a request still incomplete when a read ends: a request that
    /// arrives whole in one read (every GET) sets none and cancels none, which cost 4.9% of a
    /// cached summary's CPU time when done for every request (`perf record`, Benchmarks/serve).
    /// The deadline is the same (from the head's arrival).
    func channelReadComplete(context: ChannelHandlerContext) {
        // Paused until the server asks for more: at once, unless the route is not reading.
        if started != nil { pausedSince = context.eventLoop.now }
        if started != nil && timer == nil {
            logger.debug("request incomplete at the end of a read; its deadline is set", metadata: [
                "peer": "\(context.channel.remoteAddress?.description ?? "?")", "body_bytes": "\(received)",
            ])
            schedule(context)
        }
        context.fireChannelReadComplete()
    }

    /// The server asks for more of the request: the time since the last read ended was the
    /// server's, not the client's.
    func read(context: ChannelHandlerContext) {
        if let since = pausedSince {
            pausedSince = nil
            if started != nil { paused = paused + (context.eventLoop.now - since) }
            if started != nil && timer == nil { schedule(context) }
        }
        context.read()
    }

    /// Sets the timer for the current deadline; when it fires early (the body moved the deadline
    /// on), it sets itself again.
    private func schedule(_ context: ChannelHandlerContext) {
        timer?.cancel()
        guard let deadline else { return }
        timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [self] in
            timer = nil
            // Paused: the server is not reading; `read` sets the timer again when it does.
            guard pausedSince == nil, let due = self.deadline else { return }
            if due <= context.eventLoop.now {
                logger.notice("closing a connection whose request did not arrive in time", metadata: [
                    "peer": "\(context.channel.remoteAddress?.description ?? "?")", "body_bytes": "\(received)",
                    "timeout_seconds": "\(timeout.nanoseconds / 1_000_000_000)",
                ])
                started = nil
                context.close(promise: nil)
            } else {
                schedule(context)
            }
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        context.fireChannelInactive()
    }
}
