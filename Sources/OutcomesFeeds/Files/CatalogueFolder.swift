import Foundation
public import OutcomesCore

/// Loads the catalogue from its folder (`Indicators/` by default).
///
/// ```swift
/// let catalogue = try CatalogueFolder.load("Indicators")
/// ```
public enum CatalogueFolder {
    /// Reads every catalogue file and builds the catalogue; throws all problems at once. `local`: a
    /// partnership's own folder layered over the national one (see ``read(_:local:)``).
    public static func load(_ folder: String, local: String? = nil) throws(CatalogueError) -> Catalogue {
        var issues: [CatalogueIssue] = []
        let (sources, readIssues) = read(folder, local: local)
        issues += readIssues
        do {
            let catalogue = try CatalogueLoader.load(sources)
            if issues.isEmpty { return catalogue }
        } catch {
            issues += error.issues
        }
        throw CatalogueError(issues: issues)
    }

    /// The folder's files as text, plus any that could not be read. A `local` folder's
    /// `indicators/*.yaml` are added after the national ones, so a partnership keeps its own
    /// indicators without forking the catalogue; they use the national aims, dimensions, partners,
    /// breakdowns and areas, and an id already in the national catalogue is reported as a duplicate
    /// naming both files.
    public static func read(_ folder: String, local: String? = nil) -> (CatalogueSources, [CatalogueIssue]) {
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
                                       areas: file("areas.yaml"), alerts: file(AlertSettings.fileName))
        let indicatorFolder = "\(root)/\(CatalogueSources.indicatorFolder)"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: indicatorFolder)) ?? []
        for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            if let source = file("\(CatalogueSources.indicatorFolder)/\(name)") { sources.indicators.append(source) }
        }
        if let local {
            let (files, localIssues) = localIndicators(local)
            sources.indicators += files
            issues += localIssues
        }
        return (sources, issues)
    }

    /// A local folder's indicator files. Reference files there are refused rather than ignored:
    /// a local folder adds indicators only, and a silently unused `areas.yaml` would mislead.
    static func localIndicators(_ folder: String) -> ([SourceFile], [CatalogueIssue]) {
        let root = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        let indicatorFolder = "\(root)/\(CatalogueSources.indicatorFolder)"
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: indicatorFolder, isDirectory: &isDirectory), isDirectory.boolValue else {
            return ([], [CatalogueIssue(SourceLocation(file: root, line: 1, column: 1),
                                        "local catalogue folder has no \(CatalogueSources.indicatorFolder)/ folder; expected \(indicatorFolder)/<id>.yaml, one file per local indicator")])
        }
        var issues: [CatalogueIssue] = []
        for name in CatalogueSources.referenceFileNames where FileManager.default.fileExists(atPath: "\(root)/\(name)") {
            issues.append(CatalogueIssue(SourceLocation(file: "\(root)/\(name)", line: 1, column: 1),
                                         "a local catalogue adds indicators only; \(name) comes from the national catalogue (remove this file, or propose the change nationally)"))
        }
        var files: [SourceFile] = []
        let names = (try? FileManager.default.contentsOfDirectory(atPath: indicatorFolder)) ?? []
        for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            do { files.append(try TextFile.read("\(indicatorFolder)/\(name)")) } catch { issues.append(error.issue) }
        }
        return (files, issues)
    }
}
