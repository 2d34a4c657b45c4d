import Foundation
public import OutcomesCore

/// Loads the catalogue from its folder (`Indicators/` by default).
///
/// ```swift
/// let catalogue = try CatalogueFolder.load("Indicators")
/// ```
public enum CatalogueFolder {
    /// Reads every catalogue file and builds the catalogue; throws all problems at once.
    public static func load(_ folder: String) throws(CatalogueError) -> Catalogue {
        var issues: [CatalogueIssue] = []
        let (sources, readIssues) = read(folder)
        issues += readIssues
        do {
            let catalogue = try CatalogueLoader.load(sources)
            if issues.isEmpty { return catalogue }
        } catch {
            issues += error.issues
        }
        throw CatalogueError(issues: issues)
    }

    /// The folder's files as text, plus any that could not be read.
    public static func read(_ folder: String) -> (CatalogueSources, [CatalogueIssue]) {
        let root = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        var issues: [CatalogueIssue] = []
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            issues.append(CatalogueIssue(SourceLocation(file: root, line: 1, column: 1),
                                         "catalogue folder not found; expected a folder with aims.yaml, dimensions.yaml, partners.yaml, breakdowns.yaml, areas.yaml and indicators/"))
            return (CatalogueSources(folder: root), issues)
        }
        func file(_ name: String) -> SourceFile? {
            let path = "\(root)/\(name)"
            guard FileManager.default.fileExists(atPath: path) else { return nil }
            do { return try TextFile.read(path) } catch { issues.append(error.issue); return nil }
        }
        var sources = CatalogueSources(folder: root, aims: file("aims.yaml"), dimensions: file("dimensions.yaml"),
                                       partners: file("partners.yaml"), breakdowns: file("breakdowns.yaml"),
                                       areas: file("areas.yaml"))
        let indicatorFolder = "\(root)/\(CatalogueSources.indicatorFolder)"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: indicatorFolder)) ?? []
        for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            if let source = file("\(CatalogueSources.indicatorFolder)/\(name)") { sources.indicators.append(source) }
        }
        return (sources, issues)
    }
}
