import Foundation
import OutcomesCore
import OutcomesFeeds

/// The fuzz targets' bodies: each takes one input's bytes and feeds them to a real parser.
///
/// The libFuzzer executables (`Fuzz/Fuzz*/main.swift`, built by `scripts/fuzz`) and the corpus
/// replay test (`Tests/OutcomesFeedsTests/FuzzCorpusReplayTests.swift`) call these very functions,
/// so CI replays the committed corpus (`Tests/Fuzz/<target>/`) through the fuzzed code.
///
/// A refusal with a typed error is a normal outcome; a trap (a crash of the process), a sanitizer
/// report, or a broken invariant checked here (`fuzzCheck`, which traps) is a finding.
public enum FuzzTargets {
    /// The targets by name, as `scripts/fuzz` and the replay test know them.
    public static let all: [(name: String, run: @Sendable ([UInt8]) -> Void)] = [
        ("FuzzCSV", csv),
        ("FuzzJSONFeed", jsonFeed),
        ("FuzzPeriod", period),
        ("FuzzCatalogue", catalogue),
        ("FuzzAlertRules", alertRules),
    ]

    /// The repository root: from `OUTCOMESD_ROOT`, else found from this file's path at build time.
    public static let root: String = {
        if let root = ProcessInfo.processInfo.environment["OUTCOMESD_ROOT"], !root.isEmpty { return root }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }()

    /// The real catalogue folder's files, read once per process.
    static let sources: CatalogueSources = {
        let (sources, issues) = CatalogueFolder.read("\(root)/Indicators")
        guard issues.isEmpty, sources.aims != nil else {
            fatalError("fuzz fixtures: cannot read \(root)/Indicators (set OUTCOMESD_ROOT): \(issues)")
        }
        return sources
    }()

    /// The real catalogue, loaded once per process.
    static let realCatalogue: Catalogue = {
        do { return try CatalogueLoader.load(sources) } catch { fatalError("fuzz fixtures: the catalogue does not load: \(error)") }
    }()

    /// A fixed "today" so a run is deterministic.
    static let today = CivilDate(year: 2026, month: 11, day: 30)!

    /// Traps (a finding) when an invariant the parsers promise does not hold.
    static func fuzzCheck(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        if !condition() { fatalError("fuzz invariant broken: \(message())") }
    }

    // MARK: CSV

    /// The CSV feed reader with a row validator over the real catalogue (no partner: every
    /// indicator). The whole input is the feed; its last byte picks where it is cut in two chunks,
    /// and the outcome must be the same as reading it in one chunk (then byte by byte up to 4 KiB).
    ///
    /// Inputs are at most 16 KiB, under the 64 KiB cell limit, so an input holding byte 0x01 is
    /// also read inflated (each 0x01 as 4,096 'x'; see ``inflated(_:)``), cut where the last byte
    /// says in proportion, to reach `cell_too_long` and the parser's bounded over-long cell.
    @Sendable public static func csv(_ data: [UInt8]) {
        let whole = readCSV(data, cuts: [])
        let cut = data.last.map { Int($0) % (data.count + 1) } ?? 0
        let split = readCSV(data, cuts: [cut])
        fuzzCheck(whole == split, "CSV read in one chunk differs from two chunks cut at \(cut): \(whole) vs \(split)")
        if data.count <= 512 {
            let bytewise = readCSV(data, cuts: Array(0...data.count))
            fuzzCheck(whole == bytewise, "CSV read in one chunk differs from byte by byte: \(whole) vs \(bytewise)")
        }
        if let big = inflated(data) {
            let bigWhole = readCSV(big, cuts: [])
            let bigCut = cut * big.count / max(data.count, 1)
            let bigSplit = readCSV(big, cuts: [bigCut])
            fuzzCheck(bigWhole == bigSplit, "inflated CSV read in one chunk differs from two cut at \(bigCut): \(bigWhole) vs \(bigSplit)")
        }
    }

    /// `data` with each byte 0x01 replaced by 4,096 'x' (16 of them make a cell over the 64 KiB
    /// limit), or nil when it holds none.
    static func inflated(_ data: [UInt8]) -> [UInt8]? {
        guard data.contains(0x01) else { return nil }
        var big: [UInt8] = []
        big.reserveCapacity(data.count + 4_096 * 20)
        for byte in data {
            if byte == 0x01 { big.append(contentsOf: repeatElement(UInt8(ascii: "x"), count: 4_096)) } else { big.append(byte) }
        }
        return big
    }

    enum CSVOutcome: Equatable, CustomStringConvertible {
        case batch(FeedBatch, rowsSeen: Int)
        case failed(FeedFileError)
        var description: String {
            switch self {
            case let .batch(batch, rowsSeen): "\(batch.rows.count) rows, \(batch.errors.map(\.code)) (\(rowsSeen) seen)"
            case let .failed(error): "file error \(error.code): \(error.message)"
            }
        }
    }

    static func readCSV(_ data: [UInt8], cuts: [Int]) -> CSVOutcome {
        var reader = CSVFeedReader(validator: RowValidator(catalogue: realCatalogue, partner: nil, today: today))
        var batch = FeedBatch()
        do throws(FeedFileError) {
            var start = 0
            for cut in cuts + [data.count] where cut >= start {
                batch.append(try reader.consume(data[start..<cut]))
                start = cut
            }
            batch.append(try reader.finish())
            fuzzCheck(batch.rows.count <= reader.rowsSeen, "more rows than records")
            return .batch(batch, rowsSeen: reader.rowsSeen)
        } catch {
            // The reader stays failed with the same error.
            do throws(FeedFileError) {
                _ = try reader.finish()
                fuzzCheck(false, "finish() after a file error did not throw")
            } catch let again {
                fuzzCheck(again == error, "a failed reader threw another error: \(again) after \(error)")
            }
            return .failed(error)
        }
    }

    // MARK: JSON

    /// The JSON feed reader with a row validator over the real catalogue (no partner).
    /// An input holding byte 0x01 is also read inflated (see ``inflated(_:)``), for `cell_too_long`.
    @Sendable public static func jsonFeed(_ data: [UInt8]) {
        readJSON(data)
        if let big = inflated(data) { readJSON(big) }
    }

    static func readJSON(_ data: [UInt8]) {
        var validator = RowValidator(catalogue: realCatalogue, partner: nil, today: today)
        do throws(FeedFileError) {
            let batch = try JSONFeedReader.read(data, validator: &validator)
            fuzzCheck(!batch.isEmpty, "a JSON feed read with neither rows nor errors")
        } catch {
            fuzzCheck(!error.code.isEmpty, "a file error without a code")
        }
    }

    // MARK: Periods

    /// `Period.parse` for every type and `Period.detect` on the input as text; a parsed period
    /// must print back to a spelling that parses to itself, and step, bound and order sanely.
    @Sendable public static func period(_ data: [UInt8]) {
        let text = String(decoding: data, as: UTF8.self)
        let detected = Period.detect(text)
        for type in PeriodType.allCases {
            do throws(PeriodError) {
                let period = try Period.parse(text, as: type)
                fuzzCheck(period.type == type, "parse(as: \(type)) gave a \(period.type) period")
                check(period)
            } catch {
                switch error {
                case let .wrongType(_, found, expected):
                    fuzzCheck(found != expected && detected?.type != nil, "wrongType without another type: \(error)")
                case .malformed:
                    break
                }
                _ = error.description
            }
        }
        if let detected {
            check(detected)
            fuzzCheck((try? Period.parse(text, as: detected.type)) == detected, "detect and parse disagree on '\(text)'")
        }
    }

    static func check(_ period: Period) {
        let spelled = period.description
        fuzzCheck((try? Period.parse(spelled, as: period.type)) == period, "'\(spelled)' does not parse back to \(period)")
        fuzzCheck(period.firstDay <= period.lastDay, "\(period) ends before it starts")
        fuzzCheck(period.previous < period && period < period.next, "\(period) does not order with its neighbours")
        fuzzCheck(period.next.previous == period, "\(period).next.previous is not itself")
        fuzzCheck(period.lastDay.adding(days: 1) == period.next.firstDay, "\(period) and its next are not adjacent")
        fuzzCheck(period.distance(to: period.advanced(by: 7)) == 7, "advanced(by:) and distance(to:) disagree")
    }

    // MARK: Catalogue

    /// The catalogue loader with the input as one of its YAML files: the first byte picks the file
    /// (0 an indicator file, 1 aims, 2 dimensions, 3 partners, 4 breakdowns, 5 areas, 6 alerts.yaml;
    /// modulo 7), the rest is its text; the other files are the real ones (one indicator).
    @Sendable public static func catalogue(_ data: [UInt8]) {
        guard let slot = data.first else { return }
        let file = SourceFile(path: "fuzz.yaml", text: String(decoding: data.dropFirst(), as: UTF8.self))
        var sources = CatalogueSources(folder: "Indicators", aims: Self.sources.aims, dimensions: Self.sources.dimensions,
                                       partners: Self.sources.partners, breakdowns: Self.sources.breakdowns,
                                       areas: Self.sources.areas, indicators: [Self.sources.indicators[0]],
                                       alerts: Self.sources.alerts)
        // The lint (`check --strict`) reads the fuzzed file alone: the real ones are known clean.
        var lint = CatalogueSources(folder: "Indicators")
        switch slot % 7 {
        case 0: sources.indicators = [file]; lint.indicators = [file]
        case 1: sources.aims = file; lint.aims = file
        case 2: sources.dimensions = file; lint.dimensions = file
        case 3: sources.partners = file; lint.partners = file
        case 4: sources.breakdowns = file; lint.breakdowns = file
        case 5: sources.areas = file; lint.areas = file
        default: sources.alerts = file
        }
        load(sources)
        _ = CatalogueLint.findings(lint)
    }

    static func load(_ sources: CatalogueSources) {
        do {
            let catalogue = try CatalogueLoader.load(sources)
            fuzzCheck(!catalogue.indicators.isEmpty, "a catalogue loaded without indicators")
        } catch {
            fuzzCheck(!error.issues.isEmpty, "a catalogue refused without an issue")
            _ = error.description
        }
    }

    // MARK: Alert rules

    /// The alert rule readers: the first byte picks (modulo 3) the input as 0 the `alerts:` list
    /// of a real indicator (mmr1_by_age_2, its own list removed), 1 the catalogue's `alerts.yaml`,
    /// or 2 a rule test file against the real catalogue (run when it parses); the rest is its text.
    @Sendable public static func alertRules(_ data: [UInt8]) {
        guard let mode = data.first else { return }
        let text = String(decoding: data.dropFirst(), as: UTF8.self)
        switch mode % 3 {
        case 0:
            let indicator = SourceFile(path: "indicators/mmr1_by_age_2.yaml", text: indicatorHead + "alerts:\n" + text)
            load(CatalogueSources(folder: "Indicators", aims: sources.aims, dimensions: sources.dimensions,
                                  partners: sources.partners, breakdowns: sources.breakdowns, areas: sources.areas,
                                  indicators: [indicator], alerts: sources.alerts))
        case 1:
            load(CatalogueSources(folder: "Indicators", aims: sources.aims, dimensions: sources.dimensions,
                                  partners: sources.partners, breakdowns: sources.breakdowns, areas: sources.areas,
                                  indicators: [sources.indicators[0]], alerts: SourceFile(path: "alerts.yaml", text: text)))
        default:
            do {
                let file = try RuleTestFile.parse(SourceFile(path: "tests/fuzz.yaml", text: text), catalogue: realCatalogue)
                // Bounded: a test's series is evaluated period by period.
                guard file.cases.reduce(0, { $0 + $1.values.count + $1.expectations.count }) <= 2_000 else { return }
                _ = RuleTestRunner.run(file, catalogue: realCatalogue)
            } catch {
                fuzzCheck(!error.issues.isEmpty, "a rule test file refused without an issue")
            }
        }
    }

    /// mmr1_by_age_2.yaml up to (without) its `alerts:` list.
    static let indicatorHead: String = {
        guard let file = sources.indicators.first(where: { $0.fileName == "mmr1_by_age_2.yaml" }),
              let range = file.text.range(of: "\nalerts:\n") else {
            fatalError("fuzz fixtures: Indicators/indicators/mmr1_by_age_2.yaml with an alerts: list is needed")
        }
        return String(file.text[..<range.lowerBound]) + "\n"
    }()

    // MARK: Replay

    /// Runs every file named in `paths` (files, or folders of files) through `target`; returns how
    /// many inputs ran. Used by the executables when built without libFuzzer.
    public static func replay(_ paths: [String], _ target: ([UInt8]) -> Void) -> Int {
        var count = 0
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                FileHandle.standardError.write(Data("no such file: \(path)\n".utf8))
                continue
            }
            let files = isDirectory.boolValue
                ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted().map { "\(path)/\($0)" }
                : [path]
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else { continue }
                target(Array(data))
                count += 1
            }
        }
        return count
    }
}
