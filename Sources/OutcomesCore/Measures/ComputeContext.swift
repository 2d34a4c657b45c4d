/// The catalogue seen through the store's integer keys: what the engine needs to know about each
/// indicator, area and breakdown it meets in the observations.
public struct ComputeContext: Sendable {
    public var catalogue: Catalogue
    public var indicators: [Int32: Indicator]
    /// Indicator key → stored id (the one key map, loaded once per run).
    public var indicatorIDs: [String: Int32]
    public let areas: [Int32: Area]
    public let areaIDs: [String: Int32]
    public var breakdowns: [Int16: Breakdown]
    public var allBreakdown: Int16
    public var wales: Int32
    public var today: CivilDate
    /// ``areas`` with their parents' codes resolved through ``areaIDs`` once, so the engine
    /// reads kinds, validity and parents without hashing codes per point.
    let areaFacts: [Int32: AreaFacts]
    /// The local authorities' facts, in code order (``localAuthorities``).
    let localAuthorityFacts: [AreaFacts]

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
        var facts: [Int32: AreaFacts] = [:]
        for (id, area) in areas { facts[id] = AreaFacts(id: id, area: area, areaIDs: areaIDs) }
        areaFacts = facts
        localAuthorityFacts = areas.filter { $0.value.kind == .localAuthority }
            .sorted { $0.value.code < $1.value.code }
            .compactMap { facts[$0.key] }
    }

    public static let walesCode = "W92000004"

    /// The local authorities, in code order.
    public var localAuthorities: [Int32] { localAuthorityFacts.map(\.id) }

    /// The health board an area belonged to during `period` (by the period's first day).
    public func parent(of area: Int32, in period: Period) -> Int32? {
        areaFacts[area]?.parent(on: period.firstDay)
    }

    /// Whether an area existed at any time during `period`.
    public func isValid(_ area: Int32, in period: Period) -> Bool {
        areaFacts[area]?.isValid(in: period) ?? false
    }
}

/// One area with its parents' codes already turned into ids (nil for a code without one), in
/// the order of ``Area/parents``: the rules stay ``Area``'s own.
struct AreaFacts: Sendable {
    let id: Int32
    let area: Area
    let parentIDs: [Int32?]

    init(id: Int32, area: Area, areaIDs: [String: Int32]) {
        self.id = id
        self.area = area
        parentIDs = area.parents.map { areaIDs[$0.code] }
    }

    var isLocalAuthority: Bool { area.kind == .localAuthority }

    /// The id of the parent on `date` (``Area/parent(on:)``: the first link covering it).
    func parent(on date: CivilDate) -> Int32? {
        area.parents.firstIndex { $0.covers(date) }.flatMap { parentIDs[$0] }
    }

    func isValid(in period: Period) -> Bool { area.existed(during: period) }
}
