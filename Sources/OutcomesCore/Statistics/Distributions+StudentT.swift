#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Distributions {
    /// The Student t distribution function P(T ≤ t) with ν degrees of freedom, from the regularised
    /// incomplete beta function: P(T > |t|) = ½·I_(ν/(ν+t²))(ν/2, ½) (Abramowitz & Stegun 26.7.1,
    /// 26.5.27), evaluated as in *Numerical Recipes* §6.4 (see `IncompleteBeta`).
    public static func studentTCDF(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        guard nu > 0, !nu.isNaN, !t.isNaN else { return .nan }
        if nu.isInfinite { return normalCDF(t) }
        if nu >= CornishFisher.minimumDegreesOfFreedom, abs(t) <= CornishFisher.maximumAbsoluteT {
            return normalCDF(CornishFisher.z(t: t, nu: nu))
        }
        let tail = studentTUpperTail(abs(t), nu)
        return t >= 0 ? 1 - tail : tail
    }

    /// The Student t quantile: the t with P(T ≤ t) = p for ν degrees of freedom, as R's `qt(p, ν)`.
    ///
    /// For ν ≥ 10⁴ the Cornish–Fisher expansion (Abramowitz & Stegun 26.7.5; see `CornishFisher`) is
    /// exact to double precision. Otherwise: Newton's method on log P(T > t) as a function of log t
    /// (nearly linear both in the normal-like centre and in the polynomial tails), started from the
    /// first terms of that expansion, safeguarded by bisection, and iterated to full precision
    /// against the incomplete-beta distribution function above.
    public static func studentTQuantile(_ p: Double, degreesOfFreedom nu: Double) -> Double {
        guard nu > 0, !nu.isNaN, p >= 0, p <= 1 else { return .nan }
        if p == 0.5 { return 0 }
        return p < 0.5
            ? -studentTUpperQuantile(tail: p, degreesOfFreedom: nu)
            : studentTUpperQuantile(tail: 1 - p, degreesOfFreedom: nu)
    }

    /// P(T > t) for t ≥ 0, without the cancellation of 1 − P(T ≤ t).
    static func studentTUpperTail(_ t: Double, _ nu: Double) -> Double {
        if t == 0 { return 0.5 }
        if t.isInfinite { return 0 }
        let ratio = t * t / nu
        let x = 1 / (1 + ratio), y = ratio / (1 + ratio)
        let tail = IncompleteBeta.regularized(a: nu / 2, b: 0.5, x: x, y: y,
                                              logX: -log1p(ratio), logY: log(y))
        return 0.5 * tail.value
    }

    /// The t > 0 with P(T > t) = q, for 0 < q < ½.
    static func studentTUpperQuantile(tail q: Double, degreesOfFreedom nu: Double) -> Double {
        if q == 0 { return .infinity }
        let z = -normalQuantile(q)
        if nu.isInfinite { return z }
        if nu >= CornishFisher.minimumDegreesOfFreedom, z <= CornishFisher.maximumAbsoluteZ {
            return CornishFisher.t(z: z, nu: nu)
        }
        let z2 = z * z
        let start = z + z * (z2 + 1) / (4 * nu) + z * ((5 * z2 + 16) * z2 + 3) / (96 * nu * nu)
        let logDensityConstant = logGammaRatio(nu / 2, plus: 0.5) - 0.5 * log(nu * Double.pi)
        let logQ = log(q)
        var s = log(max(start, 1e-8))
        var low = -Double.infinity, high = Double.infinity
        for _ in 0..<200 {
            let t = exp(s)
            let tail = studentTUpperTail(t, nu)
            let h = log(tail) - logQ
            if h > 0 { low = s } else if h < 0 { high = s } else { break }
            let logDensity = logDensityConstant - (nu + 1) / 2 * log1p(t * t / nu)
            let slope = -exp(logDensity + s) / tail
            var next = s - h / slope
            if !next.isFinite || next - s > 2 { next = s + 2 }
            if s - next > 2 { next = s - 2 }
            if next <= low || next >= high {
                next = (low.isFinite && high.isFinite) ? 0.5 * (low + high) : next
            }
            let converged = abs(next - s) <= 4 * Double.ulpOfOne * max(1, abs(s))
            s = next
            if converged { break }
        }
        return exp(s)
    }
}
