import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import NIOHTTPTypes

/// The address a request came from, put on each request head by this channel handler as
/// `X-Outcomesd-Client-Address` (a value the client sent under that name is replaced), so that the
/// routes, which see the request and not the connection, can tell clients apart
/// (``AuthFailureLimiter``).
///
/// It is the connection's peer; when the peer is one of the configured reverse proxies
/// (`serving.trusted_proxies`, e.g. `[127.0.0.1]` behind Deploy/nginx.conf), the last address of
/// `X-Forwarded-For`, the one that proxy added. Anyone else's `X-Forwarded-For` is ignored.
///
/// A request that did not come over a socket (the router tests) has none, unless a test sets it.
final class ClientAddress: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    static let field = HTTPField.Name("X-Outcomesd-Client-Address")!
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    /// Proxies' addresses as the peer's address is written (``normalized(_:)``).
    let trustedProxies: Set<String>
    private var peer: String?
    private var peerIsProxy = false

    init(trustedProxies: Set<String> = []) {
        self.trustedProxies = trustedProxies
    }

    /// The request's client address, if it came over a socket.
    static func of(_ request: Request) -> String? {
        request.headers[field]
    }

    /// IP addresses written as a peer's are (`::1` for `0:0::1`); text that is not one is kept as it is.
    static func normalized(_ addresses: [String]) -> Set<String> {
        Set(addresses.map { (try? SocketAddress(ipAddress: $0, port: 0))?.ipAddress ?? $0 })
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(var head) = unwrapInboundIn(data) else {
            context.fireChannelRead(data)
            return
        }
        if peer == nil, let address = context.channel.remoteAddress {
            peer = address.ipAddress ?? address.description
            peerIsProxy = peer.map(trustedProxies.contains) ?? false
        }
        var client = peer
        if peerIsProxy, let forwarded = head.headerFields[Self.forwardedFor],
           let last = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty {
            client = last
        }
        head.headerFields[Self.field] = client
        context.fireChannelRead(wrapInboundOut(.head(head)))
    }
}
