internal import OutcomesCore

/// The catalogue rearranged for validating rows fast: byte-keyed lookups, and per indicator and
/// area only the plain values the checks need (copying a whole `Indicator` per row would retain
/// and release a dozen strings and arrays). Built once per ``RowValidator``.
struct CatalogueTables: Sendable {
    /// What a row check needs to know about an indicator; trivially copyable.
    struct IndicatorRule: Sendable {
        var kind: Indicator.Kind
        var multiplier: Double
        var validRange: Indicator.ValueRange
        var periodType: PeriodType
        /// Whether the sending partner may send it (always, when no partner is given).
        var partnerAllowed: Bool
    }

    /// When an area existed; trivially copyable.
    struct AreaSpan: Sendable {
        var from: CivilDate?
        var to: CivilDate?
    }

    /// Full records, for messages.
    let indicators: [Indicator]
    let rules: [IndicatorRule]
    let ids: [String]
    let indicatorTable: ByteKeyTable
    let areas: [Area]
    let spans: [AreaSpan]
    let areaCodes: [String]
    let areaTable: ByteKeyTable
    /// Catalogue breakdown keys, plus `all` should the catalogue lack it.
    let breakdowns: [String]
    let breakdownTable: ByteKeyTable
    let allBreakdown: Int
    /// `allows[indicator * breakdowns.count + breakdown]`.
    private let allows: [Bool]

    init(_ catalogue: Catalogue, partner: String?) {
        let order = CatalogueKeyOrder(catalogue)
        let keys = order.breakdowns
        breakdowns = keys
        breakdownTable = ByteKeyTable(keys)
        allBreakdown = keys.firstIndex(of: Breakdown.allKey) ?? 0
        indicators = catalogue.indicators
        ids = order.indicators
        rules = catalogue.indicators.map { indicator in
            IndicatorRule(kind: indicator.kind, multiplier: indicator.multiplier, validRange: indicator.validRange,
                          periodType: indicator.periodType,
                          partnerAllowed: partner.map { $0 == indicator.partner } ?? true)
        }
        allows = catalogue.indicators.flatMap { indicator in keys.map { indicator.breakdowns.contains($0) } }
        indicatorTable = ByteKeyTable(ids)
        areas = catalogue.areas
        spans = catalogue.areas.map { AreaSpan(from: $0.validFrom, to: $0.validTo) }
        areaCodes = order.areas
        areaTable = ByteKeyTable(areaCodes)
    }

    @inline(__always)
    func allows(indicator: Int, breakdown: Int) -> Bool {
        allows[indicator * breakdowns.count + breakdown]
    }
}
