import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
@testable import OutcomesRender
@testable import OutcomesServer

/// `?as_of=` and `?since=`: exactly the RFC 3339 dates and date-times the OpenAPI document declares
/// (`format: date` / `format: date-time`), and empty as absent.
@Suite("Query times: RFC 3339 dates and date-times, empty as absent")
struct QueryInstantTests {
    static func epoch(_ text: String, _ edge: QueryInstant.DayEdge = .start) -> Double? {
        QueryInstant.parse(text, day: edge)?.timeIntervalSince1970
    }

    @Test("dates stand for the start or end of the day, UTC; date-times with Z or an offset, fractions, either case")
    func accepted() {
        let day: Double = 1_793_491_200   // 2026-11-01T00:00:00Z
        let nine: Double = day + 32_400   // 09:00
        #expect(Self.epoch("2026-11-01") == day)
        #expect(Self.epoch("2026-11-01", .end) == day + 86_399)
        #expect(Self.epoch("2026-11-01T09:00:00Z") == nine)
        #expect(Self.epoch("2026-11-01t09:00:00z") == nine)
        #expect(Self.epoch("2026-11-01T10:00:00+01:00") == nine)
        let late: Double = day + 1_800 + 86_340
        #expect(Self.epoch("2026-11-01T00:30:00-23:59") == late)
        #expect(Self.epoch("2026-11-01T09:00:00.5Z") == nine + 0.5)
        let fraction = (Self.epoch("2026-11-01T09:00:00.123456789Z") ?? 0) - nine
        #expect(abs(fraction - 0.123456789) < 1e-6)
        #expect(Self.epoch("2026-12-31T23:59:60Z") == Self.epoch("2026-12-31T23:59:59Z"))   // a leap second
        #expect(Self.epoch("2024-02-29") != nil && Self.epoch("2000-02-29") != nil)
        let first: Double = -62_135_596_800
        #expect(Self.epoch("0001-01-01") == first)
        #expect(Self.epoch("9999-12-31T23:59:59Z") != nil)
    }

    @Test("anything else is refused: not a date, impossible dates and times, partial forms, no offset")
    func refused() {
        for text in ["", "e", "__main__", "yesterday", "2026-11", "2026-1-01", "26-11-01", "2026/11/01", "2026-13-01", "2026-00-10",
                     "2026-02-29", "1900-02-29", "2026-04-31", "2026-11-00", "2026-11-01T", "2026-11-01T09:00Z", "2026-11-01T09:00:00",
                     "2026-11-01T24:00:00Z", "2026-11-01T09:60:00Z", "2026-11-01T09:00:61Z", "2026-11-01T09:00:00.Z",
                     "2026-11-01T09:00:00+0100", "2026-11-01T09:00:00+24:00", "2026-11-01T09:00:00+01:60", "2026-11-01 09:00:00Z",
                     " 2026-11-01", "2026-11-01 ", "+026-11-01", "2026-11-01Z", "2026-11-01T09:00:00Zx", "２０２６-11-01", "µ\t"] {
            #expect(QueryInstant.parse(text, day: .start) == nil, "\(text)")
        }
    }

    @Test("through the router: an empty as_of, run or since is the same as none; RFC 3339 forms are accepted")
    func emptyIsAbsent() async throws {
        try await ReadRoutesTests.withData { http, tokens in
            let reader = tokens["reader"]
            let (_, plain, _) = try await ReadRoutesTests.get(http, "/v1/summary", token: reader)
            for uri in ["/v1/summary?as_of=", "/v1/summary?run=", "/v1/summary?as_of=&run=", "/v1/areas/W92000004?as_of="] {
                let (status, headers, body) = try await ReadRoutesTests.get(http, uri, token: reader)
                #expect(status == .ok && headers[.eTag] == plain[.eTag], "\(uri): \(status) \(body.prefix(200))")
            }
            for (uri, expected) in [("/v1/summary?as_of=2999-01-01T10:00:00.25+01:00", HTTPResponse.Status.ok),
                                    ("/v1/summary?as_of=2000-01-01t00:00:00z", .notFound),
                                    ("/v1/summary?as_of=2026-02-30", .badRequest), ("/v1/summary?run=x", .badRequest),
                                    ("/v1/alerts/events?since=", .ok), ("/v1/alerts/events?since=2026-11-01T09:00:00.5-05:00", .ok),
                                    ("/v1/alerts/events?since=2026-11-01T09:00:00", .badRequest)] {
                let (status, _, body) = try await ReadRoutesTests.get(http, uri, token: reader)
                #expect(status == expected, "\(uri): \(status) \(body.prefix(200))")
                if expected == .badRequest { #expect(body.contains("is not a"), "\(body)") }
            }
        }
    }
}
