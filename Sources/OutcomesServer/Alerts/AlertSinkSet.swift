import AsyncHTTPClient
import Crypto
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import OutcomesCore
import OutcomesStore

/// The configured sinks and how each delivers a batch of notifications.
struct AlertSinkSet: Sendable {
    struct DeliveryError: Error, CustomStringConvertible {
        var description: String
    }

    let delivery: AlertDelivery
    let http: HTTPClient
    let logger: Logger
    /// Webhook secrets, read once (a missing or unreadable file is an error on each attempt).
    let secrets: [String: Result<[UInt8], DeliveryError>]

    init(delivery: AlertDelivery, http: HTTPClient, logger: Logger) {
        self.delivery = delivery
        self.http = http
        self.logger = logger
        var secrets: [String: Result<[UInt8], DeliveryError>] = [:]
        for hook in delivery.webhooks {
            guard let path = hook.secretFile else { continue }
            if let data = FileManager.default.contents(atPath: path) {
                var bytes = [UInt8](data)
                while let last = bytes.last, last == 0x0A || last == 0x0D || last == 0x20 { bytes.removeLast() }
                secrets[hook.url] = .success(bytes)
            } else {
                secrets[hook.url] = .failure(DeliveryError(description: "cannot read webhook secret_file \(path)"))
            }
        }
        self.secrets = secrets
    }

    var names: [String] { delivery.sinks }

    func deliver(_ items: [AlertOutbox.Item], to sink: String) async throws {
        if sink == AlertSinks.journal {
            for item in items {
                var metadata: Logger.Metadata = ["status": "\(item.status)", "fingerprint": "\(item.fingerprint)"]
                for (k, v) in item.labels { metadata["label_\(k)"] = "\(v)" }
                metadata["summary"] = "\(item.annotations["summary"] ?? "")"
                logger.notice("alert \(item.status)", metadata: metadata)
            }
        } else if sink == AlertSinks.alertmanager, let am = delivery.alertmanager {
            let now = Date()
            let body = items.map { item in
                AlertmanagerAlert(item, endsAt: item.endsAt ?? now.addingTimeInterval(Double(4 * am.resendIntervalSeconds)),
                                  generatorURL: generatorURL(item.labels))
            }
            try await post(am.url + "/api/v2/alerts", body: try Self.encoder.encode(body), timeout: 10, secret: nil)
        } else if sink.hasPrefix(AlertSinks.webhookPrefix), let hook = delivery.webhooks.first(where: { AlertSinks.webhook($0.url) == sink }) {
            let secret = try secrets[hook.url].map { try $0.get() }
            let body = WebhookMessage(items, externalURL: delivery.externalURL ?? "", generatorURL: generatorURL)
            try await post(hook.url, body: try Self.encoder.encode(body), timeout: hook.timeoutSeconds, secret: secret)
        } else {
            throw DeliveryError(description: "sink '\(sink)' is not configured")
        }
    }

    /// Every firing alert, re-sent so Alertmanager keeps it active (endsAt = now + 4 × interval).
    func resendToAlertmanager(_ items: [AlertOutbox.Item]) async throws {
        guard !items.isEmpty else { return }
        try await deliver(items, to: AlertSinks.alertmanager)
    }

    func generatorURL(_ labels: [String: String]) -> String {
        let base = delivery.externalURL ?? ""
        return "\(base)/v1/alerts?indicator=\(labels["indicator"] ?? "")&area=\(labels["area"] ?? "")"
    }

    /// `sha256=<hex HMAC-SHA256 of the body>`, the value of `X-Outcomesd-Signature`.
    static func signature(body: [UInt8], secret: [UInt8]) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: secret))
        return "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    private func post(_ url: String, body: Data, timeout: Int, secret: [UInt8]?) async throws {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "outcomesd")
        let bytes = [UInt8](body)
        if let secret { request.headers.add(name: "X-Outcomesd-Signature", value: Self.signature(body: bytes, secret: secret)) }
        request.body = .bytes(ByteBuffer(bytes: bytes))
        let response = try await http.execute(request, timeout: .seconds(Int64(timeout)))
        let text = try await response.body.collect(upTo: 4096)
        guard (200..<300).contains(response.status.code) else {
            throw DeliveryError(description: "\(url) answered \(response.status.code): \(String(buffer: text).prefix(200))")
        }
    }

    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(Self.rfc3339(date))
        }
        return e
    }()

    static func rfc3339(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.string(from: date)
    }
}

/// One alert as Alertmanager's API v2 takes it (`POST /api/v2/alerts`).
struct AlertmanagerAlert: Encodable {
    var labels: [String: String]
    var annotations: [String: String]
    var startsAt: Date
    var endsAt: Date
    var generatorURL: String

    init(_ item: AlertOutbox.Item, endsAt: Date, generatorURL: String) {
        labels = item.labels
        annotations = item.annotations
        startsAt = item.startsAt
        self.endsAt = endsAt
        self.generatorURL = generatorURL
    }
}

/// Alertmanager's webhook body, version 4: what receivers written for Alertmanager already read.
struct WebhookMessage: Encodable {
    struct Alert: Encodable {
        var status: String
        var labels: [String: String]
        var annotations: [String: String]
        var startsAt: Date
        /// Alertmanager sends the zero time for a firing alert.
        var endsAt: String
        var generatorURL: String
        var fingerprint: String
    }

    var version = "4"
    var groupKey: String
    var truncatedAlerts = 0
    var status: String
    var receiver = "outcomesd"
    var groupLabels: [String: String]
    var commonLabels: [String: String]
    var commonAnnotations: [String: String]
    var externalURL: String
    var alerts: [Alert]

    init(_ items: [AlertOutbox.Item], externalURL: String, generatorURL: ([String: String]) -> String) {
        alerts = items.map {
            Alert(status: $0.status, labels: $0.labels, annotations: $0.annotations, startsAt: $0.startsAt,
                  endsAt: $0.endsAt.map(AlertSinkSet.rfc3339) ?? "0001-01-01T00:00:00Z", generatorURL: generatorURL($0.labels),
                  fingerprint: $0.fingerprint)
        }
        status = items.contains { $0.status == "firing" } ? "firing" : "resolved"
        func common(_ maps: [[String: String]]) -> [String: String] {
            guard var first = maps.first else { return [:] }
            for m in maps.dropFirst() { first = first.filter { m[$0.key] == $0.value } }
            return first
        }
        commonLabels = common(items.map(\.labels))
        commonAnnotations = common(items.map(\.annotations))
        groupLabels = commonLabels["alertname"].map { ["alertname": $0] } ?? [:]
        groupKey = "{}:" + (groupLabels["alertname"].map { "{alertname=\"\($0)\"}" } ?? "{}")
        self.externalURL = externalURL
    }
}
