/// Confidence intervals for a mean of individual values.
///
/// ```swift
/// MeanInterval.studentT(mean: 45, standardDeviation: 12.909944487358056, count: 4, level: .percent95)
/// // Interval(lower: 24.457…, upper: 65.542…)
/// ```
public enum MeanInterval {
    /// The Student t interval with the sample standard deviation (Student (1908), "The probable error
    /// of a mean", Biometrika 6:1–25), as PHEindicatormethods `phe_mean`:
    ///
    ///     mean ∓ |qt(α/2, n − 1)| · sd / √n
    ///
    /// Returns `nil` when fewer than two values stand behind the mean (no degrees of freedom) or the
    /// standard deviation is negative.
    public static func studentT(mean: Double, standardDeviation sd: Double, count n: Double,
                                level: ConfidenceLevel) -> Interval? {
        guard mean.isFinite, sd.isFinite, n.isFinite, sd >= 0, n >= 2 else { return nil }
        let t = Distributions.studentTUpperQuantile(tail: level.tailProbability, degreesOfFreedom: n - 1)
        let half = t * sd / n.squareRoot()
        return Interval(lower: mean - half, upper: mean + half)
    }
}
