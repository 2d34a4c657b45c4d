import OutcomesCore

/// A small valid catalogue as text, to break one piece at a time.
enum CatalogueFixture {
    static let aims = """
        aims:
          - number: 1
            title: have a flying start in life
          - number: 2
            title: have a comprehensive range of education and learning opportunities
          - number: 3
            title: enjoy the best possible health and are free from abuse, victimisation and exploitation
          - number: 4
            title: have access to play, leisure, sporting and cultural activities
          - number: 5
            title: are listened to, treated with respect, and have their race and cultural identity recognised
          - number: 6
            title: have a safe home and a community which supports physical and emotional wellbeing
          - number: 7
            title: are not disadvantaged by poverty
        """
    static let dimensions = "dimensions:\n" + Dimension.letters.map { "  - letter: \($0)\n    title: dimension \($0)\n" }.joined()
    static let partners = """
        partners:
          - key: local_health_board
            name: Local Health Board
            kind: relevant_partner
            basis: "s25(4)(d)"
          - key: local_authority
            name: Local authority
            kind: relevant_partner
            basis: "s25(1)"
        """
    static let breakdowns = """
        breakdowns:
          - key: all
            name: All children
            priority_group: false
          - key: looked_after
            name: Looked-after children
            priority_group: true
        """
    static let areas = """
        areas:
          - code: W92000004
            kind: country
            name: {en: Wales, cy: Cymru}
          - code: W11000026
            kind: health_board
            name: {en: Abertawe Bro Morgannwg University Health Board}
            valid_to: 2019-03-31
            parents:
              - code: W92000004
          - code: W11000030
            kind: health_board
            name: {en: Cwm Taf Morgannwg University Health Board}
            valid_from: 2019-04-01
            parents:
              - code: W92000004
          - code: W06000013
            kind: local_authority
            name: {en: Bridgend, cy: Pen-y-bont ar Ogwr}
            parents:
              - {code: W11000026, to: 2019-03-31}
              - {code: W11000030, from: 2019-04-01}
        """
    static let lowBirthWeight = """
        id: low_birth_weight
        title:
          en: Live single births under 2,500g
        definition: Live single births under 2,500g as a percentage of live single births.
        type: proportion
        multiplier: 100
        unit: percentage
        polarity: low_is_good
        aims: [1]
        dimensions: [a, i]
        partner: local_health_board
        period_type: calendar
        breakdowns: [all]
        valid_range: [0, 100]
        small_number_threshold: 5
        source: National Indicator 1.
        """

    static func sources(indicators: [String: String] = ["low_birth_weight": lowBirthWeight],
                        aims: String = aims, dimensions: String = dimensions, partners: String = partners,
                        breakdowns: String = breakdowns, areas: String = areas) -> CatalogueSources {
        CatalogueSources(
            folder: "Indicators",
            aims: SourceFile(path: "Indicators/aims.yaml", text: aims),
            dimensions: SourceFile(path: "Indicators/dimensions.yaml", text: dimensions),
            partners: SourceFile(path: "Indicators/partners.yaml", text: partners),
            breakdowns: SourceFile(path: "Indicators/breakdowns.yaml", text: breakdowns),
            areas: SourceFile(path: "Indicators/areas.yaml", text: areas),
            indicators: indicators.map { SourceFile(path: "Indicators/indicators/\($0.key).yaml", text: $0.value) }
        )
    }

    /// The issues loading reports, or [] when it succeeds.
    static func issues(_ sources: CatalogueSources) -> [CatalogueIssue] {
        do {
            _ = try CatalogueLoader.load(sources)
            return []
        } catch {
            return error.issues
        }
    }

    /// The indicator text with one line replaced.
    static func indicator(replacing old: String, with new: String) -> String {
        lowBirthWeight.replacingOccurrences(of: old, with: new)
    }
}

extension String {
    func replacingOccurrences(of old: String, with new: String) -> String {
        var result = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: old) {
            result += rest[..<range.lowerBound] + new
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
