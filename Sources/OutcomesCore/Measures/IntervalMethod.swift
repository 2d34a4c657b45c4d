/// Chooses the interval method by indicator type, as in the UK public-health indicator tradition
/// (Fingertips technical guidance; PHEindicatormethods):
/// - proportion: Wilson score (``ProportionInterval/wilson(numerator:denominator:level:multiplier:)``);
/// - rate: Byar's method, exact Poisson below 10 events (``PoissonInterval/rate(count:denominator:level:multiplier:)``);
/// - count: the same Poisson limits on the count itself;
/// - mean and value-with-interval: the supplied `lower`/`upper` taken as the 95% interval (feeds
///   carry no standard deviation); the 99.8% interval of a supplied one assumes a normal sampling
///   distribution and widens its half-widths by z(0.999)/z(0.975).
/// Confidential (`c`) or missing (`x`) points without numbers have no value and no interval.
public enum IntervalMethod {
    public static func intervals(_ p: ObservationPoint, indicator: Indicator) -> (Double?, Interval?, Interval?) {
        switch indicator.kind {
        case .proportion, .rate:
            guard let n = p.numerator, let d = p.denominator, d > 0 else { return (p.value, supplied(p), widened(p)) }
            let value = n / d * indicator.multiplier
            if indicator.kind == .proportion {
                return (value, ProportionInterval.wilson(numerator: n, denominator: d, level: .percent95, multiplier: indicator.multiplier),
                        ProportionInterval.wilson(numerator: n, denominator: d, level: .percent99_8, multiplier: indicator.multiplier))
            }
            return (value, PoissonInterval.rate(count: n, denominator: d, level: .percent95, multiplier: indicator.multiplier),
                    PoissonInterval.rate(count: n, denominator: d, level: .percent99_8, multiplier: indicator.multiplier))
        case .count:
            guard let v = p.value else { return (nil, nil, nil) }
            if let s = supplied(p) { return (v, s, widened(p)) }
            return (v, PoissonInterval.count(v, level: .percent95), PoissonInterval.count(v, level: .percent99_8))
        case .mean, .valueWithCI:
            return (p.value, supplied(p), widened(p))
        }
    }

    static func supplied(_ p: ObservationPoint) -> Interval? {
        guard let lower = p.lower, let upper = p.upper, lower <= upper else { return nil }
        return Interval(lower: lower, upper: upper)
    }

    /// A supplied 95% interval widened to 99.8% (normal approximation, per side).
    static func widened(_ p: ObservationPoint) -> Interval? {
        guard let value = p.value, let i = supplied(p), value >= i.lower, value <= i.upper else { return nil }
        let factor = ConfidenceLevel.percent99_8.z / ConfidenceLevel.percent95.z
        return Interval(lower: value - (value - i.lower) * factor, upper: value + (i.upper - value) * factor)
    }
}
