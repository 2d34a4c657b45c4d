import Testing
import OutcomesCore

/// Which interval each indicator type gets (issue 14's untested list), with the expected limits
/// worked out independently (Wilson's and Byar's formulas in a few lines of Python):
/// - proportion 61/1178 per 100: Wilson 95% 4.05226–6.59565, 99.8% 3.51921–7.55818;
/// - rate 20/10,000 per 100,000: Byar 95% 122.114–308.899 (20 events: 12.2114–30.8899);
/// - count 20: Byar on the count, 95% 12.2114–30.8899, 99.8% 8.92280–38.0850;
/// - mean and value-with-interval: the supplied interval is the 95% one, widened to 99.8% by
///   z(0.999)/z(0.975) = 1.576678 on each side.
@Suite("The interval method by indicator type")
struct IntervalMethodTests {
    static func indicator(_ kind: Indicator.Kind, multiplier: Double = 1) -> Indicator {
        Indicator(id: "x_\(kind.rawValue)", title: .init(en: "x"), definition: "x", kind: kind, multiplier: multiplier, unit: "u",
                  polarity: .lowIsGood, aims: [1], dimensions: ["a"], partner: "p", periodType: .calendar, breakdowns: ["all"],
                  validRange: .init(min: 0, max: 1_000_000), source: "s")
    }

    static func point(numerator: Double? = nil, denominator: Double? = nil, value: Double? = nil, lower: Double? = nil,
                      upper: Double? = nil) -> ObservationPoint {
        ObservationPoint(indicator: 1, area: 1, breakdown: 1, period: Period(type: .calendar, year: 2024)!, numerator: numerator,
                         denominator: denominator, value: value, lower: lower, upper: upper, notes: "")
    }

    static func close(_ interval: Interval?, _ lower: Double, _ upper: Double) -> Bool {
        guard let interval else { return false }
        return abs(interval.lower - lower) < 1e-9 * max(1, abs(lower)) && abs(interval.upper - upper) < 1e-9 * max(1, abs(upper))
    }

    @Test("a proportion gets Wilson score intervals on numerator and denominator, the value derived")
    func proportionIsWilson() {
        let (value, i95, i998) = IntervalMethod.intervals(Self.point(numerator: 61, denominator: 1178), indicator: Self.indicator(.proportion, multiplier: 100))
        #expect(abs((value ?? 0) - 61.0 / 1178 * 100) < 1e-12)
        #expect(Self.close(i95, 4.052260231252089, 6.595653486909874), "\(String(describing: i95))")
        #expect(Self.close(i998, 3.5192104191430253, 7.558183133780866), "\(String(describing: i998))")
    }

    @Test("a rate gets Byar's Poisson limits scaled by the denominator and multiplier")
    func rateIsByar() {
        let (value, i95, _) = IntervalMethod.intervals(Self.point(numerator: 20, denominator: 10_000), indicator: Self.indicator(.rate, multiplier: 100_000))
        #expect(value == 200)
        #expect(Self.close(i95, 122.11428834875936, 308.8988036919706), "\(String(describing: i95))")
    }

    @Test("a count gets Poisson limits on itself, unless the feed supplied an interval")
    func countIsPoissonUnlessSupplied() {
        let (value, i95, i998) = IntervalMethod.intervals(Self.point(value: 20), indicator: Self.indicator(.count))
        #expect(value == 20)
        #expect(Self.close(i95, 12.211428834875935, 30.88988036919706))
        #expect(Self.close(i998, 8.922802365144193, 38.08503562504191))
        let (_, supplied, widened) = IntervalMethod.intervals(Self.point(value: 20, lower: 15, upper: 26), indicator: Self.indicator(.count))
        #expect(Self.close(supplied, 15, 26))
        #expect(Self.close(widened, 20 - 5 * 1.5766781076301255, 20 + 6 * 1.5766781076301255))
    }

    @Test("a mean or value-with-interval takes the supplied interval as 95% and widens each side to 99.8%; none or an inverted one is no interval",
          arguments: [Indicator.Kind.mean, .valueWithCI])
    func suppliedWidened(kind: Indicator.Kind) {
        let (value, i95, i998) = IntervalMethod.intervals(Self.point(value: 10, lower: 8, upper: 13), indicator: Self.indicator(kind))
        #expect(value == 10)
        #expect(Self.close(i95, 8, 13))
        #expect(Self.close(i998, 10 - 2 * 1.5766781076301255, 10 + 3 * 1.5766781076301255))
        let none = IntervalMethod.intervals(Self.point(value: 10), indicator: Self.indicator(kind))
        #expect(none.0 == 10 && none.1 == nil && none.2 == nil)
        let inverted = IntervalMethod.intervals(Self.point(value: 10, lower: 13, upper: 8), indicator: Self.indicator(kind))
        #expect(inverted.1 == nil && inverted.2 == nil)
        // A value outside its own interval cannot be widened around it.
        #expect(IntervalMethod.intervals(Self.point(value: 20, lower: 8, upper: 13), indicator: Self.indicator(kind)).2 == nil)
    }

    @Test("a proportion without numbers (withheld) keeps what was supplied: its value and interval")
    func proportionWithoutNumbers() {
        let (value, i95, _) = IntervalMethod.intervals(Self.point(value: 5.2, lower: 4, upper: 6.5), indicator: Self.indicator(.proportion, multiplier: 100))
        #expect(value == 5.2 && Self.close(i95, 4, 6.5))
        let empty = IntervalMethod.intervals(Self.point(), indicator: Self.indicator(.proportion, multiplier: 100))
        #expect(empty.0 == nil && empty.1 == nil && empty.2 == nil)
    }
}
