public import OutcomesCore

/// The catalogue's keys in the order ``ObservationRow/Positions`` counts them: indicators and
/// areas as the catalogue lists them, breakdowns as it lists them plus `all` at the end should it
/// lack it. The readers and the store build it from the same catalogue, so a position read by one
/// is the same key to the other.
/// ```swift
/// let order = CatalogueKeyOrder(catalogue)
/// order.indicators[row.positions!.indicator] == row.indicator   // true
/// ```
public struct CatalogueKeyOrder: Sendable {
    public let indicators: [String]
    public let areas: [String]
    public let breakdowns: [String]

    public init(_ catalogue: Catalogue) {
        indicators = catalogue.indicators.map(\.id)
        areas = catalogue.areas.map(\.code)
        var keys = catalogue.breakdowns.map(\.key)
        if !keys.contains(Breakdown.allKey) { keys.append(Breakdown.allKey) }
        breakdowns = keys
    }
}
