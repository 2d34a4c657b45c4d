internal import Yams

/// Reads one YAML file's node tree into domain values, collecting located issues instead of
/// stopping at the first.
///
/// Why not `Codable`: a decoding error knows a coding path, not a line. Reading the composed node
/// tree (`Yams.compose`) keeps every node's `mark`, so each message points at the exact
/// `file:line:column` of the offending value, or of the mapping that lacks a field.
final class YAMLReader {
    let file: String
    private(set) var issues: [CatalogueIssue] = []

    init(file: String) {
        self.file = file
    }

    /// Composes `source`; a syntax error becomes an issue at its mark and the result is nil.
    static func compose(_ source: SourceFile) -> (YAMLReader, Node?) {
        let reader = YAMLReader(file: source.path)
        do {
            guard let root = try Yams.compose(yaml: source.text) else {
                reader.report(at: 1, 1, "the file is empty; expected a YAML mapping")
                return (reader, nil)
            }
            return (reader, root)
        } catch let error as YamlError {
            reader.reportSyntax(error)
            return (reader, nil)
        } catch {
            reader.report(at: 1, 1, "malformed YAML: \(error)")
            return (reader, nil)
        }
    }

    private func reportSyntax(_ error: YamlError) {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let detail = context.map { "\(problem) \($0.text)" } ?? problem
            report(at: mark.line, mark.column, "malformed YAML: \(detail)")
        case let .reader(problem, offset, _, yaml):
            let (line, column) = Self.lineColumn(ofUTF8Offset: offset ?? 0, in: yaml)
            report(at: line, column, "malformed YAML: \(problem) at byte offset \(offset ?? 0)")
        default:
            report(at: 1, 1, "malformed YAML: \(error)")
        }
    }

    static func lineColumn(ofUTF8Offset offset: Int, in text: String) -> (Int, Int) {
        var line = 1, column = 1
        for byte in text.utf8.prefix(offset) {
            if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return (line, column)
    }

    // MARK: Reporting

    func location(_ node: Node) -> SourceLocation {
        let mark = node.mark
        return SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    func report(_ node: Node, _ message: String) {
        issues.append(CatalogueIssue(location(node), message))
    }

    func report(at line: Int, _ column: Int, _ message: String) {
        issues.append(CatalogueIssue(SourceLocation(file: file, line: line, column: column), message))
    }

    // MARK: Structure

    /// The mapping's fields; reports a non-mapping node and duplicate keys.
    func fields(_ node: Node, _ what: String) -> YAMLFields? {
        guard case let .mapping(mapping) = node else {
            report(node, "\(what) must be a mapping of fields")
            return nil
        }
        var entries: [String: (key: Node, value: Node)] = [:]
        var order: [String] = []
        for (key, value) in mapping {
            guard let name = key.scalar?.string else {
                report(key, "field names in \(what) must be plain text")
                continue
            }
            if let first = entries[name] {
                report(key, "duplicate field '\(name)' in \(what) (first at line \(location(first.key).line))")
                continue
            }
            entries[name] = (key, value)
            order.append(name)
        }
        return YAMLFields(node: node, what: what, entries: entries, order: order, reader: self)
    }

    /// The items of a sequence; reports a non-sequence node.
    func items(_ node: Node, _ field: String) -> [Node]? {
        guard case let .sequence(sequence) = node else {
            report(node, "'\(field)' must be a list, e.g. [a, b]")
            return nil
        }
        return Array(sequence)
    }

    // MARK: Scalars

    func string(_ node: Node, _ field: String) -> String? {
        guard let scalar = node.scalar else {
            report(node, "'\(field)' must be text")
            return nil
        }
        let text = scalar.string.trimmingSpaces
        if text.isEmpty || (scalar.style == .plain && (text == "~" || text == "null")) {
            report(node, "'\(field)' must not be empty")
            return nil
        }
        return text
    }

    func int(_ node: Node, _ field: String, in range: ClosedRange<Int>? = nil) -> Int? {
        guard let text = node.scalar?.string, let value = Int(text.trimmingSpaces) else {
            report(node, "'\(field)' must be a whole number\(range.map { " from \($0.lowerBound) to \($0.upperBound)" } ?? ""), got '\(node.scalar?.string ?? "a structure")'")
            return nil
        }
        if let range, !range.contains(value) {
            report(node, "'\(field)' must be from \(range.lowerBound) to \(range.upperBound), got \(value)")
            return nil
        }
        return value
    }

    func double(_ node: Node, _ field: String) -> Double? {
        guard let text = node.scalar?.string, let value = Double(text.trimmingSpaces), value.isFinite else {
            report(node, "'\(field)' must be a number, got '\(node.scalar?.string ?? "a structure")'")
            return nil
        }
        return value
    }

    func bool(_ node: Node, _ field: String) -> Bool? {
        switch node.scalar?.string.trimmingSpaces {
        case "true": return true
        case "false": return false
        default:
            report(node, "'\(field)' must be true or false, got '\(node.scalar?.string ?? "a structure")'")
            return nil
        }
    }

    func choice<E: RawRepresentable & CaseIterable>(_ node: Node, _ field: String, _: E.Type) -> E?
    where E.RawValue == String {
        guard let text = string(node, field) else { return nil }
        guard let value = E(rawValue: text) else {
            let accepted = E.allCases.map(\.rawValue).joined(separator: ", ")
            report(node, "unknown \(field) '\(text)'; accepted: \(accepted)")
            return nil
        }
        return value
    }

    func date(_ node: Node, _ field: String) -> CivilDate? {
        guard let text = string(node, field) else { return nil }
        guard let date = CivilDate(iso: text) else {
            report(node, "'\(field)' must be a date as YYYY-MM-DD, got '\(text)'")
            return nil
        }
        return date
    }

    /// Plain text (English), or a mapping `{en: …, cy: …}`.
    func localized(_ node: Node, _ field: String) -> LocalizedText? {
        if node.scalar != nil {
            return string(node, field).map { LocalizedText(en: $0) }
        }
        guard let fields = fields(node, "'\(field)'") else { return nil }
        fields.rejectUnknown(["en", "cy"])
        guard let en = fields.required("en").flatMap({ string($0, "\(field).en") }) else { return nil }
        return LocalizedText(en: en, cy: fields["cy"].flatMap { string($0, "\(field).cy") })
    }
}

/// The fields of one YAML mapping, with the reader that reports on them.
struct YAMLFields {
    let node: Node
    let what: String
    let entries: [String: (key: Node, value: Node)]
    let order: [String]
    let reader: YAMLReader

    subscript(name: String) -> Node? { entries[name]?.value }

    /// The field's value, or nil after reporting it missing at the mapping.
    func required(_ name: String) -> Node? {
        guard let value = entries[name]?.value else {
            reader.report(node, "\(what) is missing required field '\(name)'")
            return nil
        }
        return value
    }

    /// Reports each field not in `allowed`, listing the accepted names.
    func rejectUnknown(_ allowed: [String]) {
        for name in order where !allowed.contains(name) {
            if let key = entries[name]?.key {
                reader.report(key, "unknown field '\(name)' in \(what); accepted: \(allowed.joined(separator: ", "))")
            }
        }
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
