/// The whole declarative catalogue: aims, dimensions, partners, breakdowns, areas and indicators.
///
/// Built by ``CatalogueLoader`` from the YAML files in `Indicators/`; immutable and `Sendable`, so a
/// reload swaps one value for another.
public struct Catalogue: Hashable, Sendable {
    public var aims: [Aim]
    public var dimensions: [Dimension]
    public var partners: [Partner]
    public var breakdowns: [Breakdown]
    public var areas: [Area]
    /// Sorted by id (by ``init``): readers walk it in id order (``AreaSummary/build``). Tests
    /// change indicators' rules in place; nothing reorders it.
    public var indicators: [Indicator]
    /// Late-feed rules and the repeat interval, from `alerts.yaml`.
    public var alertSettings: AlertSettings
    /// A fingerprint of the files the catalogue was loaded from (FNV-1a 64, hex), recorded with
    /// every sync and run so results say which catalogue produced them.
    public var fingerprint: String

    private var indicatorIndex: [String: Int] = [:]
    private var areaIndex: [String: Int] = [:]

    public init(aims: [Aim], dimensions: [Dimension], partners: [Partner], breakdowns: [Breakdown],
                areas: [Area], indicators: [Indicator], alertSettings: AlertSettings = AlertSettings(), fingerprint: String) {
        self.aims = aims
        self.dimensions = dimensions
        self.partners = partners
        self.breakdowns = breakdowns
        self.areas = areas
        self.indicators = indicators.sorted { $0.id < $1.id }
        self.alertSettings = alertSettings
        self.fingerprint = fingerprint
        for (i, indicator) in self.indicators.enumerated() { indicatorIndex[indicator.id] = i }
        for (i, area) in areas.enumerated() { areaIndex[area.code] = i }
    }

    public func indicator(_ id: String) -> Indicator? {
        indicatorIndex[id].map { indicators[$0] }
    }

    public func area(_ code: String) -> Area? {
        areaIndex[code].map { areas[$0] }
    }

    /// Indicators per core aim number (an indicator may serve several aims).
    public var indicatorCountByAim: [Int: Int] {
        var counts: [Int: Int] = [:]
        for indicator in indicators { for aim in Set(indicator.aims) { counts[aim, default: 0] += 1 } }
        return counts
    }

    /// Indicators per s25(11) dimension letter.
    public var indicatorCountByDimension: [String: Int] {
        var counts: [String: Int] = [:]
        for indicator in indicators { for d in Set(indicator.dimensions) { counts[d, default: 0] += 1 } }
        return counts
    }

    /// "52 indicators, 7 aims, 9 dimensions, 14 partners, 8 breakdowns, 32 areas".
    public var summary: String {
        "\(indicators.count) indicators, \(aims.count) aims, \(dimensions.count) dimensions, "
            + "\(partners.count) partners, \(breakdowns.count) breakdowns, \(areas.count) areas"
    }
}
