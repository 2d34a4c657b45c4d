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
    /// times `multiplier` (100 gives a percentage). The lower limit is computed in the algebraically
    /// equal form 2x² / (n·(2x + z² + z·√(z² + 4x(1 − x/n)))), which avoids cancellation for small x
    /// and is exactly 0 when x = 0.
    ///
    /// Returns `nil` when the denominator is not positive or the numerator is outside [0, denominator].
    public static func wilson(numerator x: Double, denominator n: Double, level: ConfidenceLevel,
                              multiplier: Double = 100) -> Interval? {
        guard x.isFinite, n.isFinite, multiplier.isFinite, multiplier > 0,
              n > 0, x >= 0, x <= n else { return nil }
        let z = level.z
        let z2 = z * z
        let root = z * (z2 + 4 * x * ((n - x) / n)).squareRoot()
        let lower = 2 * x * x / (n * (2 * x + z2 + root))
        let upper = (2 * x + z2 + root) / (2 * (n + z2))
        return Interval(lower: lower, upper: min(upper, 1)).scaled(by: multiplier)
    }
}
