/// How children in one area are doing under each core aim and each s25(11) dimension: counts,
/// and the indicators behind every count, so a reader can always see why. No composite index.
public struct AreaSummary: Sendable, Hashable, Encodable {
    /// One aim or dimension: each list names the indicators in that state.
    public struct Group: Sendable, Hashable, Encodable {
        public var key: String
        public var title: String
        public var titleCy: String?
        public var indicators: [String] = []
        public var current: [String] = []
        public var stale: [String] = []
        public var missing: [String] = []
        public var better: [String] = []
        public var similar: [String] = []
        public var worse: [String] = []
        /// No-judgement indicators significantly higher or lower than Wales.
        public var higherOrLower: [String] = []
        public var notCompared: [String] = []
        public var improving: [String] = []
        public var noSignificantChange: [String] = []
        public var worsening: [String] = []
        /// No-judgement indicators with a significant trend (increasing or decreasing).
        public var changing: [String] = []
        public var trendNotAssessed: [String] = []
        /// Significantly worse than Wales and significantly worsening.
        public var redRed: [String] = []
        public var targetsMet: [String] = []
        public var targetsMissed: [String] = []
        /// Priority groups significantly behind all children: "indicator/breakdown".
        public var significantGaps: [String] = []
        /// A local authority against its Local Health Board (empty for Wales and the boards).
        public var boardBetter: [String] = []
        public var boardSimilar: [String] = []
        public var boardWorse: [String] = []
        /// Indicators whose latest `all` point is under the small-number threshold, and the
        /// "indicator/breakdown" gaps whose breakdown point is: what ``withholding(_:)`` hides.
        public var small: [String] = []
        public var smallGaps: [String] = []
        /// Indicators taken out of every comparison and trend list for this reader because their
        /// latest point is withheld (set by ``withholding(_:)``; empty as built).
        public var withheld: [String] = []
        /// Indicators with at least one alert firing in this area (any rule, any breakdown; for
        /// Wales also late feeds), as evaluated in the same run.
        public var alertsFiring: [String] = []

        enum CodingKeys: String, CodingKey {
            case key, title, titleCy = "title_cy", indicators, current, stale, missing, better, similar, worse
            case higherOrLower = "higher_or_lower", changing
            case notCompared = "not_compared", improving, noSignificantChange = "no_significant_change", worsening
            case trendNotAssessed = "trend_not_assessed", redRed = "red_red", targetsMet = "targets_met"
            case targetsMissed = "targets_missed", significantGaps = "significant_gaps"
            case boardBetter = "board_better", boardSimilar = "board_similar", boardWorse = "board_worse"
            case small, smallGaps = "small_gaps", withheld, alertsFiring = "alerts_firing"
        }

        public init(key: String, title: String, titleCy: String? = nil) {
            self.key = key
            self.title = title
            self.titleCy = titleCy
        }
    }

    public var area: String
    public var areaName: String
    public var areaNameCy: String?
    public var aims: [Group]
    public var dimensions: [Group]

    enum CodingKeys: String, CodingKey {
        case area, areaName = "area_name", areaNameCy = "area_name_cy", aims, dimensions
    }
}

extension AreaSummary {
    /// Builds the summary of `area` from the latest point of every series in a run.
    ///
    /// An indicator counts as current when its `all` series has a latest point that is not stale,
    /// stale when that point is older than expected, missing when the area has no point.
    /// Better/similar/worse use the comparison with Wales (best and worst count as better and
    /// worse; no-judgement differences go to higher-or-lower); improving/worsening use the
    /// recent-trend label (a significant no-judgement trend goes to changing). A local authority
    /// is also counted against its Local Health Board (board better/similar/worse).
    /// The result does not depend on the order of `latest` (an indicator's gaps are listed by breakdown).
    /// - Parameter firing: the indicators with an alert firing in this area after the run's evaluation.
    public static func build(area: Area, catalogue: Catalogue, latest: [LatestMeasure], firing: Set<String> = []) -> AreaSummary {
        var all: [String: LatestMeasure] = [:]
        var gaps: [String: [String]] = [:]
        var smallGaps: [String: [String]] = [:]
        for m in latest where m.area == area.code {
            if m.breakdown == Breakdown.allKey {
                all[m.indicator] = m
            } else if m.gapSignificant == true, let gap = m.gap, let indicator = catalogue.indicator(m.indicator) {
                let behind = indicator.polarity == .highIsGood ? gap < 0 : (indicator.polarity == .lowIsGood ? gap > 0 : false)
                if behind {
                    gaps[m.indicator, default: []].append("\(m.indicator)/\(m.breakdown)")
                    if SmallNumbers.isSmall(indicator, numerator: m.numerator, denominator: m.denominator, value: m.value) {
                        smallGaps[m.indicator, default: []].append("\(m.indicator)/\(m.breakdown)")
                    }
                }
            }
        }
        // An indicator's gaps by breakdown key, whatever order the inputs came in.
        for id in gaps.keys { gaps[id]?.sort() }
        for id in smallGaps.keys { smallGaps[id]?.sort() }
        // One pass over the catalogue (in id order, as the catalogue keeps it): each indicator's latest `all` point, whether
        // it is small, and the aims and dimensions it counts under. Each group then walks its
        // members by position, instead of filtering and sorting copies of every indicator for
        // each of the 16 groups (with a national catalogue, 5,327 indicators, those copies were
        // most of an uncached summary's build, `perf record`).
        struct Member {
            let id: String
            let latest: LatestMeasure?
            let small: Bool
        }
        var members: [Member] = []
        members.reserveCapacity(catalogue.indicators.count)
        var byAim: [Int: [Int]] = [:], byDimension: [String: [Int]] = [:]
        for indicator in catalogue.indicators {
            let position = members.count
            let m = all[indicator.id]
            members.append(Member(id: indicator.id, latest: m, small: m.map {
                SmallNumbers.isSmall(indicator, numerator: $0.numerator, denominator: $0.denominator, value: $0.value)
            } ?? false))
            for aim in indicator.aims where byAim[aim]?.last != position { byAim[aim, default: []].append(position) }
            for d in indicator.dimensions where byDimension[d]?.last != position { byDimension[d, default: []].append(position) }
        }
        func group(key: String, title: LocalizedText, positions: [Int]) -> Group {
            var g = Group(key: key, title: title.en, titleCy: title.cy)
            for position in positions {
                let member = members[position]
                let id = member.id
                g.indicators.append(id)
                if firing.contains(id) { g.alertsFiring.append(id) }
                guard let m = member.latest else { g.missing.append(id); continue }
                if member.small { g.small.append(id) }
                g.smallGaps += smallGaps[id] ?? []
                if m.stale == true { g.stale.append(id) } else { g.current.append(id) }
                let worse: Bool
                switch m.vsWales {
                case .better, .best: g.better.append(id); worse = false
                case .worse, .worst: g.worse.append(id); worse = true
                case .similar: g.similar.append(id); worse = false
                case .higher, .lower, .higherAt99_8, .lowerAt99_8: g.higherOrLower.append(id); worse = false
                case .notCompared: g.notCompared.append(id); worse = false
                }
                switch m.trend {
                case .increasingAndGettingBetter, .decreasingAndGettingBetter: g.improving.append(id)
                case .increasingAndGettingWorse, .decreasingAndGettingWorse:
                    g.worsening.append(id)
                    if worse { g.redRed.append(id) }
                case .noSignificantChange: g.noSignificantChange.append(id)
                case .increasing, .decreasing: g.changing.append(id)
                case .cannotBeCalculated: g.trendNotAssessed.append(id)
                }
                switch m.vsBoard {
                case .better, .best: g.boardBetter.append(id)
                case .worse, .worst: g.boardWorse.append(id)
                case .similar: g.boardSimilar.append(id)
                case .higher, .lower, .higherAt99_8, .lowerAt99_8, .notCompared: break
                }
                if let met = m.targetMet { if met { g.targetsMet.append(id) } else { g.targetsMissed.append(id) } }
                g.significantGaps += gaps[id] ?? []
            }
            return g
        }
        let aims = catalogue.aims.sorted { $0.number < $1.number }.map { aim in
            group(key: String(aim.number), title: aim.title, positions: byAim[aim.number] ?? [])
        }
        let dimensions = catalogue.dimensions.sorted { $0.letter < $1.letter }.map { d in
            group(key: d.letter, title: d.title, positions: byDimension[d.letter] ?? [])
        }
        return AreaSummary(area: area.code, areaName: area.name.en, areaNameCy: area.name.cy, aims: aims, dimensions: dimensions)
    }
}

extension AreaSummary {
    /// The summary as a reader who may not see small numbers sees it: every indicator in `small`
    /// that `suppressed` says is withheld from this reader leaves the comparison, trend, target
    /// and board lists (they were computed from the withheld figures) and is listed in `withheld`;
    /// so do its gaps, and any gap whose breakdown point is small. Counts of indicators, current,
    /// stale and missing stay: they say nothing of the figures.
    public func withholding(_ suppressed: (String) -> Bool) -> AreaSummary {
        var s = self
        func project(_ g: inout Group) {
            let hidden = Set(g.small.filter(suppressed))
            let hiddenGaps = Set(g.smallGaps.filter { suppressed(String($0.prefix { $0 != "/" })) })
            guard !hidden.isEmpty || !hiddenGaps.isEmpty else { return }
            func strip(_ list: inout [String]) { list.removeAll { hidden.contains($0) } }
            strip(&g.better); strip(&g.similar); strip(&g.worse); strip(&g.higherOrLower); strip(&g.notCompared)
            strip(&g.improving); strip(&g.noSignificantChange); strip(&g.worsening); strip(&g.changing)
            strip(&g.trendNotAssessed); strip(&g.redRed); strip(&g.targetsMet); strip(&g.targetsMissed)
            strip(&g.boardBetter); strip(&g.boardSimilar); strip(&g.boardWorse)
            g.significantGaps.removeAll { hiddenGaps.contains($0) || hidden.contains(String($0.prefix { $0 != "/" })) }
            g.withheld = g.indicators.filter { hidden.contains($0) }
        }
        for i in s.aims.indices { project(&s.aims[i]) }
        for i in s.dimensions.indices { project(&s.dimensions[i]) }
        return s
    }
}
