import OutcomesCore

/// An area's roll-up as JSON bytes, written straight into a buffer: the same bytes as
/// `JSONEncoder` with `[.sortedKeys, .withoutEscapingSlashes]` (``JSONText``) writes for the
/// summary and its `lang` (tested byte for byte in SummaryJSONTests).
///
/// A summary is rendered on every read the render cache misses: the first read after each run and
/// every read of an older run. With a national catalogue a summary lists tens of thousands of
/// indicator ids, and `JSONEncoder` spent about 5 ms on each (143 ms for 30 summaries of 529
/// indicators in Benchmarks/compute).
struct SummaryJSONWriter {
    private var bytes: [UInt8] = []

    /// `summary`'s keys, then `lang`, in sorted order.
    static func document(_ summary: AreaSummary, lang: String) -> String {
        var out = SummaryJSONWriter()
        out.bytes.reserveCapacity(1 << 16)
        out.byte(UInt8(ascii: "{"))
        out.key("aims", first: true)
        out.groups(summary.aims)
        out.key("area")
        out.string(summary.area)
        out.key("area_name")
        out.string(summary.areaName)
        if let cy = summary.areaNameCy {
            out.key("area_name_cy")
            out.string(cy)
        }
        out.key("dimensions")
        out.groups(summary.dimensions)
        out.key("lang")
        out.string(lang)
        out.byte(UInt8(ascii: "}"))
        return String(decoding: out.bytes, as: UTF8.self)
    }

    private mutating func byte(_ b: UInt8) { bytes.append(b) }

    private mutating func key(_ name: StaticString, first: Bool = false) {
        if !first { byte(UInt8(ascii: ",")) }
        byte(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
    }

    /// A JSON string: `"` and `\` escaped, control characters as `JSONEncoder` writes them,
    /// everything else (`/` and non-ASCII included) as UTF-8.
    private mutating func string(_ s: String) {
        byte(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { utf8 in
            // Ids and titles seldom hold a character to escape: then the whole string at once
            // (a byte at a time was 19 % of an uncached 2.4 MB summary's CPU time, `perf record`).
            guard utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
                bytes.append(contentsOf: utf8)
                return
            }
            for b in utf8 { escaped(b) }
        }
        byte(UInt8(ascii: "\""))
    }

    /// One byte of a string that holds something to escape.
    private mutating func escaped(_ b: UInt8) {
        switch b {
        case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
        case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
        case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
        case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
        case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
        case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
        case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
        case 0..<0x20:
            let hex = Array("0123456789abcdef".utf8)
            bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                      hex[Int(b >> 4)], hex[Int(b & 0x0F)]])
        default: byte(b)
        }
    }

    private mutating func strings(_ list: [String]) {
        byte(UInt8(ascii: "["))
        for (i, s) in list.enumerated() {
            if i > 0 { byte(UInt8(ascii: ",")) }
            string(s)
        }
        byte(UInt8(ascii: "]"))
    }

    private mutating func groups(_ groups: [AreaSummary.Group]) {
        byte(UInt8(ascii: "["))
        for (i, g) in groups.enumerated() {
            if i > 0 { byte(UInt8(ascii: ",")) }
            group(g)
        }
        byte(UInt8(ascii: "]"))
    }

    /// One group, keys in sorted order as `JSONEncoder` with `.sortedKeys` writes them.
    private mutating func group(_ g: AreaSummary.Group) {
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
