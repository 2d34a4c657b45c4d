#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
import OutcomesCore

@Suite("Student t distribution")
struct StudentTDistributionTests {
    // NIST/SEMATECH e-Handbook of Statistical Methods, §1.3.6.7.2 "Critical values of the Student's t
    // distribution" (3 decimals): (df, upper-tail probability, value).
    @Test("quantiles round to the NIST critical-value table", arguments: [
        (1.0, 0.025, 12.706), (9, 0.025, 2.262), (30, 0.025, 2.042), (100, 0.025, 1.984), (9, 0.001, 4.297),
    ])
    func nistTable(df: Double, tail: Double, expected: Double) {
        #expect(Close.rounds(Distributions.studentTQuantile(1 - tail, degreesOfFreedom: df), to: expected, places: 3))
    }

    // R 4.x with digits = 16: qt(0.975, 10) = 2.228138851986274, qt(0.975, 4) = 2.776445105197793,
    // qt(0.975, 30) = 2.042272456301238, qt(0.975, 9) = 2.262157162798205 (mpmath at 40 digits:
    // 2.2621571627982050).
    @Test("quantiles equal R's qt", arguments: [
        (10.0, 2.228138851986274), (4, 2.776445105197793), (30, 2.042272456301238), (9, 2.262157162798205),
    ])
    func matchesR(df: Double, expected: Double) {
        #expect(Close.relative(Distributions.studentTQuantile(0.975, degreesOfFreedom: df), expected, 1e-14))
    }

    // Exact identities: t₁ is Cauchy, qt(p, 1) = tan(π(p − ½)); t₂ has qt(p, 2) = (2p − 1)/√(2p(1 − p)).
    @Test("1 and 2 degrees of freedom match their closed forms",
          arguments: [0.001, 0.025, 0.2, 0.6, 0.9, 0.975, 0.999])
    func closedForms(p: Double) {
        #expect(Close.relative(Distributions.studentTQuantile(p, degreesOfFreedom: 1), tan(Double.pi * (p - 0.5)), 1e-12))
        #expect(Close.relative(Distributions.studentTQuantile(p, degreesOfFreedom: 2),
                               (2 * p - 1) / (2 * p * (1 - p)).squareRoot(), 1e-12))
    }

    // References: mpmath 1.3 at 40 digits, root of ½·I_(ν/(ν+t²))(ν/2, ½) = 1 − p. The 100,000 df
    // case exercises the Cornish–Fisher branch.
    @Test("quantiles equal 40-digit references to 1e-12", arguments: [
        (1.0, 0.999, 318.30883898555016), (2, 0.999, 22.327124770119865), (3, 0.975, 3.1824463052837084),
        (3, 0.999, 10.214531852407383), (4, 0.999, 7.1731822197823068), (9, 0.999, 4.2968056627299179),
        (10, 0.999, 4.1437004940465891), (30, 0.999, 3.3851848668293048), (100, 0.975, 1.9839715185235519),
        (100, 0.999, 3.1737394937387827), (1000, 0.975, 1.9623390808264081), (1000, 0.999, 3.0984021639129226),
        (100_000, 0.975, 1.9599877075346093), (100_000, 0.999, 3.0903138094272373),
    ])
    func matchesReferences(df: Double, p: Double, expected: Double) {
        #expect(Close.relative(Distributions.studentTQuantile(p, degreesOfFreedom: df), expected, 1e-12))
    }

    @Test("quantiles are antisymmetric and tend to the normal quantile")
    func symmetryAndLimit() {
        for df in [1.0, 3, 17, 250] {
            let upper = Distributions.studentTQuantile(0.975, degreesOfFreedom: df)
            #expect(Close.relative(Distributions.studentTQuantile(0.025, degreesOfFreedom: df), -upper, 1e-13))
        }
        #expect(Distributions.studentTQuantile(0.5, degreesOfFreedom: 5) == 0)
        #expect(Close.relative(Distributions.studentTQuantile(0.975, degreesOfFreedom: 1e12),
                               Distributions.normalQuantile(0.975), 1e-11))
    }

    // R: pt(2.228138851986274, 10) = 0.975.
    @Test("the distribution function matches R and inverts the quantile")
    func cdf() {
        #expect(Close.relative(Distributions.studentTCDF(2.228138851986274, degreesOfFreedom: 10), 0.975, 1e-14))
        for df in [0.5, 1, 2, 5, 29, 400, 50_000] {
            for p in [0.001, 0.025, 0.3, 0.7, 0.975, 0.999] {
                let t = Distributions.studentTQuantile(p, degreesOfFreedom: df)
                #expect(Close.relative(Distributions.studentTCDF(t, degreesOfFreedom: df), p, 1e-12))
            }
        }
        #expect(Distributions.studentTCDF(0, degreesOfFreedom: 3) == 0.5)
    }

    @Test("invalid degrees of freedom or probabilities give NaN")
    func invalid() {
        #expect(Distributions.studentTQuantile(0.9, degreesOfFreedom: 0).isNaN)
        #expect(Distributions.studentTQuantile(-0.1, degreesOfFreedom: 5).isNaN)
        #expect(Distributions.studentTCDF(1, degreesOfFreedom: -1).isNaN)
    }

    // log Γ(½) = ½·log π; log Γ(10) = log 362880.
    @Test("logGamma matches known values")
    func logGamma() {
        #expect(Close.relative(Distributions.logGamma(0.5), 0.5 * log(Double.pi), 1e-15))
        #expect(Close.relative(Distributions.logGamma(10), log(362_880.0), 1e-15))
    }
}
