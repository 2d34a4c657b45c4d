/// Small-number disclosure control, as in official statistics (e.g. the ONS and Welsh Government
/// practice of suppressing counts below a threshold): a proportion or rate whose numerator or
/// denominator is below the indicator's `small_number_threshold` (default 5), or a count below
/// it, is withheld from readers with every figure derived from it. Means and values supplied with
/// their own intervals are not counts and are never withheld here.
public enum SmallNumbers {
    public static let defaultThreshold = 5.0

    public static func threshold(_ indicator: Indicator) -> Double {
        indicator.smallNumberThreshold.map(Double.init) ?? defaultThreshold
    }

    /// Whether a point of `indicator` with these figures falls under the threshold.
    public static func isSmall(_ indicator: Indicator, numerator: Double?, denominator: Double?, value: Double?) -> Bool {
        let t = threshold(indicator)
        switch indicator.kind {
        case .proportion, .rate: return (numerator.map { $0 < t } ?? false) || (denominator.map { $0 < t } ?? false)
        case .count: return value.map { $0 < t } ?? false
        case .mean, .valueWithCI: return false
        }
    }
}
