/// A run's roll-ups are written as JSON for every area at the end of every run, including the
/// incremental runs that should take milliseconds. With a large catalogue (529 indicators in
/// Benchmarks/compute) a summary holds tens of thousands of indicator ids, and Foundation's
/// JSONEncoder spent 143 ms on a run's 30 summaries. This writer emits the same bytes as
/// `JSONEncoder` with `[.sortedKeys, .withoutEscapingSlashes]` straight into a byte buffer
/// (tested byte for byte in AreaSummaryJSONTests).
///
/// ```swift
/// let text = summary.jsonText()   // {"aims":[{"alerts_firing":[],…}],"area":"W06000015",…}
/// ```
extension AreaSummary {
    public func jsonText() -> String {
        var out = JSONBytes()
        out.byte(UInt8(ascii: "{"))
        out.key("aims", first: true)
        out.groups(aims)
        out.key("area")
        out.string(area)
        out.key("area_name")
        out.string(areaName)
        if let areaNameCy {
            out.key("area_name_cy")
            out.string(areaNameCy)
        }
        out.key("dimensions")
        out.groups(dimensions)
        out.byte(UInt8(ascii: "}"))
        return String(decoding: out.bytes, as: UTF8.self)
    }
}

/// Bytes of a JSON document being written.
struct JSONBytes {
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(1 << 16) }

    mutating func byte(_ b: UInt8) { bytes.append(b) }

    mutating func key(_ name: StaticString, first: Bool = false) {
        if !first { byte(UInt8(ascii: ",")) }
        byte(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
    }

    /// A JSON string: `"` and `\` escaped, control characters as `\u00XX`, everything else as UTF-8.
    mutating func string(_ s: String) {
        byte(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0..<0x20:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                          hex[Int(b >> 4)], hex[Int(b & 0x0F)]])
            default: byte(b)
            }
        }
        byte(UInt8(ascii: "\""))
    }

    mutating func strings(_ list: [String]) {
        byte(UInt8(ascii: "["))
        for (i, s) in list.enumerated() {
            if i > 0 { byte(UInt8(ascii: ",")) }
            string(s)
        }
        byte(UInt8(ascii: "]"))
    }

    mutating func groups(_ groups: [AreaSummary.Group]) {
        byte(UInt8(ascii: "["))
        for (i, g) in groups.enumerated() {
            if i > 0 { byte(UInt8(ascii: ",")) }
            group(g)
        }
        byte(UInt8(ascii: "]"))
    }

    /// One group, keys in sorted order as `JSONEncoder` with `.sortedKeys` writes them.
    mutating func group(_ g: AreaSummary.Group) {
        byte(UInt8(ascii: "{"))
        key("alerts_firing", first: true); strings(g.alertsFiring)
        key("better"); strings(g.better)
        key("board_better"); strings(g.boardBetter)
        key("board_similar"); strings(g.boardSimilar)
        key("board_worse"); strings(g.boardWorse)
        key("changing"); strings(g.changing)
        key("current"); strings(g.current)
        key("higher_or_lower"); strings(g.higherOrLower)
        key("improving"); strings(g.improving)
        key("indicators"); strings(g.indicators)
        key("key"); string(g.key)
        key("missing"); strings(g.missing)
        key("no_significant_change"); strings(g.noSignificantChange)
        key("not_compared"); strings(g.notCompared)
        key("red_red"); strings(g.redRed)
        key("significant_gaps"); strings(g.significantGaps)
        key("similar"); strings(g.similar)
        key("small"); strings(g.small)
        key("small_gaps"); strings(g.smallGaps)
        key("stale"); strings(g.stale)
        key("targets_met"); strings(g.targetsMet)
        key("targets_missed"); strings(g.targetsMissed)
        key("title"); string(g.title)
        if let titleCy = g.titleCy { key("title_cy"); string(titleCy) }
        key("trend_not_assessed"); strings(g.trendNotAssessed)
        key("withheld"); strings(g.withheld)
        key("worse"); strings(g.worse)
        key("worsening"); strings(g.worsening)
        byte(UInt8(ascii: "}"))
    }
}
