#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
import OutcomesCore

@Suite("Normal distribution")
struct NormalDistributionTests {
    // R 4.x, `print(qnorm(p), digits = 16)`; the first two are the z of Fingertips' 95% and 99.8% levels.
    @Test("quantiles equal R's qnorm to 16 digits", arguments: [
        (0.975, 1.959963984540054), (0.999, 3.090232306167813),
        (0.95, 1.644853626951472), (0.995, 2.575829303548901),
    ])
    func matchesR(p: Double, expected: Double) {
        #expect(Close.relative(Distributions.normalQuantile(p), expected, 1e-15))
    }

    // References: mpmath 1.3, sqrt(2)·erfinv(2p − 1) at 40 significant digits, for the double
    // nearest each p.
    @Test("quantiles equal 40-digit references across nine orders of magnitude of tail", arguments: [
        (1e-12, -7.0344838253011319), (1e-6, -4.753424308822899), (0.001, -3.0902323061678135),
        (0.025, -1.9599639845400542), (0.1, -1.2815515655446004), (0.3, -0.52440051270804082),
        (0.7, 0.52440051270804066), (0.975, 1.9599639845400539), (0.999, 3.0902323061678133),
    ])
    func matchesReferences(p: Double, expected: Double) {
        #expect(Close.relative(Distributions.normalQuantile(p), expected, 1e-14))
    }

    @Test("the distribution function inverts the quantile")
    func cdfInvertsQuantile() {
        for p in [1e-10, 1e-4, 0.01, 0.2, 0.5, 0.8, 0.99, 0.9999] {
            #expect(Close.relative(Distributions.normalCDF(Distributions.normalQuantile(p)), p, 1e-13))
        }
    }

    // Published table values (e.g. Abramowitz & Stegun Table 26.1: Φ(1) = 0.8413447461, 1 − Φ(3) =
    // 0.0013498980); full digits from mpmath `ncdf` at 40 digits.
    @Test("the distribution function matches tabulated values")
    func cdfTable() {
        #expect(Close.relative(Distributions.normalCDF(1), 0.84134474606854295, 1e-15))
        #expect(Close.relative(Distributions.normalCDF(-3), 0.0013498980316300945, 1e-14))
        #expect(Distributions.normalCDF(0) == 0.5)
    }

    @Test("out-of-range probabilities give NaN and the ends give infinities")
    func edges() {
        #expect(Distributions.normalQuantile(-0.1).isNaN)
        #expect(Distributions.normalQuantile(1.5).isNaN)
        #expect(Distributions.normalQuantile(0) == -.infinity)
        #expect(Distributions.normalQuantile(1) == .infinity)
    }
}
