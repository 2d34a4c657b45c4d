/// The files of a catalogue folder, as read by the caller.
///
/// Layout of `Indicators/`: `aims.yaml`, `dimensions.yaml`, `partners.yaml`, `breakdowns.yaml`,
/// `areas.yaml`, and `indicators/<id>.yaml`, one per indicator.
public struct CatalogueSources: Sendable {
    /// The folder's path as shown in messages (e.g. `Indicators`).
    public var folder: String
    public var aims: SourceFile?
    public var dimensions: SourceFile?
    public var partners: SourceFile?
    public var breakdowns: SourceFile?
    public var areas: SourceFile?
    public var indicators: [SourceFile]
    /// `alerts.yaml` (optional): late-feed rules and alert defaults.
    public var alerts: SourceFile?

    public static let referenceFileNames = ["aims.yaml", "dimensions.yaml", "partners.yaml", "breakdowns.yaml", "areas.yaml"]
    public static let indicatorFolder = "indicators"

    public init(folder: String, aims: SourceFile? = nil, dimensions: SourceFile? = nil,
                partners: SourceFile? = nil, breakdowns: SourceFile? = nil, areas: SourceFile? = nil,
                indicators: [SourceFile] = [], alerts: SourceFile? = nil) {
        self.folder = folder
        self.aims = aims
        self.dimensions = dimensions
        self.partners = partners
        self.breakdowns = breakdowns
        self.areas = areas
        self.indicators = indicators
        self.alerts = alerts
    }

    /// FNV-1a 64 over every file's name and text, in a fixed order: changes when any file changes.
    public var fingerprint: String {
        var hash = FNV1a()
        let files = [aims, dimensions, partners, breakdowns, areas, alerts].compactMap { $0 }
            + indicators.sorted { $0.fileName < $1.fileName }
        for file in files {
            hash.combine(file.fileName.utf8)
            hash.combine([0])
            hash.combine(file.text.utf8)
            hash.combine([0])
        }
        return hash.hex
    }
}
