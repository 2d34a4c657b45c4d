import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Glibc
import Testing
import OutcomesTestSupport

/// The pages in a real browser (issue 15): the daemon serves the sample feeds' run, and Debian's
/// headless chromium loads Cardiff's profile in English and a series in Welsh from it, prints the
/// DOM it built (checked for the charts) and takes screenshots, kept in
/// /tmp/outcomesd-screenshots for a person to look at.
@Suite("Area profiles in a headless browser", .serialized)
struct BrowserTests {
    let catalogue = TestCluster.repositoryRoot + "/Indicators"
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let screenshots = "/tmp/outcomesd-screenshots"

    /// Runs chromium headless with `arguments` + `url`; its standard output and exit status.
    static func chromium(_ arguments: [String], _ url: String, profile: String) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium ?? "/usr/bin/chromium")
        process.arguments = ["--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars", "--no-first-run",
                             "--user-data-dir=" + profile] + arguments + [url]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func get(_ url: String, token: String? = nil, method: String = "GET") async throws -> (Int, String) {
        var request = URLRequest(url: try #require(URL(string: url)))
        request.httpMethod = method
        request.timeoutInterval = 60
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    @Test("chromium loads Cardiff's profile (English) and a series (Welsh) from the running daemon: charts in the DOM, screenshots saved",
          .enabled(if: chromium != nil, "chromium is not installed (scripts/install-deps installs it): the pages are not loaded in a browser"),
          .timeLimit(.minutes(5)))
    func profileInBrowser() async throws {
        let root = try DaemonProcess.tempFolder("browser")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let state = root + "/state"
        let config = root + "/outcomesd.yaml"
        try Data("compute:\n  debounce_seconds: 1\nserving:\n  anonymous_read: true\nfeeds:\n  spool_interval_seconds: 1\n".utf8)
            .write(to: URL(fileURLWithPath: config))
        let port = DaemonProcess.freePort()
        let serve = try DaemonProcess.startServe(stateDir: state, catalogue: catalogue, port: port, log: root + "/serve.log",
                                                 extra: ["--config", config])
        defer { kill(serve.processIdentifier, SIGKILL) }
        #expect(await DaemonProcess.waitReady(port: port, seconds: 90))
        // Every partner's sample feeds into the spool, each written elsewhere and renamed in.
        let samples = TestCluster.repositoryRoot + "/Indicators/samples"
        var dropped = 0
        for partner in try FileManager.default.contentsOfDirectory(atPath: samples).sorted() {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: samples + "/" + partner, isDirectory: &isFolder), isFolder.boolValue else { continue }
            for file in try FileManager.default.contentsOfDirectory(atPath: samples + "/" + partner).sorted() where file.hasSuffix(".csv") {
                try SpoolTests.drop(try String(contentsOfFile: samples + "/" + partner + "/" + file, encoding: .utf8),
                                    state: state, partner: partner, name: file)
                dropped += 1
            }
        }
        #expect(dropped > 30)
        // The event: every file archived (ingested and committed).
        let archive = state + "/spool/archive"
        func archived() -> Int {
            SpoolTests.files(archive).reduce(0) { $0 + SpoolTests.files(archive + "/" + $1).count }
        }
        #expect(await DaemonProcess.waitUntil(seconds: 180) { archived() == dropped }, "archived \(archived()) of \(dropped)")
        // Then a run that certainly includes them all: started by an admin after they were in.
        let created = try await DaemonProcess.run(["token", "create", "--state-dir", state, "--catalogue", catalogue, "--role", "admin", "--name", "e2e"])
        let admin = created.out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(created.status == 0 && admin.hasPrefix("od_"), "\(created.err)")
        // 409 while the spool's own run is computing: try again until this one runs.
        #expect(try await DaemonProcess.waitUntil(seconds: 120) {
            try await Self.get("http://127.0.0.1:\(port)/v1/runs", token: admin, method: "POST").0 == 201
        })

        try FileManager.default.createDirectory(atPath: Self.screenshots, withIntermediateDirectories: true)
        let base = "http://127.0.0.1:\(port)"
        // With every sample feed in, the largest pages stay under 150 KB.
        for path in ["/", "/profiles/W06000015?by=dimension", "/profiles/W06000015?by=dimension&lang=cy", "/profiles/W92000004?by=dimension",
                     "/profiles/W11000029", "/profiles/W06000015/indicators/looked_after_rate"] {
            let (status, html) = try await Self.get(base + path)
            print("page \(path): \(html.utf8.count) bytes")
            #expect(status == 200 && html.utf8.count < 150_000, "\(path): \(status), \(html.utf8.count) bytes")
        }
        let pages = [("profile-en", "/profiles/W06000015?lang=en"), ("series-cy", "/profiles/W06000015/indicators/low_birth_weight?lang=cy")]
        for (name, path) in pages {
            let (status, html) = try await Self.get(base + path)
            #expect(status == 200, "\(path)")
            print("page \(path): \(html.utf8.count) bytes")
            #expect(html.utf8.count < 150_000)
            let (dumped, dom) = try await blocking { try Self.chromium(["--dump-dom"], base + path, profile: root + "/chromium-" + name) }
            #expect(dumped == 0)
            if name == "profile-en" {
                #expect(dom.contains("<html lang=\"en\">") && dom.contains("<h1>Cardiff</h1>"))
                let spines = dom.components(separatedBy: "<svg class=\"spine\"").count - 1
                #expect(spines >= 20, "spine charts in the DOM: \(spines)")
                #expect(dom.contains("class=\"m better\"") || dom.contains("class=\"m similar\"") || dom.contains("class=\"m worse\""),
                        "an area marker coloured by its comparison")
                #expect(dom.contains("class=\"wales\"") && dom.contains("class=\"iqr\""))
            } else {
                #expect(dom.contains("<html lang=\"cy\">") && dom.contains("Gwerthoedd") && dom.contains("Caerdydd"))
                #expect(dom.contains("<svg class=\"line\"") && dom.contains("class=\"band\"") && dom.contains("class=\"wales\""))
                #expect(dom.contains("<desc id=\"seriesd\">"))
            }
            let png = Self.screenshots + "/" + name + ".png"
            try? FileManager.default.removeItem(atPath: png)
            let (shot, _) = try await blocking {
                try Self.chromium(["--screenshot=" + png, "--window-size=1280,2000"], base + path, profile: root + "/chromium-" + name)
            }
            #expect(shot == 0)
            let data = try Data(contentsOf: URL(fileURLWithPath: png))
            #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]) && data.count > 30_000, "\(png): \(data.count) bytes")
            print("screenshot \(png): \(data.count) bytes")
        }
        kill(serve.processIdentifier, SIGTERM)
        #expect(await DaemonProcess.waitExit(serve, seconds: 60) == 0)
    }
}
