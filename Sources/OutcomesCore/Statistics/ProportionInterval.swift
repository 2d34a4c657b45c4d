/// Confidence intervals for a proportion (numerator out of denominator).
///
/// ```swift
/// ProportionInterval.wilson(numerator: 65, denominator: 100, level: .percent95)
/// // Interval(lower: 55.25…, upper: 73.63…) — a percentage, multiplier 100
/// ```
public enum ProportionInterval {
    /// The Wilson score interval, Wilson EB (1927), "Probable inference, the law of succession, and
    /// statistical inference", JASA 22:209–212; in the form of PHEindicatormethods `wilson_lower` /
    /// `wilson_upper` (used by `phe_proportion`) and the Fingertips technical guidance
    /// (APHO Technical Briefing 3, "Commonly used public health statistics and their confidence
    /// intervals", 2008):
    ///
    ///     lower, upper = (2x + z² ∓ z·√(z² + 4x(1 − x/n))) / (2(n + z²))
    ///
    /// times `multiplier` (100 gives a percentage). To avoid cancellation the limits are computed in
    /// algebraically equal forms: the lower limit as 2x² / (n·(2x + z² + r)), r = z·√(z² + 4x(n − x)/n),
    /// which is exactly 0 when x = 0; the upper limit directly when x ≤ n/2 and otherwise as one minus
    /// the lower limit for n − x (r is symmetric in x and n − x), which is exactly 1 when x = n.
    ///
    /// Returns `nil` when the denominator is not positive or the numerator is outside [0, denominator].
    public static func wilson(numerator x: Double, denominator n: Double, level: ConfidenceLevel,
                              multiplier: Double = 100) -> Interval? {
        guard x.isFinite, n.isFinite, multiplier.isFinite, multiplier > 0,
              n > 0, x >= 0, x <= n else { return nil }
        let z = level.z
        let z2 = z * z
        let root = z * (z2 + 4 * x * ((n - x) / n)).squareRoot()
        func lowerLimit(_ k: Double) -> Double { 2 * k * k / (n * (2 * k + z2 + root)) }
        let lower = lowerLimit(x)
        let upper = x <= n / 2 ? (2 * x + z2 + root) / (2 * (n + z2)) : 1 - lowerLimit(n - x)
        return Interval(lower: lower * multiplier, upper: upper * multiplier)
    }
}
