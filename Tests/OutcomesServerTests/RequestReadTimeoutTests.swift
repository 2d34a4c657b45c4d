import Testing
import Logging
import NIOCore
import NIOEmbedded
import HTTPTypes
import NIOHTTPTypes
@testable import OutcomesServer

/// ``RequestReadTimeout`` on its own, on an event loop whose clock the test moves: only the time
/// the server spends waiting for the client counts against the request.
@Suite("Request read deadline")
struct RequestReadTimeoutTests {
    static func channel() throws -> (EmbeddedChannel, EmbeddedEventLoop) {
        let loop = EmbeddedEventLoop()
        let channel = EmbeddedChannel(handler: RequestReadTimeout(timeout: .seconds(2), logger: Logger(label: "test")), loop: loop)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        return (channel, loop)
    }

    static let head = HTTPRequestPart.head(HTTPRequest(method: .post, scheme: "http", authority: "localhost", path: "/v1/feeds"))

    @Test("a body the server asks for and the client does not send is cut off after the timeout")
    func clientSilentIsCut() throws {
        let (channel, loop) = try Self.channel()
        try channel.writeInbound(Self.head)
        channel.pipeline.fireChannelReadComplete()
        channel.read()   // the route wants the body
        loop.advanceTime(by: .milliseconds(1900))
        #expect(channel.isActive)
        loop.advanceTime(by: .milliseconds(200))
        #expect(!channel.isActive)
    }

    @Test("while the server does not read (backpressure: a feed waiting for a lock), the clock stops; it runs again once the server reads")
    func serverStallIsNotTheClients() throws {
        let (channel, loop) = try Self.channel()
        try channel.writeInbound(Self.head)
        try channel.writeInbound(HTTPRequestPart.body(ByteBuffer(repeating: 0x61, count: 1024)))   // +1 s
        channel.pipeline.fireChannelReadComplete()
        // No read asked for: ten seconds of the server's own delay.
        loop.advanceTime(by: .seconds(10))
        #expect(channel.isActive)
        channel.read()
        // Then the client's own time: 2 s plus 1 s for the KiB received.
        loop.advanceTime(by: .milliseconds(2900))
        #expect(channel.isActive)
        loop.advanceTime(by: .milliseconds(200))
        #expect(!channel.isActive)
    }

    @Test("a request that ends in time cancels its deadline")
    func completeRequestStaysOpen() throws {
        let (channel, loop) = try Self.channel()
        try channel.writeInbound(Self.head)
        channel.pipeline.fireChannelReadComplete()
        channel.read()
        loop.advanceTime(by: .seconds(1))
        try channel.writeInbound(HTTPRequestPart.end(nil))
        loop.advanceTime(by: .seconds(10))
        #expect(channel.isActive)
    }

    @Test("a connection with no request is closed after the timeout; after a response, the next head has the whole timeout again")
    func idleConnectionIsClosed() throws {
        let (channel, loop) = try Self.channel()
        loop.advanceTime(by: .milliseconds(1500))
        try channel.writeInbound(HTTPRequestPart.head(HTTPRequest(method: .get, scheme: "http", authority: "localhost", path: "/healthz")))
        try channel.writeInbound(HTTPRequestPart.end(nil))
        channel.pipeline.fireChannelReadComplete()
        // The response takes the route's time, however long: not the client's.
        loop.advanceTime(by: .seconds(10))
        #expect(channel.isActive)
        try channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .ok)))
        try channel.writeOutbound(HTTPResponsePart.end(nil))
        loop.advanceTime(by: .milliseconds(1900))
        #expect(channel.isActive)
        loop.advanceTime(by: .milliseconds(200))
        #expect(!channel.isActive)
    }

    @Test("a request head trickling in (reads that complete no head) is cut off after the timeout")
    func trickledHeadIsCut() throws {
        let (channel, loop) = try Self.channel()
        for _ in 0..<4 {
            loop.advanceTime(by: .milliseconds(450))
            channel.pipeline.fireChannelReadComplete()
        }
        #expect(channel.isActive)
        loop.advanceTime(by: .milliseconds(250))
        #expect(!channel.isActive)
    }

    @Test("a body paused by the server far beyond the timeout is still read: no other deadline closes it meanwhile")
    func longServerPauseKeepsTheConnection() throws {
        let (channel, loop) = try Self.channel()
        try channel.writeInbound(Self.head)
        channel.pipeline.fireChannelReadComplete()
        // The route does not read for a minute (a feed behind another feed's lock).
        loop.advanceTime(by: .seconds(60))
        #expect(channel.isActive)
        channel.read()
        try channel.writeInbound(HTTPRequestPart.body(ByteBuffer(repeating: 0x61, count: 100)))
        try channel.writeInbound(HTTPRequestPart.end(nil))
        channel.pipeline.fireChannelReadComplete()
        loop.advanceTime(by: .seconds(30))
        #expect(channel.isActive)
    }
}
