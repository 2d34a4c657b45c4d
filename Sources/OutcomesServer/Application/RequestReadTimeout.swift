import Logging
import NIOCore
import NIOHTTPTypes

/// The server's read deadlines (slowloris, issue 14), in one place: a connection is closed when
/// the client keeps the server waiting, and only then.
///
/// - **Waiting for a request head** (the connection is new, or its last response is written):
///   the head must arrive within ``timeout``. An idle kept-alive connection is closed after it,
///   and so is a head trickling in (this handler sits after the HTTP decoder: it sees reads end,
///   but no request part until the head is whole).
/// - **Reading a body:** it must be complete within ``timeout`` of the head plus one second per
///   ``minimumBytesPerSecond`` received, so a large feed at any real speed has all the time it
///   needs, while a body trickling in a byte at a time is cut off after about ``timeout``.
///   Only time the server spends waiting for the client counts: while the route does not want
///   the body (backpressure: no `read` asked for since the last read ended, e.g. a feed waiting
///   for a lock or a slow database), the clock is paused and the client's bytes wait in the
///   socket.
/// - **Making the response:** the route's time, not the client's; no deadline.
///
/// Hummingbird's own idle timeout is not used: it closes a connection whose request is being
/// read when no part has been read for the timeout, which is every backpressure pause longer
/// than the timeout (a feed behind another feed's lock was cut off silently, mid-body).
///
/// One timer at most per connection, set when a deadline starts and none is pending; when it
/// fires before the current deadline (the body moved it on, or a later request started one), it
/// sets itself again. A request that arrives whole in one read (every GET) reads the clock twice
/// and sets no timer of its own: setting and cancelling one per request cost 4.9% of a cached
/// summary's CPU time (`perf record`, Benchmarks/serve).
final class RequestReadTimeout: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// The body rate a sender must keep above for the deadline to move: 1 KiB/s.
    static let minimumBytesPerSecond: Int64 = 1024

    let timeout: TimeAmount
    let logger: Logger
    /// Since when the connection has waited for a request head; nil while a request is read or
    /// answered.
    private var awaitingHeadSince: NIODeadline?
    /// Whether bytes arrived while waiting for a head (a head on its way, not an idle connection).
    private var headBytesSeen = false
    /// When the request being read began; nil when no request is being read.
    private var started: NIODeadline?
    private var received: Int64 = 0
    /// Whether the current request was logged as incomplete at the end of a read.
    private var reported = false
    /// Since when the server has not asked for more (a read ended and no `read` followed).
    private var pausedSince: NIODeadline?
    /// The time the current request's reading was paused by the server, before `pausedSince`.
    private var paused: TimeAmount = .zero
    private var timer: Scheduled<Void>?

    init(timeout: TimeAmount, logger: Logger) {
        self.timeout = timeout
        self.logger = logger
    }

    /// When the client must have sent what the server waits for; nil when it waits for nothing
    /// (a response is being made) or the clock is paused.
    private var deadline: NIODeadline? {
        if let awaitingHeadSince { return awaitingHeadSince + timeout }
        guard let started, pausedSince == nil else { return nil }
        return started + timeout + .nanoseconds(received * 1_000_000_000 / Self.minimumBytesPerSecond) + paused
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { awaitHead(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        awaitHead(context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            awaitingHeadSince = nil
            started = context.eventLoop.now
            received = 0
            reported = false
            paused = .zero
            pausedSince = nil
        case .body(let buffer):
            received += Int64(buffer.readableBytes)
        case .end:
            started = nil
            pausedSince = nil
        }
        context.fireChannelRead(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if awaitingHeadSince != nil {
            headBytesSeen = true
        } else if started != nil {
            // Paused until the server asks for more: at once, unless the route is not reading.
            pausedSince = context.eventLoop.now
            if !reported {
                reported = true
                logger.debug("request incomplete at the end of a read; its deadline is set", metadata: [
                    "peer": "\(context.channel.remoteAddress?.description ?? "?")", "body_bytes": "\(received)",
                ])
            }
        }
        context.fireChannelReadComplete()
    }

    /// The server asks for more of the request: the time since the last read ended was the
    /// server's, not the client's.
    func read(context: ChannelHandlerContext) {
        if let since = pausedSince {
            pausedSince = nil
            paused = paused + (context.eventLoop.now - since)
            arm(context)
        }
        context.read()
    }

    /// The response's end: the connection waits for the next request's head (unless that head
    /// has already come, pipelined).
    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data), started == nil { awaitHead(context) }
        context.write(data, promise: promise)
    }

    private func awaitHead(_ context: ChannelHandlerContext) {
        awaitingHeadSince = context.eventLoop.now
        headBytesSeen = false
        arm(context)
    }

    /// Sets the timer for the current deadline, unless one is pending (it sets itself again
    /// when it fires early).
    private func arm(_ context: ChannelHandlerContext) {
        guard timer == nil, let deadline else { return }
        timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [self] in
            timer = nil
            // Nothing awaited, or paused: whatever starts the next deadline sets the timer again.
            guard let due = self.deadline else { return }
            guard due <= context.eventLoop.now else { return arm(context) }
            let peer = context.channel.remoteAddress?.description ?? "?"
            if awaitingHeadSince == nil {
                logger.notice("closing a connection whose request did not arrive in time", metadata: [
                    "peer": "\(peer)", "body_bytes": "\(received)", "timeout_seconds": "\(timeout.nanoseconds / 1_000_000_000)",
                ])
            } else if headBytesSeen {
                logger.notice("closing a connection whose request head did not arrive in time", metadata: [
                    "peer": "\(peer)", "timeout_seconds": "\(timeout.nanoseconds / 1_000_000_000)",
                ])
            } else {
                logger.debug("closing an idle connection", metadata: ["peer": "\(peer)"])
            }
            awaitingHeadSince = nil
            started = nil
            context.close(promise: nil)
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
