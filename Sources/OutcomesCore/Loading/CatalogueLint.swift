internal import Yams

/// The catalogue lint behind `outcomesd check --strict`: what a catalogue that loads may still owe
/// its readers before its figures and Welsh words are published (see `Indicators/README.md`).
///
/// - **No source**: an indicator's `source` missing, empty or a placeholder (TODO, TBC…); likewise
///   a priority-group breakdown without a `basis`. A statistician signs sources off.
/// - **Figure without a year**: a figure quoted in an indicator's `source` (a number followed by `%`
///   or "per", or after a colon, as in "Wales 2016: 239") needs a year in the same sentence: a
///   four-digit 19xx or 20xx, so 2021, 2015-16, 2017/18 and FYE 2024 all count. Sentences end at
///   ". " or ";". Definitions are not checked: their numbers are thresholds ("60% of the UK
///   median"), not quoted figures, and a quoted figure belongs in `source`.
/// - **Welsh unchecked**: a YAML comment `# cy-unchecked` on a line marks Welsh text a
///   Welsh-language officer has not yet checked against the official Welsh text; each marker is a
///   finding until they remove it.
///
/// Pure: reads the files' text; a file that does not parse is left to ``CatalogueLoader``.
public enum CatalogueLint {
    /// The comment that marks Welsh text as not yet checked: `cy: "…"  # cy-unchecked`.
    public static let welshUncheckedMarker = "cy-unchecked"

    public static func findings(_ sources: CatalogueSources) -> [CatalogueIssue] {
        let reference = [sources.aims, sources.dimensions, sources.partners, sources.breakdowns, sources.areas]
        var issues: [CatalogueIssue] = []
        for file in reference.compactMap({ $0 }) + sources.indicators { issues += welshUnchecked(file) }
        if let breakdowns = sources.breakdowns { issues += priorityGroupBases(breakdowns) }
        for file in sources.indicators { issues += indicatorSource(file) }
        return issues.sorted()
    }

    // MARK: Welsh unchecked

    /// Each `#` comment (at a line's start or after a space) that begins with the marker.
    static func welshUnchecked(_ file: SourceFile) -> [CatalogueIssue] {
        var issues: [CatalogueIssue] = []
        for (n, line) in lines(file.text).enumerated() {
            let scalars = Array(line.unicodeScalars)
            for (i, c) in scalars.enumerated() where c == "#" && (i == 0 || scalars[i - 1] == " " || scalars[i - 1] == "\t") {
                let comment = String(String.UnicodeScalarView(scalars[(i + 1)...])).trimmingSpaces
                guard comment.hasPrefix(welshUncheckedMarker) else { continue }
                issues.append(CatalogueIssue(SourceLocation(file: file.path, line: n + 1, column: i + 1),
                                             "Welsh text not yet checked by a Welsh-language officer (marked '# \(welshUncheckedMarker)'); check it against the official Welsh text, then remove the marker"))
            }
        }
        return issues
    }

    // MARK: Sources

    static let placeholders: Set<String> = ["todo", "tbc", "tbd", "fixme", "xxx", "unknown", "n/a", "na", "none", "?", "-"]

    static func indicatorSource(_ file: SourceFile) -> [CatalogueIssue] {
        guard let root = try? Yams.compose(yaml: file.text), case let .mapping(mapping) = root else { return [] }
        let reader = YAMLReader(file: file.path)
        guard let node = mapping.first(where: { $0.key.scalar?.string == "source" })?.value else {
            return [CatalogueIssue(reader.location(root), "indicator has no 'source': say who publishes its figures and in which series")]
        }
        let text = node.scalar?.string.trimmingSpaces ?? ""
        if text.isEmpty || placeholders.contains(text.lowercased()) || text.lowercased().hasPrefix("todo") {
            return [CatalogueIssue(reader.location(node), "'source' is empty or a placeholder ('\(text)'): say who publishes its figures and in which series")]
        }
        return figuresWithoutYear(text).map { figure in
            CatalogueIssue(locate(figure, in: file, from: reader.location(node)),
                           "'source' quotes the figure '\(figure)' without a year in the same sentence; say which period it is for (e.g. 'Wales 2021: 64%')")
        }
    }

    static func priorityGroupBases(_ file: SourceFile) -> [CatalogueIssue] {
        guard let root = try? Yams.compose(yaml: file.text), case let .mapping(top) = root,
              case let .sequence(items)? = top.first(where: { $0.key.scalar?.string == "breakdowns" })?.value else { return [] }
        let reader = YAMLReader(file: file.path)
        var issues: [CatalogueIssue] = []
        for item in items {
            guard case let .mapping(fields) = item else { continue }
            func field(_ name: String) -> Node? { fields.first(where: { $0.key.scalar?.string == name })?.value }
            guard field("priority_group")?.scalar?.string == "true",
                  (field("basis")?.scalar?.string.trimmingSpaces ?? "").isEmpty else { continue }
            let key = field("key")?.scalar?.string ?? "?"
            issues.append(CatalogueIssue(reader.location(field("key") ?? item),
                                         "priority group '\(key)' has no 'basis': name the provision or guidance that makes it one"))
        }
        return issues
    }

    // MARK: Figures and years

    /// A number in running text, with what decides whether it is a quoted figure or a year.
    struct Number {
        var text: String
        var isFigure: Bool
        var isYear: Bool
    }

    /// The figures of each sentence that has no year in it.
    static func figuresWithoutYear(_ text: String) -> [String] {
        sentences(text).flatMap { sentence -> [String] in
            let numbers = self.numbers(in: sentence)
            if numbers.contains(where: { $0.isYear && !$0.isFigure }) { return [] }
            return numbers.filter(\.isFigure).map(\.text)
        }
    }

    /// Split at ";" and at "." followed by a space or the end ("87.2%" stays whole).
    static func sentences(_ text: String) -> [String] {
        let c = Array(text)
        var out: [String] = []
        var start = 0
        for i in c.indices where c[i] == ";" || (c[i] == "." && (i + 1 == c.count || c[i + 1].isWhitespace)) {
            out.append(String(c[start..<i]))
            start = i + 1
        }
        if start < c.count { out.append(String(c[start...])) }
        return out
    }

    static func numbers(in sentence: String) -> [Number] {
        let c = Array(sentence)
        func digit(_ i: Int) -> Bool { i >= 0 && i < c.count && c[i].isASCII && c[i].isNumber }
        var out: [Number] = []
        var i = 0
        while i < c.count {
            guard digit(i), i == 0 || !(digit(i - 1) || c[i - 1].isLetter || c[i - 1] == "." || c[i - 1] == ",") else { i += 1; continue }
            let start = i
            while digit(i) { i += 1 }
            var plain = true
            while i < c.count, c[i] == ",", digit(i + 1), digit(i + 2), digit(i + 3), !digit(i + 4) { i += 4; plain = false }
            if i < c.count, c[i] == ".", digit(i + 1) { i += 1; while digit(i) { i += 1 }; plain = false }
            let text = String(c[start..<i])
            let after = String(c[i...]).trimmingSpaces
            var before = String(c[..<start]).trimmingSpaces
            for word in ["about", "around", "approximately", "nearly", "over", "under"] where before.hasSuffix(" " + word) {
                before = String(before.dropLast(word.count)).trimmingSpaces
            }
            let isFigure = after.hasPrefix("%") || after.hasPrefix("per ") || before.hasSuffix(":")
            let isYear = plain && text.count == 4 && (text.hasPrefix("19") || text.hasPrefix("20"))
            out.append(Number(text: text + (after.hasPrefix("%") ? "%" : ""), isFigure: isFigure, isYear: isYear))
        }
        return out
    }

    // MARK: Locations

    static func lines(_ text: String) -> [Substring] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.last == "\r" ? $0.dropLast() : $0 }
    }

    /// The first place the figure appears on or after the field's line, within the field (until
    /// the next line that starts at column 1); else the field itself.
    static func locate(_ figure: String, in file: SourceFile, from field: SourceLocation) -> SourceLocation {
        let all = lines(file.text)
        var n = field.line - 1
        while n < all.count {
            if n > field.line - 1, let first = all[n].first, first != " ", first != "\t" { break }
            if let range = all[n].firstRange(of: figure) {
                let column = all[n][..<range.lowerBound].unicodeScalars.count + 1
                return SourceLocation(file: field.file, line: n + 1, column: column)
            }
            n += 1
        }
        return field
    }
}
