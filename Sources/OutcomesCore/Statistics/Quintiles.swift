/// Quintiles of a value among areas (the 22 local authorities), 1 being the best fifth.
///
/// ```swift
/// Quintiles.assign(["W06000001": 12.0, …], polarity: .lowIsGood)   // ["W06000001": 1, …]
/// ```
public enum Quintiles {
    public static let count = 5

    /// PHEindicatormethods `phe_quantile` with `nquantiles = 5` (the method of OHID's technical
    /// guide "Assigning deprivation categories"): values are ranked from the best end with ties
    /// given the same, lowest rank (R's `rank(ties.method = "min")`), and
    ///
    ///     quintile = 6 − ⌈5·(N + 1 − rank) / N⌉
    ///
    /// so quintile 1 holds the best fifth and tied values always share a quintile. "Best" is the
    /// highest value for high_is_good and the lowest for low_is_good; for no_judgement quintile 1 is
    /// the lowest fifth. The ceiling is taken in exact integer arithmetic (phe_quantile's floating
    /// division needs its `quantile == 0 → 1` patch; this does not).
    ///
    /// Non-finite values are left out. With fewer values than quintiles (fewer than five areas) no
    /// quintiles are assigned and the result is empty, as phe_quantile returns NA.
    public static func assign(_ values: [String: Double], polarity: Indicator.Polarity) -> [String: Int] {
        let entries = Array(values)
        let quintiles = assign(entries.map(\.value), polarity: polarity)
        var result: [String: Int] = [:]
        result.reserveCapacity(entries.count)
        for (entry, quintile) in zip(entries, quintiles) { if let quintile { result[entry.key] = quintile } }
        return result
    }

    /// The rule of ``assign(_:polarity:)`` on values given by position: the quintile of each value,
    /// in the order given; nil for non-finite values, and every entry nil when fewer than ``count``
    /// values are finite. A value's quintile depends only on how many values are strictly better,
    /// so which keys the values belong to (the public form's tie order) cannot change it.
    static func assign(_ values: [Double], polarity: Indicator.Polarity) -> [Int?] {
        var result = [Int?](repeating: nil, count: values.count)
        // Lower adjusted value = better.
        var adjusted: [(position: Int, value: Double)] = []
        adjusted.reserveCapacity(values.count)
        for (position, value) in values.enumerated() where value.isFinite {
            adjusted.append((position, polarity == .highIsGood ? -value : value))
        }
        let n = adjusted.count
        guard n >= count else { return result }
        adjusted.sort { $0.value < $1.value }
        var rank = 1
        for (index, item) in adjusted.enumerated() {
            if index > 0, item.value != adjusted[index - 1].value { rank = index + 1 }
            let numerator = count * (n + 1 - rank)
            let ceiling = (numerator + n - 1) / n
            result[item.position] = count + 1 - ceiling
        }
        return result
    }
}
