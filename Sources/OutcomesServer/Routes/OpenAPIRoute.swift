import Hummingbird

/// `GET /v1/openapi.yaml`: the OpenAPI 3.1 description of every endpoint (``OpenAPIDocument``),
/// unauthenticated, so clients and tools can read what the daemon accepts before holding a token.
struct OpenAPIRoute: Sendable {
    func register(on router: Router<BasicRequestContext>) {
        router.get("v1/openapi.yaml") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/yaml"],
                     body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.yaml)))
        }
    }
}
