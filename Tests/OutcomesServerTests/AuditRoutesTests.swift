import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import OutcomesCore
import OutcomesServer
import OutcomesStore
import OutcomesTestSupport

/// Issue 13 over HTTP, through the real router and a real PostgreSQL: publications, revising
/// published values with and without confirmation, the audit with token names, and what
/// changed between runs.
@Suite("Publications, revisions and changes over HTTP")
struct AuditRoutesTests {
    typealias Tokens = [String: String]

    static func send(_ http: any TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, token: String?,
                     json: String? = nil) async throws -> (HTTPResponse.Status, String) {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await http.execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) }) {
            ($0.status, String(buffer: $0.body))
        }
    }

    static func object(_ body: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any], "\(body)")
    }

    static func array(_ body: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [[String: Any]], "\(body)")
    }

    static let revision = """
        indicator,area,period,breakdown,numerator,denominator,note,reason
        low_birth_weight,W06000013,2023,all,50,910,r,registrations late

        """

    @Test("only an admin publishes; a partner's revision of a published value is refused unless confirmed, then audited with the token's name")
    func publishReviseAudit() async throws {
        try await FeedRoutesTests.withApp { http, tokens in
            let (applied, _) = try await FeedRoutesTests.post(http, token: tokens["partner"], body: FeedRoutesTests.feed)
            #expect(applied == .ok)
            let publication = #"{"indicator": "low_birth_weight", "period": "2023", "note": "annual release"}"#
            #expect(try await Self.send(http, .post, "/v1/publications", token: tokens["partner"], json: publication).0 == .forbidden)
            #expect(try await Self.send(http, .post, "/v1/publications", token: tokens["reader"], json: publication).0 == .forbidden)
            #expect(try await Self.send(http, .post, "/v1/publications", token: nil, json: publication).0 == .unauthorized)
            let (created, body) = try await Self.send(http, .post, "/v1/publications", token: tokens["admin"], json: publication)
            #expect(created == .created)
            let entry = try Self.object(body)
            let id = try #require(entry["id"] as? Int)
            #expect(entry["published_by"] as? String == "admin" && entry["period"] as? String == "2023")
            // What is asked is checked: a period of the wrong type, an unknown indicator, not JSON.
            #expect(try await Self.send(http, .post, "/v1/publications", token: tokens["admin"],
                                        json: #"{"indicator": "low_birth_weight", "period": "2023-24"}"#).0 == .badRequest)
            #expect(try await Self.send(http, .post, "/v1/publications", token: tokens["admin"],
                                        json: #"{"indicator": "no_such", "period": "2023"}"#).0 == .notFound)
            #expect(try await Self.send(http, .post, "/v1/publications", token: tokens["admin"], json: "2023").0 == .badRequest)
            let (listed, _, list) = try await ReadRoutesTests.get(http, "/v1/publications", token: tokens["reader"])
            let listedCount = try Self.array(list).count
            #expect(listed == .ok && listedCount == 1)

            // Refused without confirmation: the row error names the code and both values.
            let (refusedStatus, refusedBody) = try await FeedRoutesTests.post(http, token: tokens["partner"], body: Self.revision)
            #expect(refusedStatus == .unprocessableContent)   // its only row was refused: rejected whole
            let refused = try Self.object(refusedBody)
            let error = try #require((refused["errors"] as? [[String: Any]])?.first)
            #expect(error["code"] as? String == "period_published")
            #expect((error["message"] as? String)?.contains("5.274725274725275 → 5.4945054945054945") == true)
            #expect((refused["published_changes"] as? [[String: Any]])?.first?["confirmed"] as? Bool == false)

            // Confirmed: applied, marked, audited.
            let (confirmedStatus, confirmedBody) = try await FeedRoutesTests.post(http, token: tokens["partner"], body: Self.revision,
                                                                                  query: "?confirm_revisions=true&reason=annual%20refresh")
            #expect(confirmedStatus == .ok)
            let confirmed = try Self.object(confirmedBody)
            #expect(confirmed["updated"] as? Int == 1)
            #expect((confirmed["published_changes"] as? [[String: Any]])?.first?["confirmed"] as? Bool == true)
            let (auditStatus, _, auditBody) = try await ReadRoutesTests.get(http, "/v1/revisions", token: tokens["partner"])
            #expect(auditStatus == .ok)
            let audit = try Self.array(auditBody)
            #expect(audit.count == 1)
            let revised = try #require(audit.first)
            #expect(revised["submitted_by"] as? String == "lhb" && revised["source"] as? String == "http")
            #expect(revised["published"] as? Bool == true && revised["reason"] as? String == "registrations late")
            #expect(revised["old_numerator"] as? Double == 48 && revised["new_numerator"] as? Double == 50)
            // Another partner reads its own indicators' revisions only; readers none.
            #expect(try await ReadRoutesTests.get(http, "/v1/revisions?indicator=low_birth_weight", token: tokens["other"]).0 == .forbidden)
            #expect(try Self.array(try await ReadRoutesTests.get(http, "/v1/revisions", token: tokens["other"]).2).isEmpty)
            #expect(try await ReadRoutesTests.get(http, "/v1/revisions", token: tokens["reader"]).0 == .forbidden)
            let (_, _, csv) = try await ReadRoutesTests.get(http, "/v1/revisions?format=csv", token: tokens["admin"])
            #expect(csv.hasPrefix("indicator,area,breakdown,period,revision,old_value,new_value") && csv.contains(",lhb,"))

            // Withdrawn: recorded, listed with all=true, and not withdrawn twice.
            let (withdrawn, withdrawnBody) = try await Self.send(http, .delete, "/v1/publications/\(id)?reason=in%20error", token: tokens["admin"])
            let withdrawnEntry = try Self.object(withdrawnBody)
            #expect(withdrawn == .ok && withdrawnEntry["withdraw_reason"] as? String == "in error")
            #expect(try await Self.send(http, .delete, "/v1/publications/\(id)", token: tokens["admin"]).0 == .notFound)
            #expect(try await Self.send(http, .delete, "/v1/publications/x", token: tokens["admin"]).0 == .badRequest)
            #expect(try Self.array(try await ReadRoutesTests.get(http, "/v1/publications", token: tokens["reader"]).2).isEmpty)
            #expect(try Self.array(try await ReadRoutesTests.get(http, "/v1/publications?all=true", token: tokens["reader"]).2).count == 1)
        }
    }

    @Test("GET /v1/changes says what changed since the previous run, grouped by aim or dimension, in JSON, text, CSV and Welsh, small numbers withheld from readers")
    func changesBetweenRuns() async throws {
        try await FeedRoutesTests.withApp(compute: false) { http, tokens in
            #expect(try await ReadRoutesTests.get(http, "/v1/changes", token: tokens["reader"]).0 == .serviceUnavailable)
            let base = """
                indicator,area,period,breakdown,numerator,denominator,note
                low_birth_weight,W92000004,2023,all,1631,27350,
                low_birth_weight,W06000013,2023,all,61,1178,

                """
            #expect(try await FeedRoutesTests.post(http, token: tokens["partner"], body: base).0 == .ok)
            #expect(try await Self.send(http, .post, "/v1/runs", token: tokens["admin"]).0 == .created)
            // Bridgend revised to 3 births: under the threshold of 5.
            #expect(try await FeedRoutesTests.post(http, token: tokens["partner"], body: """
                indicator,area,period,breakdown,numerator,denominator,note
                low_birth_weight,W06000013,2023,all,3,1178,r

                """).0 == .ok)
            #expect(try await Self.send(http, .post, "/v1/runs", token: tokens["admin"]).0 == .created)

            func revisedRow(_ body: String) throws -> [String: Any] {
                let json = try Self.object(body)
                let groups = try #require(json["groups"] as? [[String: Any]])
                #expect(groups.map { $0["key"] as? String } == ["1"])   // low birth weight serves aim 1
                let changes = try #require(groups.first?["changes"] as? [[String: Any]])
                return try #require(changes.first { $0["change"] as? String == "revised" })
            }
            let (status, _, readerBody) = try await ReadRoutesTests.get(http, "/v1/changes", token: tokens["reader"])
            #expect(status == .ok)
            let forReader = try revisedRow(readerBody)
            #expect(forReader["withheld"] as? Bool == true && forReader["old_value"] is NSNull && forReader["new_value"] is NSNull)
            let forAdmin = try revisedRow(try await ReadRoutesTests.get(http, "/v1/changes?area=W06000013", token: tokens["admin"]).2)
            #expect(forAdmin["withheld"] as? Bool == false && forAdmin["period"] as? String == "2023" && forAdmin["area"] as? String == "W06000013")
            #expect(abs((forAdmin["old_value"] as? Double ?? 0) - 61.0 / 1178 * 100) < 1e-9)
            #expect(abs((forAdmin["new_value"] as? Double ?? 0) - 3.0 / 1178 * 100) < 1e-9)

            let dimensions = try Self.object(try await ReadRoutesTests.get(http, "/v1/changes?group=dimension", token: tokens["admin"]).2)
            #expect((dimensions["groups"] as? [[String: Any]])?.compactMap { $0["key"] as? String } == ["a", "i"])
            let (_, _, csv) = try await ReadRoutesTests.get(http, "/v1/changes?format=csv", token: tokens["admin"])
            #expect(csv.hasPrefix(ChangeRowColumns.header) && csv.contains(",revised,2023,"))
            let (_, _, text) = try await ReadRoutesTests.get(http, "/v1/changes?format=text", token: tokens["reader"])
            #expect(text.contains("What changed since run 1 up to run 2: all areas") && text.contains("revised"))
            let (_, headers, welsh) = try await ReadRoutesTests.get(http, "/v1/changes?format=text&lang=cy", token: tokens["reader"])
            #expect(welsh.contains("Beth sydd wedi newid ers rhediad 1") && welsh.contains("diwygiwyd") && headers[.contentLanguage] == "cy")
            #expect(try await ReadRoutesTests.get(http, "/v1/changes?since_run=2&to_run=1", token: tokens["reader"]).0 == .badRequest)
            #expect(try await ReadRoutesTests.get(http, "/v1/changes?to_run=99", token: tokens["reader"]).0 == .notFound)
            #expect(try await ReadRoutesTests.get(http, "/v1/changes?group=partner", token: tokens["reader"]).0 == .badRequest)
            // Nothing changed between a run and itself.
            let same = try Self.object(try await ReadRoutesTests.get(http, "/v1/changes?since_run=2&to_run=2", token: tokens["admin"]).2)
            #expect(same["count"] as? Int == 0)
        }
    }
}

/// The CSV header of `/v1/changes`, written out (a renamed column must fail the test).
enum ChangeRowColumns {
    static let header = "group,group_title,indicator,title,area,breakdown,change,period,from,to,old_value,new_value,run,feed,published,reason,withheld,summary\n"
}
