internal import Yams

/// Reads one `indicators/<id>.yaml` file and checks it against the declared reference data.
struct IndicatorReader {
    /// What the reference files declared; nil when that file failed (its references go unchecked).
    struct Known {
        var aims: Set<Int>?
        var dimensions: Set<String>?
        var partners: [String]?
        var breakdowns: [String]?
        /// Declared area codes and priority-group breakdowns, for alert rules.
        var areaCodes: Set<String>? = nil
        var priorityGroups: Set<String>? = nil
    }

    static let fields = ["id", "title", "definition", "type", "multiplier", "unit", "polarity", "aims",
                         "dimensions", "partner", "period_type", "breakdowns", "valid_range",
                         "small_number_threshold", "source", "target", "publication_lag_months", "alerts",
                         "discontinued"]

    let reader: YAMLReader
    let known: Known
    let file: SourceFile

    func read(_ root: Node) -> Located<Indicator>? {
        let r = reader
        guard let f = r.fields(root, "an indicator") else { return nil }
        f.rejectUnknown(Self.fields)
        let before = r.issues.count

        let idNode = f.required("id")
        let id = idNode.flatMap { r.string($0, "id") }
        if let id, let idNode {
            if !Indicator.isWellFormedID(id) {
                r.report(idNode, "indicator id '\(id)' must be 3–64 lower-case letters, digits or _, starting with a letter")
            } else if file.fileName != "\(id).yaml" {
                r.report(idNode, "indicator id '\(id)' must match its file name (expected \(id).yaml, found \(file.fileName))")
            }
        }
        let title = f.required("title").flatMap { r.localized($0, "title") }
        let definition = f.required("definition").flatMap { r.string($0, "definition") }
        let kind = f.required("type").flatMap { r.choice($0, "type", Indicator.Kind.self) }
        let multiplierNode = f.required("multiplier")
        let multiplier = multiplierNode.flatMap { r.double($0, "multiplier") }
        let unit = f.required("unit").flatMap { r.string($0, "unit") }
        let polarity = f.required("polarity").flatMap { r.choice($0, "polarity", Indicator.Polarity.self) }
        let aims = f.required("aims").flatMap { aimList($0) }
        let dimensions = f.required("dimensions").flatMap { dimensionList($0) }
        let partner = f.required("partner").flatMap { keyRef($0, "partner", known.partners, file: "partners.yaml") }
        let periodType = f.required("period_type").flatMap { r.choice($0, "period_type", PeriodType.self) }
        let breakdowns = f.required("breakdowns").flatMap { breakdownList($0) }
        let range = f.required("valid_range").flatMap { validRange($0) }
        let threshold = f["small_number_threshold"].flatMap { r.int($0, "small_number_threshold", in: 0...1000) }
        let source = f.required("source").flatMap { r.string($0, "source") }
        let target = f["target"].flatMap { r.double($0, "target") }
        let lag = f["publication_lag_months"].flatMap { r.int($0, "publication_lag_months", in: 0...120) }
        let discontinued = f["discontinued"].flatMap { node in periodType.flatMap { lastPeriod(node, $0) } }
        if let node = f["target"], target != nil, polarity == .noJudgement {
            r.report(node, "a target needs a direction: this indicator's polarity is no_judgement (use high_is_good or low_is_good)")
        }
        if let node = f["target"], let target, let range = range, !range.contains(target) {
            r.report(node, "target \(target) is outside valid_range [\(range.min), \(range.max)]")
        }

        if let kind, let multiplier, let multiplierNode {
            switch kind {
            case .proportion where multiplier != 100 && multiplier != 1:
                r.report(multiplierNode, "a proportion's multiplier must be 100 (a percentage) or 1 (a fraction), got \(multiplier)")
            case .rate where multiplier < 1:
                r.report(multiplierNode, "a rate's multiplier is the N of 'per N' (e.g. 1000), got \(multiplier)")
            case .count, .mean, .valueWithCI:
                if multiplier != 1 { r.report(multiplierNode, "a \(kind.rawValue)'s multiplier must be 1, got \(multiplier)") }
            default: break
            }
        }

        guard r.issues.count == before, let id, let idNode, let title, let definition, let kind,
              let multiplier, let unit, let polarity, let aims, let dimensions, let partner,
              let periodType, let breakdowns, let range, let source else { return nil }
        var indicator = Indicator(id: id, title: title, definition: definition, kind: kind,
                                  multiplier: multiplier, unit: unit, polarity: polarity, aims: aims,
                                  dimensions: dimensions, partner: partner, periodType: periodType,
                                  breakdowns: breakdowns, validRange: range,
                                  smallNumberThreshold: threshold, source: source, target: target,
                                  publicationLagMonths: lag)
        indicator.discontinuedAfter = discontinued
        if let node = f["alerts"] {
            guard let rules = AlertRuleReader(reader: r, areaCodes: known.areaCodes, priorityGroups: known.priorityGroups)
                .read(node, indicator: indicator) else { return nil }
            indicator.alerts = rules
        }
        return Located(value: indicator, location: r.location(idNode))
    }

    /// `discontinued:`: the last period published, in the indicator's own period type.
    private func lastPeriod(_ node: Node, _ type: PeriodType) -> Period? {
        guard let text = reader.string(node, "discontinued") else { return nil }
        do {
            return try Period.parse(text, as: type)
        } catch {
            reader.report(node, "'discontinued' must be the last period published: \(error)")
            return nil
        }
    }

    private func nonEmptyItems(_ node: Node, _ field: String) -> [Node]? {
        guard let items = reader.items(node, field) else { return nil }
        if items.isEmpty { reader.report(node, "'\(field)' must list at least one value") ; return nil }
        return items
    }

    private func aimList(_ node: Node) -> [Int]? {
        guard let items = nonEmptyItems(node, "aims") else { return nil }
        var aims: [Int] = []
        for item in items {
            guard let n = Int(item.scalar?.string.trimmingSpaces ?? ""), known.aims.map({ $0.contains(n) }) ?? Aim.numbers.contains(n) else {
                reader.report(item, "unknown core aim '\(item.scalar?.string ?? "?")'; accepted: 1, 2, 3, 4, 5, 6, 7")
                continue
            }
            aims.append(n)
        }
        return aims.count == items.count ? aims : nil
    }

    private func dimensionList(_ node: Node) -> [String]? {
        guard let items = nonEmptyItems(node, "dimensions") else { return nil }
        var letters: [String] = []
        for item in items {
            let letter = item.scalar?.string.trimmingSpaces ?? ""
            guard known.dimensions.map({ $0.contains(letter) }) ?? Dimension.letters.contains(letter) else {
                reader.report(item, "unknown dimension letter '\(letter)'; s25(11) letters are a, b, c, d, e, f, g, h, i")
                continue
            }
            letters.append(letter)
        }
        return letters.count == items.count ? letters : nil
    }

    private func keyRef(_ node: Node, _ field: String, _ declared: [String]?, file: String) -> String? {
        guard let key = reader.string(node, field) else { return nil }
        if let declared, !declared.contains(key) {
            reader.report(node, "\(field) '\(key)' is not declared in \(file); declared: \(declared.joined(separator: ", "))")
            return nil
        }
        return key
    }

    private func breakdownList(_ node: Node) -> [String]? {
        guard let items = nonEmptyItems(node, "breakdowns") else { return nil }
        let keys = items.compactMap { keyRef($0, "breakdown", known.breakdowns, file: "breakdowns.yaml") }
        guard keys.count == items.count else { return nil }
        if !keys.contains(Breakdown.allKey) {
            reader.report(node, "breakdowns must include '\(Breakdown.allKey)'")
            return nil
        }
        return keys
    }

    private func validRange(_ node: Node) -> Indicator.ValueRange? {
        guard let items = reader.items(node, "valid_range") else { return nil }
        guard items.count == 2, let lo = reader.double(items[0], "valid_range minimum"),
              let hi = reader.double(items[1], "valid_range maximum") else {
            if items.count != 2 { reader.report(node, "'valid_range' must be [minimum, maximum]") }
            return nil
        }
        guard lo <= hi else {
            reader.report(node, "'valid_range' minimum \(lo) is above its maximum \(hi)")
            return nil
        }
        return Indicator.ValueRange(min: lo, max: hi)
    }
}
