// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "outcomesd",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "outcomesd", targets: ["outcomesd"]),
        .library(name: "OutcomesCore", targets: ["OutcomesCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        // Already a dependency of postgres-nio; named so `sslmode=require` can build a TLS config.
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        // Already a dependency of postgres-nio; SHA-256 of feeds (a byte-identical re-send is a duplicate).
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        // Already a dependency of Hummingbird; named for custom header field names (X-Outcomesd-Run).
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        // Outbound HTTP for alert delivery (Alertmanager, webhooks): timeouts, TLS and a connection
        // pool we would otherwise hand-write on NIO.
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        // The metrics API Hummingbird (and other server libraries) already emit into; bootstrapped
        // once by `serve` so its request metrics land beside ours.
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        // `GET /metrics`: a collector registry written out in the Prometheus text exposition format.
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        // Pure domain: catalogue, periods, areas, statistics. No I/O.
        .target(
            name: "OutcomesCore",
            dependencies: [.product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        // Input readers: catalogue folders, feed files (CSV/JSON) and their validation.
        .target(
            name: "OutcomesFeeds",
            dependencies: ["OutcomesCore", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        // PostgreSQL: embedded cluster, migrations, catalogue sync, queries.
        .target(
            name: "OutcomesStore",
            dependencies: [
                "OutcomesCore", "OutcomesFeeds",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The representations of what a run holds: text, JSON, CSV and HTML (with inline SVG),
        // shared by the HTTP routes and the command line. No HTTP: nothing here knows a request.
        .target(
            name: "OutcomesRender",
            dependencies: ["OutcomesCore", "OutcomesStore"],
            swiftSettings: swiftSettings
        ),
        // The daemon's services: HTTP routes, assembled in one ServiceGroup.
        .target(
            name: "OutcomesServer",
            dependencies: [
                "OutcomesCore", "OutcomesFeeds", "OutcomesStore", "OutcomesRender",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            // The OpenAPI description, compiled in as `PackageResources.openapi_yaml` (bytes), so the
            // installed binary serves it with no resource bundle beside it.
            resources: [.embedInCode("OpenAPI/openapi.yaml")],
            swiftSettings: swiftSettings
        ),
        // Shared by the test targets only: a throwaway PostgreSQL cluster per test process.
        .target(
            name: "OutcomesTestSupport",
            dependencies: [
                "OutcomesCore", "OutcomesFeeds", "OutcomesStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/Support",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "outcomesd",
            dependencies: [
                "OutcomesCore", "OutcomesFeeds", "OutcomesStore", "OutcomesRender", "OutcomesServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // Fuzzing (issue 14): the fuzzed entry functions, shared by the libFuzzer executables and
        // the corpus replay test; one small executable per target. `scripts/fuzz` builds them with
        // libFuzzer's coverage, ASan and -DFUZZING in .build-fuzz; plainly built they replay files.
        .target(
            name: "FuzzTargets",
            dependencies: ["OutcomesCore", "OutcomesFeeds"],
            path: "Fuzz/FuzzTargets",
            swiftSettings: swiftSettings
        ),
        .executableTarget(name: "FuzzCSV", dependencies: ["FuzzTargets"], path: "Fuzz/FuzzCSV", swiftSettings: swiftSettings),
        .executableTarget(name: "FuzzJSONFeed", dependencies: ["FuzzTargets"], path: "Fuzz/FuzzJSONFeed", swiftSettings: swiftSettings),
        .executableTarget(name: "FuzzPeriod", dependencies: ["FuzzTargets"], path: "Fuzz/FuzzPeriod", swiftSettings: swiftSettings),
        .executableTarget(name: "FuzzCatalogue", dependencies: ["FuzzTargets"], path: "Fuzz/FuzzCatalogue", swiftSettings: swiftSettings),
        .executableTarget(name: "FuzzAlertRules", dependencies: ["FuzzTargets"], path: "Fuzz/FuzzAlertRules", swiftSettings: swiftSettings),
        .testTarget(
            name: "OutcomesCoreTests",
            dependencies: ["OutcomesCore", "OutcomesTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OutcomesFeedsTests",
            dependencies: ["OutcomesCore", "OutcomesFeeds", "OutcomesTestSupport", "FuzzTargets"],
            // The malformed-feed corpus; the tests find it through #filePath (declared so SwiftPM
            // does not warn about unhandled files).
            resources: [.copy("Corpus")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OutcomesStoreTests",
            dependencies: [
                "OutcomesCore", "OutcomesFeeds", "OutcomesStore", "OutcomesTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OutcomesServerTests",
            dependencies: [
                "OutcomesCore", "OutcomesFeeds", "OutcomesStore", "OutcomesRender", "OutcomesServer", "OutcomesTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["outcomesd", "OutcomesTestSupport"],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
