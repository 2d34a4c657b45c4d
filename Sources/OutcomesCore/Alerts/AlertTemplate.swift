/// A rule's `summary` text with `{placeholder}`s filled in from the alert.
///
/// ```swift
/// AlertTemplate.render("{indicator_title} in {area_name}: {value}{unit_suffix} in {period}", values)
/// // "Live single births under 2,500g in Cardiff: 6.1% in 2024"
/// ```
/// Unknown placeholders are a catalogue error (``unknownPlaceholders(in:)``), so a typo is caught by
/// `outcomesd check`, not sent to a partnership.
public enum AlertTemplate {
    /// Every placeholder a template may use.
    public static let placeholders: [String] = [
        "rule", "kind", "severity", "indicator", "indicator_title", "unit", "unit_suffix", "partner",
        "area", "area_name", "breakdown", "breakdown_name", "period", "value", "level", "clear",
        "state", "due",
    ]

    /// Placeholders in `template` that are not in ``placeholders``, in order of appearance.
    public static func unknownPlaceholders(in template: String) -> [String] {
        names(in: template).filter { !placeholders.contains($0) }
    }

    /// The text with each `{name}` replaced by `values[name]` (an unknown name is left as written).
    public static func render(_ template: String, _ values: [String: String]) -> String {
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let name = String(rest[rest.index(after: open)..<close])
            out += values[name] ?? "{\(name)}"
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    static func names(in template: String) -> [String] {
        var names: [String] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    /// `%` for percentages, otherwise a space and the unit ("per 1,000 live births").
    public static func unitSuffix(_ unit: String) -> String {
        unit == "percentage" ? "%" : " \(unit)"
    }

    /// A value as shown in alert text: at most one decimal place ("12", "12.3", "-0.4"). From
    /// 10^15 on a Double has no tenths to show (and ten times it may not fit an Int: found by
    /// fuzzing, a rule test's `1e308` trapped), so it is written as Swift prints it ("1e+20").
    public static func number(_ x: Double) -> String {
        guard x.isFinite, abs(x) < 1e15 else { return "\(x)" }
        let tenths = Int((abs(x) * 10).rounded())
        let sign = x < 0 && tenths != 0 ? "-" : ""
        return tenths % 10 == 0 ? "\(sign)\(tenths / 10)" : "\(sign)\(tenths / 10).\(tenths % 10)"
    }

    /// The summary used when a rule gives none, per kind and language.
    public static func defaultSummary(_ kind: AlertRule.Kind, welsh: Bool) -> String {
        switch (kind, welsh) {
        case (.threshold, false): "{indicator_title} in {area_name}: {value}{unit_suffix} in {period} (alert level {level})"
        case (.threshold, true): "{indicator_title} yn {area_name}: {value}{unit_suffix} yn {period} (lefel rhybudd {level})"
        case (.change, false): "{indicator_title} in {area_name} worsened to {value}{unit_suffix} in {period}"
        case (.change, true): "{indicator_title} yn {area_name}: wedi gwaethygu i {value}{unit_suffix} yn {period}"
        case (.benchmark, false): "{indicator_title} in {area_name} is significantly worse than the benchmark in {period}: {value}{unit_suffix}"
        case (.benchmark, true): "{indicator_title} yn {area_name}: yn sylweddol waeth na'r meincnod yn {period}: {value}{unit_suffix}"
        case (.trend, false): "{indicator_title} in {area_name} is getting worse (recent trend to {period}: {value}{unit_suffix})"
        case (.trend, true): "{indicator_title} yn {area_name}: yn gwaethygu (tuedd ddiweddar hyd at {period}: {value}{unit_suffix})"
        case (.redRed, false): "{indicator_title} in {area_name}: worse than Wales and getting worse ({value}{unit_suffix} in {period})"
        case (.redRed, true): "{indicator_title} yn {area_name}: yn waeth na Chymru ac yn gwaethygu ({value}{unit_suffix} yn {period})"
        case (.target, false): "{indicator_title} in {area_name} misses its target in {period}: {value}{unit_suffix}"
        case (.target, true): "{indicator_title} yn {area_name}: heb gyrraedd y targed yn {period}: {value}{unit_suffix}"
        case (.gap, false): "{indicator_title} in {area_name}: {breakdown_name} significantly behind all children in {period} ({value}{unit_suffix})"
        case (.gap, true): "{indicator_title} yn {area_name}: {breakdown_name} yn sylweddol y tu ôl i bob plentyn yn {period} ({value}{unit_suffix})"
        case (.lateFeed, false): "{indicator_title}: no {period} figures from {partner} (due {due})"
        case (.lateFeed, true): "{indicator_title}: dim ffigurau {period} gan {partner} (yn ddyledus {due})"
        }
    }
}
