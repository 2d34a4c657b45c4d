#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The regularised incomplete beta function I_x(a, b) and its complement 1 − I_x(a, b): the engine of
/// the Student t distribution (P(|T| > t) = I_(ν/(ν+t²))(ν/2, ½), Abramowitz & Stegun 26.7.1 with
/// 26.5.27).
///
/// Method: *Numerical Recipes* (3rd edn, 2007) §6.4 — the continued fraction of Abramowitz & Stegun
/// 26.5.8 evaluated by the modified Lentz method, on I_x(a, b) when x < (a + 1)/(a + b + 2) and on
/// I_(1−x)(b, a) otherwise, so that the tail returned directly is the one that converges fast.
/// The caller passes x and 1 − x (and their logarithms) computed without cancellation.
enum IncompleteBeta {
    /// (I_x(a, b), 1 − I_x(a, b)), given x, y = 1 − x, log x and log y.
    static func regularized(a: Double, b: Double, x: Double, y: Double,
                            logX: Double, logY: Double) -> (value: Double, complement: Double) {
        guard a > 0, b > 0, x >= 0, y >= 0 else { return (.nan, .nan) }
        if x == 0 { return (0, 1) }
        if y == 0 { return (1, 0) }
        let front = exp(a * logX + b * logY - logBeta(a, b))
        if x < (a + 1) / (a + b + 2) {
            let value = front * continuedFraction(a: a, b: b, x: x) / a
            return (value, 1 - value)
        }
        let complement = front * continuedFraction(a: b, b: a, x: y) / b
        return (1 - complement, complement)
    }

    /// log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b), differenced through Stirling's series when
    /// one argument is large (see `Distributions.logGammaRatio`).
    static func logBeta(_ a: Double, _ b: Double) -> Double {
        let (small, large) = a < b ? (a, b) : (b, a)
        if large >= 50 {
            return Distributions.logGamma(small) - Distributions.logGammaRatio(large, plus: small)
        }
        return Distributions.logGamma(a) + Distributions.logGamma(b) - Distributions.logGamma(a + b)
    }

    private static func continuedFraction(a: Double, b: Double, x: Double) -> Double {
        let tiny = Double.leastNormalMagnitude / Double.ulpOfOne
        func guarded(_ v: Double) -> Double { abs(v) < tiny ? tiny : v }
        let qab = a + b, qap = a + 1, qam = a - 1
        var c = 1.0
        var d = 1 / guarded(1 - qab * x / qap)
        var h = d
        for i in 1..<100_000 {
            let m = Double(i), m2 = 2 * m
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 / guarded(1 + aa * d)
            c = guarded(1 + aa / c)
            h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 / guarded(1 + aa * d)
            c = guarded(1 + aa / c)
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return h
    }
}
