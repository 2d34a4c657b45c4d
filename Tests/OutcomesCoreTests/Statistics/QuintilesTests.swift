import Testing
import OutcomesCore

@Suite("Quintiles")
struct QuintilesTests {
    static func areas(_ values: [Double]) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: values.enumerated().map { ("A\($0.offset + 10)", $0.element) })
    }

    // phe_quantile with nquantiles 5: quintile = 6 − ⌈5·(N + 1 − rank)/N⌉, rank 1 = best. For N = 22:
    // ranks 1–5 → 1, 6–9 → 2, 10–14 → 3, 15–18 → 4, 19–22 → 5 (sizes 5, 4, 5, 4, 4).
    @Test("22 local authorities fall into fifths of 5, 4, 5, 4 and 4")
    func twentyTwo() {
        let values = (1...22).map(Double.init)
        let low = Quintiles.assign(Self.areas(values), polarity: .lowIsGood)
        let sizes = (1...5).map { q in low.values.filter { $0 == q }.count }
        #expect(sizes == [5, 4, 5, 4, 4])
        #expect(low["A10"] == 1)   // value 1, the lowest: best when low is good
        #expect(low["A31"] == 5)   // value 22
        let high = Quintiles.assign(Self.areas(values), polarity: .highIsGood)
        #expect(high["A31"] == 1)
        #expect(high["A10"] == 5)
        #expect(Quintiles.assign(Self.areas(values), polarity: .noJudgement) == low)
    }

    // N = 7 by hand: rank r → 6 − ⌈5(8 − r)/7⌉: 1 → 6 − 5 = 1, 2 → 6 − ⌈30/7⌉ = 1, 3 → 6 − ⌈25/7⌉ = 2,
    // 4 → 6 − ⌈20/7⌉ = 3, 5 → 6 − ⌈15/7⌉ = 3, 6 → 6 − ⌈10/7⌉ = 4, 7 → 6 − ⌈5/7⌉ = 5.
    @Test("seven areas follow the phe_quantile formula worked by hand")
    func seven() {
        let result = Quintiles.assign(Self.areas([1, 2, 3, 4, 5, 6, 7]), polarity: .lowIsGood)
        #expect((10...16).map { result["A\($0)"] } == [1, 1, 2, 3, 3, 4, 5])
    }

    @Test("ten areas give two per quintile")
    func ten() {
        let result = Quintiles.assign(Self.areas((1...10).map(Double.init)), polarity: .highIsGood)
        #expect((1...5).map { q in result.values.filter { $0 == q }.count } == [2, 2, 2, 2, 2])
    }

    // Ranks with ties.method = "min": 1, 2, 2, 2, 5, 6, 7 for N = 7 → 1, 1, 1, 1, 3, 4, 5.
    @Test("tied values share the quintile of their best rank")
    func ties() {
        let result = Quintiles.assign(Self.areas([1, 2, 2, 2, 5, 6, 7]), polarity: .lowIsGood)
        #expect((10...16).map { result["A\($0)"] } == [1, 1, 1, 1, 3, 4, 5])
    }

    @Test("fewer than five areas get no quintiles; non-finite values are left out")
    func tooFew() {
        #expect(Quintiles.assign([:], polarity: .lowIsGood).isEmpty)
        #expect(Quintiles.assign(["A": 1], polarity: .highIsGood).isEmpty)
        #expect(Quintiles.assign(Self.areas([1, 2, 3, 4]), polarity: .highIsGood).isEmpty)
        let withNaN = Quintiles.assign(Self.areas([1, 2, 3, 4, 5, .nan]), polarity: .lowIsGood)
        #expect(withNaN.count == 5 && withNaN["A15"] == nil)
    }
}
