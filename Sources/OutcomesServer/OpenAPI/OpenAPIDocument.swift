/// The OpenAPI 3.1 description of every HTTP endpoint, served at `GET /v1/openapi.yaml`.
///
/// The document is `openapi.yaml` beside this file, embedded in the binary by SwiftPM
/// (`.embedInCode` in Package.swift), so an installed `outcomesd` serves it with no resource
/// bundle beside it. `OpenAPIConformanceTests` keeps it true: every route the router registers is
/// described and nothing else is, real responses validate against its schemas, and what repeats is
/// a shared component. Edit the routes and the document together.
enum OpenAPIDocument {
    /// The whole document: `openapi.yaml` byte for byte (UTF-8; the test that parses it would
    /// fail on anything else, which would show here as U+FFFD).
    static let yaml: String = String(decoding: PackageResources.openapi_yaml, as: UTF8.self)
}
