#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The special functions the confidence intervals and the trend test need: quantiles and
/// distribution functions of the normal, chi-squared and Student t distributions.
///
/// Each function is accurate to about 1e-13 relative (checked against 40-digit references and
/// exact closed forms in the tests). Arguments outside the domain give `.nan`.
///
/// ```swift
/// Distributions.normalQuantile(0.975)                          // 1.959963984540054
/// Distributions.chiSquaredQuantile(0.998, degreesOfFreedom: 1)  // 9.549535706083242
/// Distributions.studentTQuantile(0.975, degreesOfFreedom: 9)   // 2.262157162798205
/// ```
public enum Distributions {
    /// The natural logarithm of |Γ(x)|, from the C library's re-entrant `lgamma_r`.
    public static func logGamma(_ x: Double) -> Double {
        let (value, _) = lgamma(x)
        return value
    }

    /// log Γ(a + b) − log Γ(a) without the cancellation of subtracting two large numbers when `a`
    /// is large: Stirling's series differenced term by term (Abramowitz & Stegun 6.1.40),
    /// log Γ(z) = (z − ½)·log z − z + ½·log 2π + 1/(12z) − 1/(360z³) + 1/(1260z⁵) − 1/(1680z⁷),
    /// whose truncation error is below 1e-19 for z ≥ 50.
    static func logGammaRatio(_ a: Double, plus b: Double) -> Double {
        guard a >= 50 else { return logGamma(a + b) - logGamma(a) }
        func series(_ z: Double) -> Double {
            let r = 1 / (z * z)
            return (1 / z) * (1.0 / 12 - r * (1.0 / 360 - r * (1.0 / 1260 - r / 1680)))
        }
        return (a - 0.5) * log1p(b / a) + b * log(a + b) - b + (series(a + b) - series(a))
    }
}
