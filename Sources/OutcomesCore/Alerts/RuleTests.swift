internal import Yams

/// promtool-style tests of an indicator's alert rules (`outcomesd test rules FILE…`).
///
/// ```yaml
/// indicator: low_birth_weight
/// tests:
///   - name: a value hovering at the line fires once
///     area: W06000015              # default Cardiff
///     breakdown: all               # default all
///     start: 2018                  # the first period, in the indicator's period type
///     values: "11 13 11.5 13 9"    # one per consecutive period; _ = no data; n/d = numerator/denominator
///     wales: "10 10 10 10 10"      # optional: the Wales series (for benchmark and red_red rules)
///     all: "…"                     # optional: all children in the area (for gap rules on a group)
///     expect:
///       - after: 2019
///         firing: [lbw_high]       # exactly these rules firing (default none)
///         pending: []              # checked when given
///         resolved: []             # checked when given
/// ```
/// Each expectation runs the measures engine and the evaluator over the series up to `after`,
/// from no stored state: the same code path as a daemon's run, without a database.
public struct RuleTestFile: Sendable {
    public struct Expectation: Sendable {
        public var after: Period
        public var firing: Set<String>
        public var pending: Set<String>?
        public var resolved: Set<String>?
        public var location: SourceLocation
    }

    public struct Case: Sendable {
        public var name: String
        public var area: String
        public var breakdown: String
        public var start: Period
        public var values: [Cell?]
        public var wales: [Cell?]?
        public var all: [Cell?]?
        public var expectations: [Expectation]
        public var location: SourceLocation
    }

    /// One period's figures: a value, or a numerator and denominator.
    public struct Cell: Sendable, Hashable {
        public var value: Double?
        public var numerator: Double?
        public var denominator: Double?
    }

    public var path: String
    public var indicator: Indicator
    public var cases: [Case]

    /// Reads a test file against the catalogue; every problem as `file:line:column`.
    public static func parse(_ file: SourceFile, catalogue: Catalogue) throws(CatalogueError) -> RuleTestFile {
        let (r, root) = YAMLReader.compose(file)
        var result: RuleTestFile?
        if let root, let f = r.fields(root, "a rule test file") {
            f.rejectUnknown(["indicator", "tests"])
            let indicator = f.required("indicator").flatMap { node -> Indicator? in
                guard let id = r.string(node, "indicator") else { return nil }
                guard let indicator = catalogue.indicator(id) else {
                    r.report(node, "unknown indicator '\(id)'; see `outcomesd catalogue`")
                    return nil
                }
                return indicator
            }
            if let indicator, let list = f.required("tests"), let items = r.items(list, "tests") {
                let cases = items.compactMap { readCase($0, r, indicator: indicator, catalogue: catalogue) }
                result = RuleTestFile(path: file.path, indicator: indicator, cases: cases)
            }
        }
        guard r.issues.isEmpty, let result else { throw CatalogueError(issues: r.issues) }
        return result
    }

    private static func readCase(_ node: Node, _ r: YAMLReader, indicator: Indicator, catalogue: Catalogue) -> Case? {
        guard let f = r.fields(node, "a test") else { return nil }
        f.rejectUnknown(["name", "area", "breakdown", "start", "values", "wales", "all", "expect"])
        let name = f.required("name").flatMap { r.string($0, "name") }
        let area = f["area"].flatMap { node -> String? in
            guard let code = r.string(node, "area") else { return nil }
            if catalogue.area(code) == nil { r.report(node, "unknown area '\(code)'; see areas.yaml") ; return nil }
            return code
        } ?? "W06000015"
        let breakdown = f["breakdown"].flatMap { node -> String? in
            guard let key = r.string(node, "breakdown") else { return nil }
            if !indicator.breakdowns.contains(key) {
                r.report(node, "breakdown '\(key)' is not reported for \(indicator.id); its breakdowns: \(indicator.breakdowns.joined(separator: ", "))")
                return nil
            }
            return key
        } ?? Breakdown.allKey
        let start = f.required("start").flatMap { period($0, r, indicator) }
        let values = f.required("values").flatMap { series($0, r, "values") }
        let wales = f["wales"].flatMap { series($0, r, "wales") }
        let all = f["all"].flatMap { series($0, r, "all") }
        var expectations: [Expectation] = []
        if let list = f.required("expect"), let items = r.items(list, "expect") {
            for item in items {
                guard let e = r.fields(item, "an expectation") else { continue }
                e.rejectUnknown(["after", "firing", "pending", "resolved"])
                guard let after = e.required("after").flatMap({ period($0, r, indicator) }) else { continue }
                func names(_ key: String) -> Set<String>? {
                    guard let node = e[key], let items = r.items(node, key) else { return nil }
                    var set: Set<String> = []
                    for item in items {
                        guard let name = r.string(item, key) else { continue }
                        if !indicator.alerts.contains(where: { $0.name == name }) {
                            r.report(item, "\(indicator.id) has no alert rule '\(name)'; its rules: \(indicator.alerts.map(\.name).joined(separator: ", "))")
                        }
                        set.insert(name)
                    }
                    return set
                }
                expectations.append(Expectation(after: after, firing: names("firing") ?? [], pending: names("pending"),
                                                resolved: names("resolved"), location: r.location(item)))
            }
        }
        guard let name, let start, let values else { return nil }
        return Case(name: name, area: area, breakdown: breakdown, start: start, values: values, wales: wales, all: all,
                    expectations: expectations, location: r.location(node))
    }

    private static func period(_ node: Node, _ r: YAMLReader, _ indicator: Indicator) -> Period? {
        guard let text = r.string(node, "period") else { return nil }
        do { return try Period.parse(text, as: indicator.periodType) } catch {
            r.report(node, "\(error.description)")
            return nil
        }
    }

    private static func series(_ node: Node, _ r: YAMLReader, _ field: String) -> [Cell?]? {
        guard let text = r.string(node, field) else { return nil }
        var cells: [Cell?] = []
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if word == "_" { cells.append(nil); continue }
            let parts = word.split(separator: "/", omittingEmptySubsequences: false)
            if parts.count == 2, let n = Double(parts[0]), let d = Double(parts[1]), d > 0 {
                cells.append(Cell(value: nil, numerator: n, denominator: d))
            } else if parts.count == 1, let v = Double(word), v.isFinite {
                cells.append(Cell(value: v, numerator: nil, denominator: nil))
            } else {
                r.report(node, "'\(field)': '\(word)' is not a value; accepted: a number, n/d (numerator/denominator) or _ (no data)")
                return nil
            }
        }
        return cells
    }
}

/// Runs a ``RuleTestFile``: one outcome per expectation.
public enum RuleTestRunner {
    public struct Outcome: Sendable {
        public var test: String
        public var location: SourceLocation
        public var after: Period
        /// nil when the expectation holds; else what differed.
        public var failure: String?
    }

    public static func run(_ file: RuleTestFile, catalogue: Catalogue) -> [Outcome] {
        var areaIDs: [String: Int32] = [:]
        for (i, area) in catalogue.areas.enumerated() { areaIDs[area.code] = Int32(i) }
        var breakdownIDs: [String: Int16] = [:]
        for (i, b) in catalogue.breakdowns.enumerated() { breakdownIDs[b.key] = Int16(i) }
        let indicator = file.indicator
        var outcomes: [Outcome] = []
        for test in file.cases {
            guard let area = areaIDs[test.area], let breakdown = breakdownIDs[test.breakdown],
                  let all = breakdownIDs[Breakdown.allKey], let wales = areaIDs[ComputeContext.walesCode] else { continue }
            for e in test.expectations {
                let today = e.after.lastDay
                let context = ComputeContext(catalogue: catalogue, indicatorIDs: [indicator.id: 1], areaIDs: areaIDs,
                                             breakdownIDs: breakdownIDs, today: today)
                var points = Self.points(test.values, area: area, breakdown: breakdown, start: test.start, through: e.after)
                if let w = test.wales, test.area != ComputeContext.walesCode {
                    points += Self.points(w, area: wales, breakdown: breakdown, start: test.start, through: e.after)
                }
                if let a = test.all, breakdown != all {
                    points += Self.points(a, area: area, breakdown: all, start: test.start, through: e.after)
                }
                let rows = MeasureEngine.compute(indicator: indicator, points: points, context: context)
                    .filter { $0.area == area && $0.breakdown == breakdown }
                let updates = AlertEvaluator(context: context, settings: AlertSettings()).evaluate(indicator, rows: rows, stored: [:])
                func rules(_ state: AlertStateName) -> Set<String> { Set(updates.filter { $0.record.state == state }.map(\.record.rule)) }
                var problems: [String] = []
                func check(_ label: String, _ expected: Set<String>?, _ state: AlertStateName) {
                    guard let expected, expected != rules(state) else { return }
                    problems.append("\(label): expected [\(expected.sorted().joined(separator: ", "))], got [\(rules(state).sorted().joined(separator: ", "))]")
                }
                check("firing", e.firing, .firing)
                check("pending", e.pending, .pending)
                check("resolved", e.resolved, .resolved)
                outcomes.append(Outcome(test: test.name, location: e.location, after: e.after,
                                        failure: problems.isEmpty ? nil : problems.joined(separator: "; ")))
            }
        }
        return outcomes
    }

    static func points(_ cells: [RuleTestFile.Cell?], area: Int32, breakdown: Int16, start: Period, through end: Period) -> [ObservationPoint] {
        var out: [ObservationPoint] = []
        for (i, cell) in cells.enumerated() {
            let period = start.advanced(by: i)
            guard period <= end, let cell else { continue }
            out.append(ObservationPoint(indicator: 1, area: area, breakdown: breakdown, period: period, numerator: cell.numerator,
                                        denominator: cell.denominator, value: cell.value, lower: nil, upper: nil, notes: ""))
        }
        return out
    }
}
