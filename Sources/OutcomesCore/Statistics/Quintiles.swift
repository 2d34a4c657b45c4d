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
        // Lower adjusted value = better.
        let adjusted = values.compactMap { key, value -> (key: String, value: Double)? in
            guard value.isFinite else { return nil }
            return (key, polarity == .highIsGood ? -value : value)
        }
        let n = adjusted.count
        guard n >= count else { return [:] }
        let sorted = adjusted.sorted { ($0.value, $0.key) < ($1.value, $1.key) }
        var result: [String: Int] = [:]
        result.reserveCapacity(n)
        var rank = 1
        for (index, item) in sorted.enumerated() {
            if index > 0, item.value != sorted[index - 1].value { rank = index + 1 }
            let numerator = count * (n + 1 - rank)
            let ceiling = (numerator + n - 1) / n
            result[item.key] = count + 1 - ceiling
        }
        return result
    }
}
