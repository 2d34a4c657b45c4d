/// The two confidence levels of the UK public-health indicator tradition (Fingertips,
/// PHEindicatormethods): 95% for intervals shown to readers and "similar"/"better"/"worse";
/// 99.8% (about three standard errors) for the stronger "best"/"worst" judgements. Both two-sided.
///
/// ```swift
/// ConfidenceLevel.percent95.z          // 1.959963984540054 (R: qnorm(0.975))
/// ConfidenceLevel.percent99_8.z        // 3.090232306167813 (R: qnorm(0.999))
/// ```
public enum ConfidenceLevel: Sendable, Hashable, CaseIterable {
    case percent95
    case percent99_8

    /// The confidence, as a fraction: 0.95 or 0.998.
    public var confidence: Double {
        switch self {
        case .percent95: 0.95
        case .percent99_8: 0.998
        }
    }

    /// The probability in each tail, α/2 = (1 − confidence)/2: 0.025 or 0.001 (written exactly,
    /// not as a difference, so quantiles of upper tails keep every digit).
    public var tailProbability: Double {
        switch self {
        case .percent95: 0.025
        case .percent99_8: 0.001
        }
    }

    /// The two-sided standard normal deviate z = Φ⁻¹(1 − α/2), as PHEindicatormethods' `zscore`
    /// (`qnorm(confidence + (1 − confidence)/2)`).
    public var z: Double {
        switch self {
        case .percent95: ConfidenceLevel.z95
        case .percent99_8: ConfidenceLevel.z998
        }
    }

    private static let z95 = -Distributions.normalQuantile(0.025)
    private static let z998 = -Distributions.normalQuantile(0.001)
}
