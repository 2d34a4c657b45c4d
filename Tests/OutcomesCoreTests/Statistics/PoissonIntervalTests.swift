#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
import OutcomesCore

@Suite("Poisson intervals (exact and Byar)")
struct PoissonIntervalTests {
    // Exact 95% Poisson limits as tabulated from Garwood (1936), e.g. Breslow & Day (1987),
    // Statistical Methods in Cancer Research vol. II, and standard tables of Poisson confidence
    // limits (3 decimals).
    @Test("exact 95% limits for counts below 10 reproduce the published table", arguments: [
        (0.0, 0.000, 3.689), (1, 0.025, 5.572), (2, 0.242, 7.225), (3, 0.619, 8.767), (4, 1.090, 10.242),
        (5, 1.623, 11.668), (6, 2.202, 13.059), (7, 2.814, 14.423), (8, 3.454, 15.763), (9, 4.115, 17.085),
    ])
    func garwoodTable(count: Double, lower: Double, upper: Double) throws {
        let ci = try #require(PoissonInterval.count(count, level: .percent95))
        #expect(Close.rounds(ci.lower, to: lower, places: 3))
        #expect(Close.rounds(ci.upper, to: upper, places: 3))
    }

    // qchisq(α/2, 2O)/2 and qchisq(1 − α/2, 2O + 2)/2 (phe_rate's exact branch) in mpmath at 40 digits.
    @Test("exact limits equal qchisq(α/2, 2O)/2 and qchisq(1 − α/2, 2O + 2)/2 to 1e-12", arguments: [
        (ConfidenceLevel.percent95, 1.0, 0.025317807984289875, 5.5716433909388986),
        (.percent95, 3, 0.61867212289560129, 8.767273069742326),
        (.percent95, 5, 1.6234863901184205, 11.66833207932267),
        (.percent95, 9, 4.1153730973783324, 17.08480345141917),
        (.percent99_8, 0, 0, 6.9077552789821371),
        (.percent99_8, 1, 0.0010005003335835335, 9.2334134764515857),
        (.percent99_8, 4, 0.42855241362842297, 14.794149222537209),
        (.percent99_8, 7, 1.5203362603988091, 19.626177395384238),
        (.percent99_8, 9, 2.4524244043637749, 22.657373309062931),
    ])
    func exactReferences(level: ConfidenceLevel, count: Double, lower: Double, upper: Double) throws {
        let ci = try #require(PoissonInterval.count(count, level: level))
        #expect(Close.relative(ci.lower, lower))
        #expect(Close.relative(ci.upper, upper))
    }

    // Closed forms: with 2 degrees of freedom qchisq(p, 2) = −2·log(1 − p), so the upper limit for
    // O = 0 is −log(α/2) and the lower limit for O = 1 is −log(1 − α/2).
    @Test("the zero-count upper limit and the one-count lower limit have closed forms")
    func closedForms() throws {
        for level in ConfidenceLevel.allCases {
            let tail = level.tailProbability
            let zero = try #require(PoissonInterval.count(0, level: level))
            #expect(zero.lower == 0)
            #expect(Close.relative(zero.upper, -log(tail)))
            let one = try #require(PoissonInterval.count(1, level: level))
            #expect(Close.relative(one.lower, -log1p(-tail)))
        }
    }

    // Byar's formula (Breslow & Day 1987, p. 69; PHEindicatormethods byars_lower/byars_upper) in
    // mpmath at 40 digits, for PHE's own test counts 10, 65 and 1045.
    @Test("counts from 10 up use Byar's approximation", arguments: [
        (ConfidenceLevel.percent95, 10.0, 4.7874499139675618, 18.391458605756476),
        (.percent99_8, 10, 2.9163183746956851, 24.193724927880539),
        (.percent95, 65, 50.163187710459442, 82.849138545939859),
        (.percent99_8, 65, 42.880261471480197, 94.000290844318),
        (.percent95, 1045, 982.59320180733268, 1110.3312129856498),
        (.percent99_8, 1045, 947.94070356103748, 1148.8061609880327),
    ])
    func byar(level: ConfidenceLevel, count: Double, lower: Double, upper: Double) throws {
        let ci = try #require(PoissonInterval.count(count, level: level))
        #expect(Close.relative(ci.lower, lower))
        #expect(Close.relative(ci.upper, upper))
    }

    // Exact 95% limits for O = 10 (mpmath): 4.7953886961324335, 18.39035604201778.
    @Test("Byar's limits at the switch are within 0.2% of the exact ones")
    func byarNearExactAtTen() throws {
        let ci = try #require(PoissonInterval.count(10, level: .percent95))
        #expect(Close.relative(ci.lower, 4.7953886961324335, 0.002))
        #expect(Close.relative(ci.upper, 18.39035604201778, 0.002))
    }

    @Test("a rate divides the count's limits by the denominator and scales by the multiplier")
    func rate() throws {
        // 65 events in 10,000 people per 100,000: Byar's limits above × 10.
        let ci = try #require(PoissonInterval.rate(count: 65, denominator: 10_000, level: .percent95, multiplier: 100_000))
        #expect(Close.relative(ci.lower, 501.63187710459442))
        #expect(Close.relative(ci.upper, 828.49138545939859))
        // 3 events in 2,000 per 1,000: exact limits / 2.
        let small = try #require(PoissonInterval.rate(count: 3, denominator: 2_000, level: .percent95, multiplier: 1_000))
        #expect(Close.relative(small.lower, 0.61867212289560129 / 2))
        #expect(Close.relative(small.upper, 8.767273069742326 / 2))
    }

    @Test("a non-whole small count uses the same chi-squared formula as whole counts")
    func fractionalCount() throws {
        let below = try #require(PoissonInterval.count(4.999999999, level: .percent95))
        let whole = try #require(PoissonInterval.count(5, level: .percent95))
        #expect(Close.relative(below.lower, whole.lower, 1e-8))
        #expect(Close.relative(below.upper, whole.upper, 1e-8))
    }

    @Test("impossible inputs give no interval")
    func invalid() {
        #expect(PoissonInterval.count(-1, level: .percent95) == nil)
        #expect(PoissonInterval.count(.nan, level: .percent95) == nil)
        #expect(PoissonInterval.rate(count: 5, denominator: 0, level: .percent95, multiplier: 1000) == nil)
        #expect(PoissonInterval.rate(count: 5, denominator: -3, level: .percent95, multiplier: 1000) == nil)
    }
}
