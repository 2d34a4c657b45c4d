internal import Yams

/// Reads the `alerts:` list of one indicator file and checks every rule against the indicator and
/// the catalogue, each problem at its `file:line:column`: an unknown kind or key, a missing level,
/// `clear` on the wrong side of the fire level, `for < 1`, an unknown area or breakdown, an unknown
/// `{placeholder}`, a `target` rule without a target, a judgement rule on a no-judgement indicator.
struct AlertRuleReader {
    static let commonKeys = ["name", "kind", "for", "keep_firing_for", "severity", "areas", "breakdowns", "summary",
                             "summary_cy", "source"]
    static let kindKeys: [AlertRule.Kind: [String]] = [
        .threshold: ["above", "below", "clear"],
        .change: ["by", "by_percent", "direction"],
        .benchmark: ["against", "level"],
        .trend: [], .redRed: [], .target: [], .gap: [],
    ]

    let reader: YAMLReader
    /// Declared area codes, or nil when areas.yaml failed.
    let areaCodes: Set<String>?
    /// Declared priority-group breakdown keys, or nil when breakdowns.yaml failed.
    let priorityGroups: Set<String>?

    /// The rules, or nil after reporting a problem in any of them.
    func read(_ node: Node, indicator: Indicator) -> [AlertRule]? {
        let r = reader
        guard let items = r.items(node, "alerts") else { return nil }
        let before = r.issues.count
        var rules: [AlertRule] = []
        var names: [String: Node] = [:]
        for item in items {
            guard let rule = readRule(item, indicator: indicator) else { continue }
            if let first = names[rule.name] {
                r.report(item, "duplicate alert name '\(rule.name)' in this indicator (first at line \(r.location(first).line))")
                continue
            }
            names[rule.name] = item
            rules.append(rule)
        }
        return r.issues.count == before ? rules : nil
    }

    private func readRule(_ node: Node, indicator: Indicator) -> AlertRule? {
        let r = reader
        guard let f = r.fields(node, "an alert rule") else { return nil }
        let before = r.issues.count
        let name = f.required("name").flatMap { nameNode -> String? in
            guard let name = r.string(nameNode, "name") else { return nil }
            if !Indicator.isWellFormedID(name) || name == AlertSettings.lateFeedRuleName {
                r.report(nameNode, "alert name '\(name)' must be 3–64 lower-case letters, digits or _, starting with a letter (and not '\(AlertSettings.lateFeedRuleName)')")
                return nil
            }
            return name
        }
        guard let kindNode = f.required("kind"), let kind = r.choice(kindNode, "kind", RuleKind.self)?.kind else { return nil }
        f.rejectUnknown(Self.commonKeys + (Self.kindKeys[kind] ?? []))

        var rule = AlertRule(name: name ?? "", kind: kind)
        if kind.needsJudgement, indicator.polarity == .noJudgement {
            r.report(kindNode, "a \(kind.rawValue) rule judges better and worse, but this indicator's polarity is no_judgement; use threshold or change")
        }
        switch kind {
        case .threshold: readThreshold(f, kindNode: kindNode, into: &rule)
        case .change: readChange(f, kindNode: kindNode, indicator: indicator, into: &rule)
        case .benchmark:
            if let against = f["against"].flatMap({ r.choice($0, "against", AlertRule.Benchmark.self) }) { rule.against = against }
            if let node = f["level"], let text = r.string(node, "level") {
                switch text {
                case "95": rule.confidence = .percent95
                case "99.8": rule.confidence = .percent99_8
                default: r.report(node, "unknown level '\(text)'; accepted: 95, 99.8")
                }
            }
        case .target:
            if indicator.target == nil {
                r.report(kindNode, "a target rule needs the indicator to have a 'target'; this one has none")
            }
        case .trend, .redRed, .gap, .lateFeed:
            break
        }
        if let n = f["for"].flatMap({ r.int($0, "for", in: 1...120) }) { rule.forPeriods = n }
        if let n = f["keep_firing_for"].flatMap({ r.int($0, "keep_firing_for", in: 0...120) }) { rule.keepFiringFor = n }
        if let s = f["severity"].flatMap({ r.choice($0, "severity", AlertRule.Severity.self) }) { rule.severity = s }
        if let node = f["areas"] { rule.areas = readAreas(node) ?? rule.areas }
        if let node = f["breakdowns"] {
            rule.breakdowns = readBreakdowns(node, kind: kind, indicator: indicator) ?? rule.breakdowns
        } else if kind == .gap {
            r.report(node, "a gap rule must name its priority groups in 'breakdowns' (of this indicator's: \(indicator.breakdowns.filter { $0 != Breakdown.allKey }.joined(separator: ", ")))")
        }
        rule.summary = f["summary"].flatMap { template($0, "summary") }
        rule.summaryCy = f["summary_cy"].flatMap { template($0, "summary_cy") }
        rule.source = f["source"].flatMap { r.string($0, "source") }
        return r.issues.count == before ? rule : nil
    }

    private func readThreshold(_ f: YAMLFields, kindNode: Node, into rule: inout AlertRule) {
        let r = reader
        switch (f["above"], f["below"]) {
        case let (above?, nil): rule.side = .above; rule.level = r.double(above, "above")
        case let (nil, below?): rule.side = .below; rule.level = r.double(below, "below")
        case (_?, _?): r.report(f.node, "a threshold rule takes 'above' or 'below', not both")
        case (nil, nil): r.report(kindNode, "a threshold rule needs 'above: LEVEL' or 'below: LEVEL'")
        }
        guard let node = f["clear"], let clear = r.double(node, "clear"), let level = rule.level, let side = rule.side else { return }
        switch side {
        case .above where clear > level:
            r.report(node, "'clear' (\(clear)) must be at or below the fire level 'above: \(level)': the alert resolves when the value falls back past it")
        case .below where clear < level:
            r.report(node, "'clear' (\(clear)) must be at or above the fire level 'below: \(level)': the alert resolves when the value rises back past it")
        default: rule.clearLevel = clear
        }
    }

    private func readChange(_ f: YAMLFields, kindNode: Node, indicator: Indicator, into rule: inout AlertRule) {
        let r = reader
        switch (f["by"], f["by_percent"]) {
        case let (by?, nil):
            if let x = r.double(by, "by") {
                if x > 0 { rule.changeSize = .absolute(x) } else { r.report(by, "'by' must be above 0 (the size of a worsening change), got \(x)") }
            }
        case let (nil, pct?):
            if let x = r.double(pct, "by_percent") {
                if x > 0 { rule.changeSize = .percent(x) } else { r.report(pct, "'by_percent' must be above 0, got \(x)") }
            }
        case (_?, _?): r.report(f.node, "a change rule takes 'by' or 'by_percent', not both")
        case (nil, nil): r.report(kindNode, "a change rule needs 'by: AMOUNT' (in the indicator's unit) or 'by_percent: PERCENT'")
        }
        if let node = f["direction"], let text = r.string(node, "direction") {
            switch text {
            case "up": rule.direction = .above
            case "down": rule.direction = .below
            default: r.report(node, "unknown direction '\(text)'; accepted: up, down")
            }
            if indicator.polarity != .noJudgement {
                r.report(node, "'direction' is for no-judgement indicators; this one's polarity (\(indicator.polarity.rawValue)) already says which way is worse")
            }
        } else if indicator.polarity == .noJudgement {
            r.report(kindNode, "a change rule on a no-judgement indicator needs 'direction: up' or 'direction: down'")
        }
    }

    private func readAreas(_ node: Node) -> AlertRule.Areas? {
        let r = reader
        guard let items = r.items(node, "areas"), !items.isEmpty else {
            if case .sequence = node { r.report(node, "'areas' must list at least one area") }
            return nil
        }
        var areas = AlertRule.Areas(codes: [], kinds: [])
        var ok = true
        for item in items {
            guard let text = r.string(item, "areas") else { ok = false; continue }
            if let kind = AlertRule.Areas.words[text] {
                areas.kinds.insert(kind)
            } else if areaCodes.map({ $0.contains(text) }) ?? Area.isWellFormedCode(text) {
                areas.codes.insert(text)
            } else {
                r.report(item, "unknown area '\(text)'; accepted: an area code from areas.yaml, wales, health_boards, local_authorities")
                ok = false
            }
        }
        return ok ? areas : nil
    }

    private func readBreakdowns(_ node: Node, kind: AlertRule.Kind, indicator: Indicator) -> [String]? {
        let r = reader
        guard let items = r.items(node, "breakdowns"), !items.isEmpty else {
            if case .sequence = node { r.report(node, "'breakdowns' must list at least one breakdown") }
            return nil
        }
        var keys: [String] = []
        for item in items {
            guard let key = r.string(item, "breakdowns") else { continue }
            guard indicator.breakdowns.contains(key) else {
                r.report(item, "breakdown '\(key)' is not reported for this indicator; its breakdowns: \(indicator.breakdowns.joined(separator: ", "))")
                continue
            }
            if kind == .gap, key == Breakdown.allKey || !(priorityGroups.map { $0.contains(key) } ?? true) {
                r.report(item, "a gap rule compares a priority group with all children; '\(key)' is not a priority group")
                continue
            }
            keys.append(key)
        }
        return keys.count == items.count ? keys : nil
    }

    private func template(_ node: Node, _ field: String) -> String? {
        guard let text = reader.string(node, field) else { return nil }
        let unknown = AlertTemplate.unknownPlaceholders(in: text)
        if !unknown.isEmpty {
            reader.report(node, "unknown placeholder\(unknown.count == 1 ? "" : "s") \(unknown.map { "{\($0)}" }.joined(separator: ", ")) in '\(field)'; accepted: \(AlertTemplate.placeholders.map { "{\($0)}" }.joined(separator: ", "))")
            return nil
        }
        return text
    }

    /// The kinds a catalogue file may write (late_feed is the global rule's).
    enum RuleKind: String, CaseIterable {
        case threshold, change, benchmark, trend, target, gap
        case redRed = "red_red"

        var kind: AlertRule.Kind {
            switch self {
            case .threshold: .threshold
            case .change: .change
            case .benchmark: .benchmark
            case .trend: .trend
            case .redRed: .redRed
            case .target: .target
            case .gap: .gap
            }
        }
    }
}
