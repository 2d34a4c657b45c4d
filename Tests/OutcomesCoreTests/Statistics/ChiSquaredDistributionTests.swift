#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
import OutcomesCore

@Suite("Chi-squared distribution")
struct ChiSquaredDistributionTests {
    // qchisq(0.998, 1) = qnorm(0.999)² exactly (χ²₁ is a squared standard normal); R prints
    // 9.549535706083237 and mpmath at 40 digits gives 9.5495357060832417. Fingertips publishes the
    // recent-trend threshold as 9.5495.
    @Test("the Fingertips trend threshold is qchisq(0.998, 1) = qnorm(0.999)²")
    func trendThreshold() {
        let q = Distributions.chiSquaredQuantile(0.998, degreesOfFreedom: 1)
        #expect(Close.relative(q, 9.5495357060832417, 1e-13))
        #expect(Close.rounds(q, to: RecentTrend.threshold, places: 4))
        let z = Distributions.normalQuantile(0.999)
        #expect(Close.relative(q, z * z, 1e-13))
    }

    // Exact identity: χ²₂ is exponential with mean 2, so qchisq(p, 2) = −2·log(1 − p).
    @Test("with 2 degrees of freedom the quantile is −2·log(1 − p)",
          arguments: [0.001, 0.025, 0.1, 0.5, 0.9, 0.975, 0.999, 0.999999])
    func twoDegreesOfFreedom(p: Double) {
        #expect(Close.relative(Distributions.chiSquaredQuantile(p, degreesOfFreedom: 2), -2 * log1p(-p), 1e-13))
    }

    // Exact identity: χ²₁ = Z², so qchisq(p, 1) = qnorm((1 + p)/2)².
    @Test("with 1 degree of freedom the quantile is a squared normal quantile",
          arguments: [0.01, 0.2, 0.5, 0.95, 0.998, 0.9999])
    func oneDegreeOfFreedom(p: Double) {
        let z = Distributions.normalQuantile((1 + p) / 2)
        #expect(Close.relative(Distributions.chiSquaredQuantile(p, degreesOfFreedom: 1), z * z, 1e-12))
    }

    // NIST/SEMATECH e-Handbook of Statistical Methods, §1.3.6.7.4 "Critical values of the
    // chi-square distribution" (3 decimals): (df, lower-tail p, value).
    @Test("quantiles round to the NIST critical-value table", arguments: [
        (1.0, 0.90, 2.706), (1, 0.95, 3.841), (1, 0.975, 5.024), (1, 0.99, 6.635), (1, 0.999, 10.828),
        (10, 0.95, 18.307), (10, 0.999, 29.588), (10, 0.025, 3.247), (20, 0.95, 31.410), (20, 0.025, 9.591),
    ])
    func nistTable(df: Double, p: Double, expected: Double) {
        #expect(Close.rounds(Distributions.chiSquaredQuantile(p, degreesOfFreedom: df), to: expected, places: 3))
    }

    // References: mpmath 1.3 at 40 digits, root of the regularised incomplete gamma function on the
    // smaller tail. These are the degrees of freedom (2O, 2O + 2 for O < 10) and tails (0.025, 0.975,
    // 0.001, 0.999) the exact Poisson intervals use, and a few beyond.
    @Test("quantiles equal 40-digit references to 1e-12", arguments: [
        (1.0, 0.001, 1.5707971492624899e-6), (1, 0.025, 0.00098206911717525602), (1, 0.5, 0.45493642311957275),
        (1, 0.975, 5.0238861873148874), (1, 0.999, 10.827566170662731),
        (3, 0.001, 0.024297585815692734), (3, 0.975, 9.3484036044961458),
        (4, 0.001, 0.090804035538979115), (4, 0.025, 0.48441855708792982), (4, 0.975, 11.143286781877795),
        (4, 0.999, 18.466826952903169), (5, 0.5, 4.3514601910955273),
        (10, 0.001, 1.478743463835665), (10, 0.025, 3.2469727802368411), (10, 0.975, 20.483177350807394),
        (10, 0.999, 29.588298445074416), (20, 0.001, 5.9210407454875192), (20, 0.025, 9.5907773922648674),
        (20, 0.975, 34.169606902838337), (20, 0.999, 45.314746618125859), (30, 0.5, 29.336031516661586),
        (100, 0.001, 61.917939206936623), (100, 0.975, 129.56119718583659), (100, 0.999, 149.44925277903871),
    ])
    func matchesReferences(df: Double, p: Double, expected: Double) {
        #expect(Close.relative(Distributions.chiSquaredQuantile(p, degreesOfFreedom: df), expected, 1e-12))
    }

    // R: pchisq(3.841458820694124, 1) = 0.95; pchisq(10, 10) = 0.5595067149347875 (mpmath 40 digits:
    // 0.55950671493478759).
    @Test("the distribution function matches R and inverts the quantile")
    func cdf() {
        #expect(Close.relative(Distributions.chiSquaredCDF(3.841458820694124, degreesOfFreedom: 1), 0.95, 1e-14))
        #expect(Close.relative(Distributions.chiSquaredCDF(10, degreesOfFreedom: 10), 0.55950671493478759, 1e-14))
        for df in [0.5, 1, 2, 7, 18, 60] {
            for p in [0.001, 0.025, 0.5, 0.975, 0.999] {
                let x = Distributions.chiSquaredQuantile(p, degreesOfFreedom: df)
                #expect(Close.relative(Distributions.chiSquaredCDF(x, degreesOfFreedom: df), p, 1e-13))
            }
        }
        #expect(Distributions.chiSquaredCDF(-1, degreesOfFreedom: 3) == 0)
    }

    @Test("invalid degrees of freedom or probabilities give NaN")
    func invalid() {
        #expect(Distributions.chiSquaredQuantile(0.5, degreesOfFreedom: 0).isNaN)
        #expect(Distributions.chiSquaredQuantile(1.2, degreesOfFreedom: 3).isNaN)
        #expect(Distributions.chiSquaredCDF(1, degreesOfFreedom: -2).isNaN)
        #expect(Distributions.chiSquaredQuantile(0, degreesOfFreedom: 4) == 0)
    }
}
