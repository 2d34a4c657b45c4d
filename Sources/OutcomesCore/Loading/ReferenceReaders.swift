internal import Yams

/// Readers for the reference files: aims, dimensions, partners, breakdowns and areas.
enum ReferenceReaders {
    static func aim(_ r: YAMLReader, _ node: Node) -> Located<Aim>? {
        guard let f = r.fields(node, "an aim") else { return nil }
        f.rejectUnknown(["number", "title"])
        guard let number = f.required("number").flatMap({ r.int($0, "number", in: Aim.numbers) }),
              let title = f.required("title").flatMap({ r.localized($0, "title") }) else { return nil }
        return Located(value: Aim(number: number, title: title), location: r.location(node))
    }

    static func dimension(_ r: YAMLReader, _ node: Node) -> Located<Dimension>? {
        guard let f = r.fields(node, "a dimension") else { return nil }
        f.rejectUnknown(["letter", "title"])
        guard let letterNode = f.required("letter"), let letter = r.string(letterNode, "letter"),
              let title = f.required("title").flatMap({ r.localized($0, "title") }) else { return nil }
        guard Dimension.letters.contains(letter) else {
            r.report(letterNode, "unknown dimension letter '\(letter)'; s25(11) has letters a to i")
            return nil
        }
        return Located(value: Dimension(letter: letter, title: title), location: r.location(node))
    }

    static func partner(_ r: YAMLReader, _ node: Node) -> Located<Partner>? {
        guard let f = r.fields(node, "a partner") else { return nil }
        f.rejectUnknown(["key", "name", "kind", "basis"])
        guard let keyNode = f.required("key"), let key = r.string(keyNode, "key"),
              let name = f.required("name").flatMap({ r.localized($0, "name") }),
              let kind = f.required("kind").flatMap({ r.choice($0, "kind", Partner.Kind.self) }),
              let basis = f.required("basis").flatMap({ r.string($0, "basis") }) else { return nil }
        guard isKey(key) else {
            r.report(keyNode, "partner key '\(key)' must be lower-case letters, digits and _")
            return nil
        }
        return Located(value: Partner(key: key, name: name, kind: kind, basis: basis), location: r.location(keyNode))
    }

    static func breakdown(_ r: YAMLReader, _ node: Node) -> Located<Breakdown>? {
        guard let f = r.fields(node, "a breakdown") else { return nil }
        f.rejectUnknown(["key", "name", "priority_group", "basis"])
        guard let keyNode = f.required("key"), let key = r.string(keyNode, "key"),
              let name = f.required("name").flatMap({ r.localized($0, "name") }),
              let priority = f.required("priority_group").flatMap({ r.bool($0, "priority_group") }) else { return nil }
        guard isKey(key) else {
            r.report(keyNode, "breakdown key '\(key)' must be lower-case letters, digits and _")
            return nil
        }
        let basis = f["basis"].flatMap { r.string($0, "basis") }
        return Located(value: Breakdown(key: key, name: name, isPriorityGroup: priority, basis: basis),
                       location: r.location(keyNode))
    }

    static func area(_ r: YAMLReader, _ node: Node) -> Located<Area>? {
        guard let f = r.fields(node, "an area") else { return nil }
        f.rejectUnknown(["code", "kind", "name", "valid_from", "valid_to", "parents"])
        guard let codeNode = f.required("code"), let code = r.string(codeNode, "code"),
              let kind = f.required("kind").flatMap({ r.choice($0, "kind", Area.Kind.self) }),
              let name = f.required("name").flatMap({ r.localized($0, "name") }) else { return nil }
        guard Area.isWellFormedCode(code) else {
            r.report(codeNode, "area code '\(code)' is not an ONS/GSS code (a capital letter and eight digits, e.g. W06000013)")
            return nil
        }
        var parents: [Area.ParentLink] = []
        if let list = f["parents"], let items = r.items(list, "parents") {
            for item in items {
                guard let pf = r.fields(item, "a parent link") else { continue }
                pf.rejectUnknown(["code", "from", "to"])
                guard let parent = pf.required("code").flatMap({ r.string($0, "code") }) else { continue }
                parents.append(Area.ParentLink(code: parent, from: pf["from"].flatMap { r.date($0, "from") },
                                               to: pf["to"].flatMap { r.date($0, "to") }))
            }
        }
        let area = Area(code: code, name: name, kind: kind,
                        validFrom: f["valid_from"].flatMap { r.date($0, "valid_from") },
                        validTo: f["valid_to"].flatMap { r.date($0, "valid_to") }, parents: parents)
        return Located(value: area, location: r.location(codeNode))
    }

    static func isKey(_ key: String) -> Bool {
        !key.isEmpty && key.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5F }
    }

    // MARK: Cross-checks

    static func checkUnique(_ keys: [(String, SourceLocation)], _ what: String) -> [CatalogueIssue] {
        var first: [String: SourceLocation] = [:]
        var issues: [CatalogueIssue] = []
        for (key, location) in keys {
            if let earlier = first[key] {
                issues.append(CatalogueIssue(location, "duplicate \(what) '\(key)' (first declared at \(earlier))"))
            } else {
                first[key] = location
            }
        }
        return issues
    }

    static func checkAims(_ aims: [Located<Aim>], file: SourceFile?) -> [CatalogueIssue] {
        var issues = checkUnique(aims.map { (String($0.value.number), $0.location) }, "aim number")
        let missing = Set(Aim.numbers).subtracting(aims.map(\.value.number)).sorted()
        if !missing.isEmpty, let file {
            issues.append(CatalogueIssue(SourceLocation(file: file.path, line: 1, column: 1),
                                         "the seven core aims must all be declared; missing: \(missing.map(String.init).joined(separator: ", "))"))
        }
        return issues
    }

    static func checkDimensions(_ dimensions: [Located<Dimension>], file: SourceFile?) -> [CatalogueIssue] {
        var issues = checkUnique(dimensions.map { ($0.value.letter, $0.location) }, "dimension letter")
        let missing = Set(Dimension.letters).subtracting(dimensions.map(\.value.letter)).sorted()
        if !missing.isEmpty, let file {
            issues.append(CatalogueIssue(SourceLocation(file: file.path, line: 1, column: 1),
                                         "the nine s25(11) dimensions must all be declared; missing: \(missing.joined(separator: ", "))"))
        }
        return issues
    }

    /// Unique codes; every parent declared, of a higher level, with ordered dates.
    static func checkAreas(_ areas: [Located<Area>]) -> [CatalogueIssue] {
        var issues = checkUnique(areas.map { ($0.value.code, $0.location) }, "area code")
        let byCode = Dictionary(areas.map { ($0.value.code, $0.value) }, uniquingKeysWith: { a, _ in a })
        func level(_ kind: Area.Kind) -> Int {
            switch kind {
            case .country: 0
            case .healthBoard: 1
            case .localAuthority: 2
            }
        }
        for located in areas {
            let area = located.value
            if let from = area.validFrom, let to = area.validTo, to < from {
                issues.append(CatalogueIssue(located.location, "area \(area.code) has valid_to \(to) before valid_from \(from)"))
            }
            for link in area.parents {
                guard let parent = byCode[link.code] else {
                    issues.append(CatalogueIssue(located.location, "area \(area.code) names parent \(link.code), which is not declared in areas.yaml"))
                    continue
                }
                if level(parent.kind) >= level(area.kind) {
                    issues.append(CatalogueIssue(located.location, "area \(area.code) (\(area.kind.rawValue)) cannot have parent \(link.code) (\(parent.kind.rawValue)); a parent must be a larger kind of area"))
                }
                if let from = link.from, let to = link.to, to < from {
                    issues.append(CatalogueIssue(located.location, "area \(area.code): parent link to \(link.code) ends (\(to)) before it starts (\(from))"))
                }
            }
        }
        return issues
    }
}
