/// Confidence intervals for counts of events and for rates (events per population), treating the
/// count as Poisson.
///
/// ```swift
/// PoissonInterval.count(5, level: .percent95)   // exact: Interval(lower: 1.6235, upper: 11.6683)
/// PoissonInterval.rate(count: 65, denominator: 10_000, level: .percent95, multiplier: 100_000)
/// // Byar: Interval(lower: 501.6…, upper: 828.6…) per 100,000
/// ```
public enum PoissonInterval {
    /// The count below which the exact method is used, as in PHEindicatormethods `phe_rate`.
    public static let exactBelow = 10.0

    /// The interval for a count O: Byar's approximation when O ≥ 10, the exact Poisson limits from
    /// chi-squared quantiles when O < 10 — the rule of PHEindicatormethods `phe_rate` and the
    /// Fingertips technical guidance (APHO Technical Briefing 3, 2008).
    ///
    /// Returns `nil` for a negative or non-finite count.
    public static func count(_ count: Double, level: ConfidenceLevel) -> Interval? {
        guard count.isFinite, count >= 0 else { return nil }
        return count < exactBelow ? exact(count, level: level) : byar(count, level: level)
    }

    /// The interval for a rate O / N × multiplier: `count(O, level:)` divided by the denominator and
    /// times the multiplier, as `phe_rate` (`byars_lower(x)/n*multiplier`, `qchisq(…)/2/n*multiplier`).
    ///
    /// Returns `nil` when the denominator is not positive or the count is negative.
    public static func rate(count: Double, denominator: Double, level: ConfidenceLevel,
                            multiplier: Double) -> Interval? {
        guard denominator.isFinite, denominator > 0, multiplier.isFinite, multiplier > 0,
              let interval = self.count(count, level: level) else { return nil }
        return Interval(lower: interval.lower / denominator * multiplier,
                        upper: interval.upper / denominator * multiplier)
    }

    /// Byar's approximation to the exact Poisson limits (Breslow NE, Day NE (1987), *Statistical
    /// Methods in Cancer Research, vol. II*, IARC, p. 69), as PHEindicatormethods `byars_lower` /
    /// `byars_upper`:
    ///
    ///     lower = O·(1 − 1/(9O) − z/(3√O))³
    ///     upper = (O + 1)·(1 − 1/(9(O + 1)) + z/(3√(O + 1)))³
    static func byar(_ o: Double, level: ConfidenceLevel) -> Interval {
        let z = level.z
        let a = 1 - 1 / (9 * o) - z / (3 * o.squareRoot())
        let o1 = o + 1
        let b = 1 - 1 / (9 * o1) + z / (3 * o1.squareRoot())
        return Interval(lower: o * a * a * a, upper: o1 * b * b * b)
    }

    /// The exact (Garwood 1936, Biometrika 28:437) Poisson limits through the chi-squared
    /// distribution (Armitage P, Berry G, Matthews JNS, *Statistical Methods in Medical Research*,
    /// 4th edn, 2002; as PHEindicatormethods `phe_rate`):
    ///
    ///     lower = qchisq(α/2, 2O) / 2        (0 when O = 0)
    ///     upper = qchisq(1 − α/2, 2O + 2) / 2
    ///
    /// Whole counts 0–9 come from a table computed once per level.
    static func exact(_ o: Double, level: ConfidenceLevel) -> Interval {
        if o == o.rounded(), o >= 0, o < exactBelow {
            let table = level == .percent95 ? exactTable95 : exactTable998
            return table[Int(o)]
        }
        return computeExact(o, level: level)
    }

    private static func computeExact(_ o: Double, level: ConfidenceLevel) -> Interval {
        let tail = level.tailProbability
        let lower = o == 0 ? 0 : Distributions.chiSquaredQuantile(lower: tail, upper: 1 - tail,
                                                                   degreesOfFreedom: 2 * o) / 2
        let upper = Distributions.chiSquaredQuantile(lower: 1 - tail, upper: tail,
                                                     degreesOfFreedom: 2 * o + 2) / 2
        return Interval(lower: lower, upper: upper)
    }

    private static let exactTable95 = (0..<10).map { computeExact(Double($0), level: .percent95) }
    private static let exactTable998 = (0..<10).map { computeExact(Double($0), level: .percent99_8) }
}
