extension Distributions {
    /// The chi-squared distribution function P(X ≤ x) with k degrees of freedom: the regularised
    /// lower incomplete gamma function P(k/2, x/2) (Abramowitz & Stegun 26.4.19), computed as in
    /// *Numerical Recipes* §6.2 (see `IncompleteGamma`).
    public static func chiSquaredCDF(_ x: Double, degreesOfFreedom k: Double) -> Double {
        guard k > 0, k.isFinite, !x.isNaN else { return .nan }
        if x <= 0 { return 0 }
        return IncompleteGamma.regularized(a: k / 2, x: x / 2).p
    }

    /// The chi-squared quantile: the x with P(X ≤ x) = p for k degrees of freedom, as R's
    /// `qchisq(p, k)`; 2·P⁻¹(k/2, p) by Halley-refined inversion of the regularised incomplete gamma
    /// function (*Numerical Recipes* §6.2.1). `chiSquaredQuantile(0.998, degreesOfFreedom: 1)` is the
    /// Fingertips trend threshold 9.5495 (= `qnorm(0.999)²`).
    public static func chiSquaredQuantile(_ p: Double, degreesOfFreedom k: Double) -> Double {
        chiSquaredQuantile(lower: p, upper: 1 - p, degreesOfFreedom: k)
    }

    /// The quantile given both tail probabilities (lower + upper = 1), so that an upper-tail
    /// probability such as 0.001 is used exactly rather than through 1 − 0.999.
    static func chiSquaredQuantile(lower p: Double, upper q: Double, degreesOfFreedom k: Double) -> Double {
        guard k > 0, k.isFinite, p >= 0, p <= 1, q >= 0, q <= 1 else { return .nan }
        return 2 * IncompleteGamma.inverse(a: k / 2, p: p, q: q)
    }
}
