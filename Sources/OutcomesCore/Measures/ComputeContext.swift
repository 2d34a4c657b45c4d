/// The catalogue seen through the store's integer keys: what the engine needs to know about each
/// indicator, area and breakdown it meets in the observations.
public struct ComputeContext: Sendable {
    public var catalogue: Catalogue
    public var indicators: [Int32: Indicator]
    /// Indicator key → stored id (the one key map, loaded once per run).
    public var indicatorIDs: [String: Int32]
    public var areas: [Int32: Area] { didSet { refreshAreaFacts() } }
    public var areaIDs: [String: Int32] { didSet { refreshAreaFacts() } }
    public var breakdowns: [Int16: Breakdown]
    public var allBreakdown: Int16
    public var wales: Int32
    public var today: CivilDate
    /// ``areas`` resolved through ``areaIDs`` once (kept in step when either changes), so the
    /// engine reads kinds, validity and parents without copying areas or hashing codes per point.
    private(set) var areaFacts: [Int32: AreaFacts]
    /// The local authorities' facts, in code order (``localAuthorities``).
    private(set) var localAuthorityFacts: [AreaFacts]

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
        (areaFacts, localAuthorityFacts) = Self.facts(areas: areas, areaIDs: areaIDs)
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

    private mutating func refreshAreaFacts() {
        (areaFacts, localAuthorityFacts) = Self.facts(areas: areas, areaIDs: areaIDs)
    }

    private static func facts(areas: [Int32: Area], areaIDs: [String: Int32]) -> ([Int32: AreaFacts], [AreaFacts]) {
        var byID: [Int32: AreaFacts] = [:]
        byID.reserveCapacity(areas.count)
        for (id, area) in areas { byID[id] = AreaFacts(id: id, area: area, areaIDs: areaIDs) }
        let localAuthorities = areas.filter { $0.value.kind == .localAuthority }
            .sorted { $0.value.code < $1.value.code }
            .compactMap { byID[$0.key] }
        return (byID, localAuthorities)
    }
}

/// What the engine needs of one area, with its parents' codes already turned into ids.
struct AreaFacts: Sendable {
    /// A parent link with the parent's id (nil when its code has no id).
    struct Parent: Sendable {
        var id: Int32?
        var from: CivilDate?
        var to: CivilDate?
    }

    var id: Int32
    var isLocalAuthority: Bool
    var validFrom: CivilDate?
    var validTo: CivilDate?
    /// In the area's declaration order (the first link covering a date wins, as ``Area/parent(on:)``).
    var parents: [Parent]

    init(id: Int32, area: Area, areaIDs: [String: Int32]) {
        self.id = id
        isLocalAuthority = area.kind == .localAuthority
        validFrom = area.validFrom
        validTo = area.validTo
        parents = area.parents.map { Parent(id: areaIDs[$0.code], from: $0.from, to: $0.to) }
    }

    /// The parent's id on `date`: that of the first link covering it; nil when none covers it
    /// or the covering parent has no id (``ComputeContext/parent(of:in:)``).
    func parent(on date: CivilDate) -> Int32? {
        for link in parents where (link.from.map { $0 <= date } ?? true) && (link.to.map { date <= $0 } ?? true) {
            return link.id
        }
        return nil
    }

    /// Whether the area existed at any time during `period` (``ComputeContext/isValid(_:in:)``).
    func isValid(in period: Period) -> Bool {
        (validFrom.map { $0 <= period.lastDay } ?? true) && (validTo.map { period.firstDay <= $0 } ?? true)
    }
}
