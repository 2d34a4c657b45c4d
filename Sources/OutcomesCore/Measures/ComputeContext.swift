/// The catalogue seen through the store's integer keys: what the engine needs to know about each
/// indicator, area and breakdown it meets in the observations.
public struct ComputeContext: Sendable {
    public var catalogue: Catalogue
    public var indicators: [Int32: Indicator]
    /// Indicator key → stored id (the one key map, loaded once per run).
    public var indicatorIDs: [String: Int32]
    public var areas: [Int32: Area]
    public var areaIDs: [String: Int32]
    public var breakdowns: [Int16: Breakdown]
    public var allBreakdown: Int16
    public var wales: Int32
    public var today: CivilDate

    public init(catalogue: Catalogue, indicatorIDs: [String: Int32], areaIDs: [String: Int32],
                breakdownIDs: [String: Int16], today: CivilDate) {
        self.catalogue = catalogue
        var indicators: [Int32: Indicator] = [:]
        for indicator in catalogue.indicators { if let id = indicatorIDs[indicator.id] { indicators[id] = indicator } }
        self.indicators = indicators
        self.indicatorIDs = indicatorIDs
        var areas: [Int32: Area] = [:]
        for area in catalogue.areas { if let id = areaIDs[area.code] { areas[id] = area } }
        self.areas = areas
        self.areaIDs = areaIDs
        var breakdowns: [Int16: Breakdown] = [:]
        for breakdown in catalogue.breakdowns { if let id = breakdownIDs[breakdown.key] { breakdowns[id] = breakdown } }
        self.breakdowns = breakdowns
        allBreakdown = breakdownIDs[Breakdown.allKey] ?? -1
        wales = areaIDs[Self.walesCode] ?? -1
        self.today = today
    }

    public static let walesCode = "W92000004"

    /// The local authorities, in code order.
    public var localAuthorities: [Int32] {
        areas.filter { $0.value.kind == .localAuthority }.sorted { $0.value.code < $1.value.code }.map(\.key)
    }

    /// The health board an area belonged to during `period` (by the period's first day).
    public func parent(of area: Int32, in period: Period) -> Int32? {
        guard let code = areas[area]?.parent(on: period.firstDay) else { return nil }
        return areaIDs[code]
    }

    /// Whether an area existed at any time during `period`.
    public func isValid(_ area: Int32, in period: Period) -> Bool {
        guard let a = areas[area] else { return false }
        return (a.validFrom.map { $0 <= period.lastDay } ?? true) && (a.validTo.map { period.firstDay <= $0 } ?? true)
    }
}
