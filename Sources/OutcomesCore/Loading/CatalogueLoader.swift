internal import Yams

/// Builds a ``Catalogue`` from its YAML files, reporting every problem as `file:line:column: message`.
///
/// ```swift
/// let catalogue = try CatalogueLoader.load(sources)   // throws CatalogueError with all issues
/// ```
/// The reference files (aims, dimensions, partners, breakdowns, areas) are read first, so that an
/// indicator naming an undeclared aim, dimension, partner or breakdown is reported at the exact
/// list item. When a reference file itself fails, references to it are not checked (one cause,
/// one message).
public enum CatalogueLoader {
    public static func load(_ sources: CatalogueSources) throws(CatalogueError) -> Catalogue {
        var issues: [CatalogueIssue] = []
        func missing(_ name: String) {
            issues.append(CatalogueIssue(SourceLocation(file: "\(sources.folder)/\(name)", line: 1, column: 1),
                                         "required catalogue file is missing"))
        }

        func readList<T>(_ file: SourceFile?, _ name: String, _ listKey: String,
                         _ read: (YAMLReader, Node) -> T?) -> [T]? {
            guard let file else { missing(name); return nil }
            let (reader, root) = YAMLReader.compose(file)
            defer { issues += reader.issues }
            guard let root, let top = reader.fields(root, name) else { return nil }
            top.rejectUnknown([listKey])
            guard let list = top.required(listKey), let items = reader.items(list, listKey) else { return nil }
            let before = reader.issues.count
            let values = items.compactMap { read(reader, $0) }
            return reader.issues.count == before ? values : nil
        }

        let aims = readList(sources.aims, "aims.yaml", "aims", ReferenceReaders.aim)
        let dimensions = readList(sources.dimensions, "dimensions.yaml", "dimensions", ReferenceReaders.dimension)
        let partners = readList(sources.partners, "partners.yaml", "partners", ReferenceReaders.partner)
        let breakdowns = readList(sources.breakdowns, "breakdowns.yaml", "breakdowns", ReferenceReaders.breakdown)
        let areas = readList(sources.areas, "areas.yaml", "areas", ReferenceReaders.area)

        // Cross-checks inside the reference files.
        if let aims { issues += ReferenceReaders.checkAims(aims, file: sources.aims) }
        if let dimensions { issues += ReferenceReaders.checkDimensions(dimensions, file: sources.dimensions) }
        if let partners { issues += ReferenceReaders.checkUnique(partners.map { ($0.value.key, $0.location) }, "partner key") }
        if let breakdowns {
            issues += ReferenceReaders.checkUnique(breakdowns.map { ($0.value.key, $0.location) }, "breakdown key")
            if !breakdowns.contains(where: { $0.value.key == Breakdown.allKey }), let file = sources.breakdowns {
                issues.append(CatalogueIssue(SourceLocation(file: file.path, line: 1, column: 1),
                                             "breakdowns must declare '\(Breakdown.allKey)' (all children)"))
            }
        }
        if let areas { issues += ReferenceReaders.checkAreas(areas) }

        let known = IndicatorReader.Known(
            aims: aims.map { Set($0.map(\.value.number)) },
            dimensions: dimensions.map { Set($0.map(\.value.letter)) },
            partners: partners.map { $0.map(\.value.key) },
            breakdowns: breakdowns.map { $0.map(\.value.key) },
            areaCodes: areas.map { Set($0.map(\.value.code)) },
            priorityGroups: breakdowns.map { Set($0.filter(\.value.isPriorityGroup).map(\.value.key)) }
        )
        if sources.indicators.isEmpty {
            issues.append(CatalogueIssue(SourceLocation(file: "\(sources.folder)/\(CatalogueSources.indicatorFolder)", line: 1, column: 1),
                                         "no indicator files found; expected one YAML file per indicator"))
        }
        var indicators: [Located<Indicator>] = []
        for file in sources.indicators {
            let (reader, root) = YAMLReader.compose(file)
            if let root, let indicator = IndicatorReader(reader: reader, known: known, file: file).read(root) {
                indicators.append(indicator)
            }
            issues += reader.issues
        }
        issues += ReferenceReaders.checkUnique(indicators.map { ($0.value.id, $0.location) }, "indicator id")
        var alertSettings = AlertSettings()
        if let file = sources.alerts {
            let (reader, root) = YAMLReader.compose(file)
            if let root, let settings = AlertSettingsReader(reader: reader, partners: partners.map { Set($0.map(\.value.key)) }).read(root) {
                alertSettings = settings
            }
            issues += reader.issues
        }

        guard issues.isEmpty, let aims, let dimensions, let partners, let breakdowns, let areas else {
            throw CatalogueError(issues: issues)
        }
        return Catalogue(aims: aims.map(\.value), dimensions: dimensions.map(\.value),
                         partners: partners.map(\.value), breakdowns: breakdowns.map(\.value),
                         areas: areas.map(\.value), indicators: indicators.map(\.value),
                         alertSettings: alertSettings, fingerprint: sources.fingerprint)
    }
}

/// A value with the place it was declared, for duplicate and cross-reference messages.
struct Located<Value> {
    var value: Value
    var location: SourceLocation
}
