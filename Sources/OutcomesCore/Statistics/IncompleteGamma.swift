#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The regularised incomplete gamma functions P(a, x) = γ(a, x)/Γ(a) and Q(a, x) = 1 − P(a, x),
/// and the inverse of P in x: the engine of the chi-squared distribution (P(k/2, x/2) is the
/// chi-squared distribution function with k degrees of freedom).
///
/// Method: Press WH, Teukolsky SA, Vetterling WT, Flannery BP, *Numerical Recipes* (3rd edn, 2007),
/// §6.2 — the power series for x < a + 1 and the Legendre continued fraction (evaluated by the modified
/// Lentz method) otherwise, each returning the tail it computes without cancellation; §6.2.1 for the
/// inverse — the DiDonato & Morris (1986, ACM TOMS 12:377) style starting value refined by Halley's
/// method, iterated here to full double precision on whichever tail is the smaller.
enum IncompleteGamma {
    /// (P(a, x), Q(a, x)), each accurate to about 1e-15 relative.
    static func regularized(a: Double, x: Double) -> (p: Double, q: Double) {
        guard a > 0, x >= 0, !x.isNaN else { return (.nan, .nan) }
        if x == 0 { return (0, 1) }
        if x.isInfinite { return (1, 0) }
        if x < a + 1 {
            let p = series(a: a, x: x)
            return (p, 1 - p)
        }
        let q = continuedFraction(a: a, x: x)
        return (1 - q, q)
    }

    /// P(a, x) = e^(−x)·x^a / Γ(a + 1) · Σₙ xⁿ / ((a + 1)⋯(a + n)).
    private static func series(a: Double, x: Double) -> Double {
        var term = 1 / a
        var sum = term
        var denominator = a
        for _ in 0..<10_000 {
            denominator += 1
            term *= x / denominator
            sum += term
            if abs(term) < abs(sum) * 1e-17 { break }
        }
        return sum * exp(a * log(x) - x - Distributions.logGamma(a))
    }

    /// Q(a, x) = e^(−x)·x^a / Γ(a) · 1/(x + 1 − a − 1·(1 − a)/(x + 3 − a − 2·(2 − a)/(x + 5 − a − ⋯))).
    private static func continuedFraction(a: Double, x: Double) -> Double {
        let tiny = Double.leastNormalMagnitude / Double.ulpOfOne
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        for i in 1..<10_000 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return exp(a * log(x) - x - Distributions.logGamma(a)) * h
    }

    /// The x with P(a, x) = p, given p and q = 1 − p separately so that an upper-tail probability
    /// keeps its precision.
    static func inverse(a: Double, p: Double, q: Double) -> Double {
        guard a > 0, p >= 0, q >= 0, !p.isNaN, !q.isNaN else { return .nan }
        if p == 0 { return 0 }
        if q == 0 { return .infinity }
        let useLower = p <= q
        let logGammaA = Distributions.logGamma(a)
        var x = startingValue(a: a, p: p, q: q, logGammaA: logGammaA)
        for _ in 0..<100 {
            let (lower, upper) = regularized(a: a, x: x)
            // f(x) = P(a, x) − p, written on the smaller tail.
            let error = useLower ? lower - p : q - upper
            let density = exp((a - 1) * log(x) - x - logGammaA)
            guard density > 0, density.isFinite else { break }
            let u = error / density
            // Halley's correction: f''/f' = (a − 1)/x − 1.
            let step = u / (1 - 0.5 * min(1, u * ((a - 1) / x - 1)))
            var next = x - step
            if next <= 0 { next = 0.5 * x }
            let converged = abs(next - x) <= 2 * Double.ulpOfOne * next
            x = next
            if converged { break }
        }
        return x
    }

    /// Numerical Recipes' `Gamma::invgammp` start: Wilson–Hilferty for a > 1 (with the Abramowitz &
    /// Stegun 26.2.22 normal deviate), a power/exponential tail approximation for a ≤ 1.
    private static func startingValue(a: Double, p: Double, q: Double, logGammaA: Double) -> Double {
        if a > 1 {
            let smaller = min(p, q)
            let t = (-2 * log(smaller)).squareRoot()
            var z = (2.30753 + t * 0.27061) / (1 + t * (0.99229 + t * 0.04481)) - t
            if p > q { z = -z }
            let wh = 1 - 1 / (9 * a) - z / (3 * a.squareRoot())
            return max(1e-3, a * wh * wh * wh)
        }
        let t = 1 - a * (0.253 + a * 0.12)
        if p < t { return pow(p / t, 1 / a) }
        return 1 - log(q / (1 - t))
    }
}
