/// Evaluates an indicator's alert rules over one run's measures: pure, given the stored alerts.
///
/// For each rule and each series it selects (areas × breakdowns), the series is replayed period by
/// period into a fresh ``AlertMachine``; the machine's final state is compared with the stored one
/// and only a difference becomes an ``AlertUpdate``. Replaying (instead of feeding the machine only
/// the newest period) keeps the state a function of the data: a revised value re-judges its
/// period, and evaluating the same run again changes nothing.
///
/// Notified: entering `firing`, and leaving `firing`. A historical episode that fired and resolved
/// before the alert was first evaluated is stored as `resolved` without a notice.
///
/// The late-feed rule comes first: while an indicator's latest due period has no observation, its
/// value-based alerts are inhibited — they keep their stored state and nothing is notified.
///
/// ```swift
/// let evaluator = AlertEvaluator(context: context, settings: catalogue.alertSettings)
/// let updates = evaluator.evaluate(indicator, rows: rowsOfThatIndicator, stored: storedByFingerprint)
/// ```
public struct AlertEvaluator: Sendable {
    public let context: ComputeContext
    public let settings: AlertSettings

    public init(context: ComputeContext, settings: AlertSettings) {
        self.context = context
        self.settings = settings
    }

    public func evaluate(_ indicator: Indicator, rows: [MeasureRow], stored: [String: AlertRecord]) -> [AlertUpdate] {
        var updates: [AlertUpdate] = []
        var seen: Set<String> = []
        func offer(_ record: AlertRecord) {
            seen.insert(record.fingerprint)
            let old = stored[record.fingerprint]
            guard old != record else { return }
            let notice: AlertUpdate.Notice? =
                if record.state == .firing, old?.state != .firing { .firing }
                else if old?.state == .firing, record.state != .firing { .resolved }
                else { nil }
            updates.append(AlertUpdate(record: record, previous: old?.state, notice: notice))
        }

        // 1. Late feed.
        var inhibited = false
        if let late = settings.lateFeeds, late.watches(indicator) {
            let observed = rows.lazy.filter { !$0.derived && $0.value != nil }.map(\.period).max()
            let check = LateFeed.check(indicator, latestObserved: observed, graceDays: late.graceDays, today: context.today)
            inhibited = check.isLate
            let fingerprint = AlertRecord.fingerprint(rule: AlertSettings.lateFeedRuleName, indicator: indicator.id,
                                                      area: ComputeContext.walesCode, breakdown: Breakdown.allKey)
            let old = stored[fingerprint]
            if check.isLate || old != nil {
                let state: AlertStateName = check.isLate ? .firing : (old?.state == .firing ? .resolved : old?.state ?? .inactive)
                let sincePeriod = state == old?.state ? old?.sincePeriod : check.period
                var values = baseValues(indicator, area: ComputeContext.walesCode, breakdown: Breakdown.allKey)
                values["period"] = check.period.description
                values["due"] = check.due.description
                values["rule"] = AlertSettings.lateFeedRuleName
                values["kind"] = AlertRule.Kind.lateFeed.rawValue
                values["severity"] = late.severity.rawValue
                values["state"] = state.rawValue
                offer(record(rule: AlertSettings.lateFeedRuleName, kind: .lateFeed, severity: late.severity, indicator: indicator,
                             area: ComputeContext.walesCode, breakdown: Breakdown.allKey, state: state, sincePeriod: sincePeriod,
                             period: check.period, value: nil, withheld: false, inhibited: false,
                             summaryEn: AlertTemplate.defaultSummary(.lateFeed, welsh: false),
                             summaryCy: AlertTemplate.defaultSummary(.lateFeed, welsh: true), values: values))
            }
        }

        // 2. Value-based rules, per series.
        var series: [SeriesKey: [MeasureRow]] = [:]
        for row in rows { series[SeriesKey(area: row.area, breakdown: row.breakdown), default: []].append(row) }
        for rule in indicator.alerts {
            for (key, members) in series {
                guard let area = context.areas[key.area], rule.areas.contains(area),
                      let breakdown = context.breakdowns[key.breakdown], rule.breakdowns.contains(breakdown.key) else { continue }
                let fingerprint = AlertRecord.fingerprint(rule: rule.name, indicator: indicator.id, area: area.code, breakdown: breakdown.key)
                let old = stored[fingerprint]
                if inhibited {
                    if var held = old, !held.inhibited {
                        held.inhibited = true
                        offer(held)
                    } else {
                        seen.insert(fingerprint)
                    }
                    continue
                }
                var machine = AlertMachine(forPeriods: rule.forPeriods, keepFiringFor: rule.keepFiringFor)
                var last: MeasureRow?
                for row in members.sorted(by: { $0.period < $1.period }) {
                    guard let judgement = AlertCondition.judge(row, rule: rule, polarity: indicator.polarity) else { continue }
                    _ = machine.period(row.period, judgement)
                    last = row
                }
                let state = machine.state.name
                guard old != nil || state != .inactive, let last else {
                    if old != nil { seen.insert(fingerprint) }
                    continue
                }
                offer(seriesRecord(rule: rule, indicator: indicator, area: area, breakdown: breakdown, machine: machine,
                                   last: last))
            }
        }

        // 3. Stored alerts of this indicator that no rule produces any more: the rule was removed
        // (or no longer selects the series). A stored alert whose series simply has no rows in this
        // run keeps its state: missing data never resolves.
        for (fingerprint, old) in stored where old.indicator == indicator.id && !seen.contains(fingerprint) {
            let ruleGone: Bool
            if old.kind == .lateFeed {
                ruleGone = !(settings.lateFeeds?.watches(indicator) ?? false)
            } else if let rule = indicator.alerts.first(where: { $0.name == old.rule }) {
                let areaOK = context.catalogue.area(old.area).map { rule.areas.contains($0) } ?? false
                ruleGone = !areaOK || !rule.breakdowns.contains(old.breakdown)
            } else {
                ruleGone = true
            }
            if ruleGone { offer(Self.removed(old)) } else if old.inhibited && !inhibited {
                var released = old
                released.inhibited = false
                offer(released)
            }
        }
        return updates
    }

    /// A stored alert whose rule (or indicator) is gone: firing resolves, pending is dropped.
    public static func removed(_ old: AlertRecord) -> AlertRecord {
        var record = old
        record.inhibited = false
        switch old.state {
        case .firing: record.state = .resolved
        case .pending: record.state = .inactive
        case .inactive, .resolved: break
        }
        return record
    }

    struct SeriesKey: Hashable { var area: Int32; var breakdown: Int16 }

    private func seriesRecord(rule: AlertRule, indicator: Indicator, area: Area, breakdown: Breakdown, machine: AlertMachine,
                              last: MeasureRow) -> AlertRecord {
        let sincePeriod: Period? = switch machine.state {
        case .inactive: nil
        case let .pending(_, since), let .firing(since, _): since
        case let .resolved(at): at
        }
        let withheld = SmallNumbers.isSmall(indicator, numerator: last.numerator, denominator: last.denominator, value: last.value)
        var values = baseValues(indicator, area: area.code, breakdown: breakdown.key)
        values["rule"] = rule.name
        values["kind"] = rule.kind.rawValue
        values["severity"] = rule.severity.rawValue
        values["state"] = machine.state.name.rawValue
        values["period"] = last.period.description
        values["level"] = rule.level.map(AlertTemplate.number) ?? ""
        values["clear"] = (rule.clearLevel ?? rule.level).map(AlertTemplate.number) ?? ""
        return record(rule: rule.name, kind: rule.kind, severity: rule.severity, indicator: indicator, area: area.code,
                      breakdown: breakdown.key, state: machine.state.name, sincePeriod: sincePeriod, period: last.period,
                      value: last.value, withheld: withheld, inhibited: false,
                      summaryEn: rule.summary ?? AlertTemplate.defaultSummary(rule.kind, welsh: false),
                      summaryCy: rule.summaryCy ?? AlertTemplate.defaultSummary(rule.kind, welsh: true), values: values)
    }

    private func baseValues(_ indicator: Indicator, area: String, breakdown: String) -> [String: String] {
        ["indicator": indicator.id, "unit": indicator.unit, "partner": indicator.partner, "area": area, "breakdown": breakdown]
    }

    private func record(rule: String, kind: AlertRule.Kind, severity: AlertRule.Severity, indicator: Indicator, area: String,
                        breakdown: String, state: AlertStateName, sincePeriod: Period?, period: Period?, value: Double?,
                        withheld: Bool, inhibited: Bool, summaryEn: String, summaryCy: String,
                        values: [String: String]) -> AlertRecord {
        func text(_ template: String, welsh: Bool) -> String {
            var v = values
            v["indicator_title"] = indicator.title.text(welsh: welsh)
            v["area_name"] = context.catalogue.area(area)?.name.text(welsh: welsh) ?? area
            v["breakdown_name"] = context.catalogue.breakdowns.first { $0.key == breakdown }?.name.text(welsh: welsh) ?? breakdown
            if let value, !withheld {
                v["value"] = AlertTemplate.number(value)
                v["unit_suffix"] = AlertTemplate.unitSuffix(indicator.unit)
            } else {
                v["value"] = withheld ? (welsh ? "[wedi'i atal: nifer fach]" : "[withheld: small number]") : "–"
                v["unit_suffix"] = ""
            }
            return AlertTemplate.render(template, v)
        }
        return AlertRecord(fingerprint: AlertRecord.fingerprint(rule: rule, indicator: indicator.id, area: area, breakdown: breakdown),
                           rule: rule, kind: kind, indicator: indicator.id, area: area, breakdown: breakdown,
                           partner: indicator.partner, state: state, severity: severity, sincePeriod: sincePeriod, period: period,
                           value: value, withheld: withheld, inhibited: inhibited,
                           summary: text(summaryEn, welsh: false), summaryCy: text(summaryCy, welsh: true))
    }
}
