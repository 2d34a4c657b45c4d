import OutcomesCore

/// A catalogue-like input for the measures engine: Wales, health boards across the April 2019
/// boundary change, local authorities (one created, one abolished, one whose board has no stored
/// id), breakdowns including priority groups, and one indicator of each type with fixed-seed
/// series holding trends, gaps, missing values, ties, odd intervals and supplied parents.
enum MeasureEngineFixture {
    static let today = CivilDate(year: 2026, month: 11, day: 23)!
    static let all: Int16 = 1, lookedAfter: Int16 = 2, boys: Int16 = 3, careLeavers: Int16 = 7

    static let boards = ["W11000023", "W11000025", "W11000026", "W11000027", "W11000030", "W11000031"]
    static let localAuthorityCodes = ["W06000001", "W06000002", "W06000003", "W06000008", "W06000010", "W06000011",
                                      "W06000012", "W06000013", "W06000016", "W06000024", "W06000090", "W06000091",
                                      "W06000092"]

    static func date(_ year: Int, _ month: Int, _ day: Int) -> CivilDate { CivilDate(year: year, month: month, day: day)! }

    static var areas: [Area] {
        let split = date(2019, 3, 31), merged = date(2019, 4, 1)
        func board(_ code: String, from: CivilDate? = nil, to: CivilDate? = nil) -> Area {
            Area(code: code, name: LocalizedText(en: code), kind: .healthBoard, validFrom: from, validTo: to,
                 parents: [Area.ParentLink(code: "W92000004")])
        }
        func authority(_ code: String, _ parents: [Area.ParentLink], from: CivilDate? = nil, to: CivilDate? = nil) -> Area {
            Area(code: code, name: LocalizedText(en: code), kind: .localAuthority, validFrom: from, validTo: to, parents: parents)
        }
        func moved(_ before: String, _ after: String) -> [Area.ParentLink] {
            [Area.ParentLink(code: before, to: split), Area.ParentLink(code: after, from: merged)]
        }
        return [
            Area(code: "W92000004", name: LocalizedText(en: "Wales"), kind: .country),
            board("W11000023"), board("W11000025"), board("W11000026", to: split), board("W11000027", to: split),
            board("W11000030", from: merged), board("W11000031", from: merged),
            authority("W06000001", [Area.ParentLink(code: "W11000023")]),
            authority("W06000002", [Area.ParentLink(code: "W11000023")]),
            authority("W06000003", [Area.ParentLink(code: "W11000023")]),
            authority("W06000008", [Area.ParentLink(code: "W11000025")]),
            authority("W06000010", [Area.ParentLink(code: "W11000025")]),
            authority("W06000011", moved("W11000026", "W11000031")),
            authority("W06000012", moved("W11000026", "W11000031")),
            authority("W06000013", moved("W11000026", "W11000030")),
            authority("W06000016", moved("W11000027", "W11000030")),
            authority("W06000024", moved("W11000027", "W11000030")),
            authority("W06000090", [Area.ParentLink(code: "W11000025")], from: date(2012, 4, 1)),
            authority("W06000091", [Area.ParentLink(code: "W11000023")], to: date(2014, 12, 31)),
            authority("W06000092", [Area.ParentLink(code: "W11000099")]),
        ]
    }

    static func indicator(_ id: String, _ kind: Indicator.Kind, _ periodType: PeriodType, multiplier: Double,
                          _ polarity: Indicator.Polarity, target: Double? = nil) -> Indicator {
        Indicator(id: id, title: LocalizedText(en: id), definition: id, kind: kind, multiplier: multiplier, unit: "unit",
                  polarity: polarity, aims: [1], dimensions: ["a"], partner: "local_authority", periodType: periodType,
                  breakdowns: ["all", "looked_after", "boys", "care_leavers"], validRange: .init(min: -1e9, max: 1e9),
                  source: "synthetic", target: target)
    }

    /// One indicator per type and period type; stored ids 1–5 in this order.
    static let indicators = [
        indicator("proportion_calendar", .proportion, .calendar, multiplier: 100, .lowIsGood, target: 7.5),
        indicator("rate_financial", .rate, .financial, multiplier: 1_000, .highIsGood, target: 40),
        indicator("count_quarter", .count, .quarter, multiplier: 1, .noJudgement),
        indicator("mean_academic", .mean, .academic, multiplier: 1, .highIsGood, target: 100),
        indicator("value_month", .valueWithCI, .month, multiplier: 1, .lowIsGood),
    ]

    /// Stored ids deliberately out of code order, so id order and code order differ.
    static func context() -> ComputeContext {
        let catalogue = Catalogue(aims: [], dimensions: [], partners: [],
                                  breakdowns: [Breakdown(key: "all", name: LocalizedText(en: "All"), isPriorityGroup: false),
                                               Breakdown(key: "looked_after", name: LocalizedText(en: "LAC"), isPriorityGroup: true),
                                               Breakdown(key: "boys", name: LocalizedText(en: "Boys"), isPriorityGroup: false),
                                               Breakdown(key: "care_leavers", name: LocalizedText(en: "CL"), isPriorityGroup: true)],
                                  areas: areas, indicators: indicators, fingerprint: "synthetic")
        var areaIDs: [String: Int32] = [:]
        for (i, area) in areas.enumerated() { areaIDs[area.code] = Int32(900 - (i * 37) % 101) }
        areaIDs["W99999999"] = 5   // a stored area the catalogue no longer has
        var indicatorIDs: [String: Int32] = [:]
        for (i, indicator) in indicators.enumerated() { indicatorIDs[indicator.id] = Int32(i + 1) }
        return ComputeContext(catalogue: catalogue, indicatorIDs: indicatorIDs, areaIDs: areaIDs,
                              breakdownIDs: ["all": all, "looked_after": lookedAfter, "boys": boys, "care_leavers": careLeavers],
                              today: today)
    }

    static func firstPeriod(_ type: PeriodType) -> Period {
        switch type {
        case .quarter: Period(type: .quarter, year: 2010, index: 1)!
        case .month: Period(type: .month, year: 2019, index: 1)!
        default: Period(type: type, year: 1980)!
        }
    }

    /// About `perSeries` periods of every area and breakdown (fewer where areas did not exist),
    /// shuffled; Wales and the boards supplied now and then, the rest left for aggregation.
    static func points(indicator id: Int32, context: ComputeContext, periods perSeries: Int = 46,
                       seed: UInt64) -> [ObservationPoint] {
        guard let indicator = context.indicators[id] else { return [] }
        var random = SeededGenerator(seed: seed)
        var points: [ObservationPoint] = []
        let start = firstPeriod(indicator.periodType)
        // Every catalogue area, and area 5, stored but no longer in the catalogue.
        let series: [(Int32, Area?)] = context.areas.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } + [(5, nil)]
        for (areaID, area) in series {
            for breakdown in [all, lookedAfter, boys, careLeavers] {
                let base = Double.random(in: 0.02...0.3, using: &random)
                let slope = pick([-0.004, 0, 0, 0.003, 0.01], &random)
                let size = pick([20, 400, 5_000, 60_000], &random)
                for t in 0..<perSeries {
                    let period = start.advanced(by: t)
                    if let area, !area.isValid(on: period.firstDay) && !area.isValid(on: period.lastDay) { continue }
                    let supplied = area.map { $0.kind == .localAuthority ? 0.94 : 0.2 } ?? 0.9
                    guard Double.random(in: 0..<1, using: &random) < supplied else { continue }
                    let level = max(0.001, base + slope * Double(t) + Double.random(in: -0.01...0.01, using: &random))
                    points.append(point(indicator, id: id, area: areaID, breakdown: breakdown, period: period,
                                        level: level, size: size, random: &random))
                }
            }
        }
        points.shuffle(using: &random)
        return points
    }

    static func pick(_ choices: [Double], _ random: inout SeededGenerator) -> Double {
        choices[Int.random(in: 0..<choices.count, using: &random)]
    }

    static func point(_ indicator: Indicator, id: Int32, area: Int32, breakdown: Int16, period: Period,
                      level: Double, size: Double, random: inout SeededGenerator) -> ObservationPoint {
        let roll = Double.random(in: 0..<1, using: &random)
        var point = ObservationPoint(indicator: id, area: area, breakdown: breakdown, period: period, numerator: nil,
                                     denominator: nil, value: nil, lower: nil, upper: nil, notes: roll < 0.02 ? "c" : "")
        switch indicator.kind {
        case .proportion, .rate:
            // Rates' denominators are person-years, not whole: sums then depend on their order.
            let raw = size * Double.random(in: 0.9...1.1, using: &random)
            let d = indicator.kind == .rate ? raw : raw.rounded()
            let n = roll >= 0.04 && roll < 0.05 ? d : (d * min(level, 1)).rounded()   // now and then 100%
            if roll >= 0.02 && roll < 0.04 {
                point.value = Double.random(in: 0...50, using: &random)   // supplied without numbers
            } else if roll >= 0.02 {
                point.numerator = n
                point.denominator = d
                point.value = d > 0 ? n / d * indicator.multiplier : nil
            }
        case .count:
            if roll >= 0.02 { point.value = (level * size / 10).rounded() }
            if roll > 0.9, let v = point.value { point.lower = v * 0.8; point.upper = v * 1.2 }
        case .mean, .valueWithCI:
            let value = (level * 500).rounded() / 10   // one decimal: ties among areas
            let half = pick([0, 0.5, 2, 8], &random)
            if roll >= 0.02 { point.value = value }
            if roll >= 0.04 { point.lower = value - half }
            point.upper = roll < 0.06 ? value - 2 * half - 1 : value + half   // now and then reversed
        }
        return point
    }
}
