import Testing
import OutcomesCore

@Suite("Catalogue loading")
struct CatalogueLoaderTests {
    typealias F = CatalogueFixture
    let file = "Indicators/indicators/low_birth_weight.yaml"

    @Test("a valid catalogue loads with its reference data and parent links")
    func validCatalogueLoads() throws {
        let catalogue = try CatalogueLoader.load(F.sources())
        #expect(catalogue.indicators.map(\.id) == ["low_birth_weight"])
        #expect(catalogue.aims.count == 7 && catalogue.dimensions.count == 9)
        let bridgend = try #require(catalogue.area("W06000013"))
        #expect(bridgend.name.cy == "Pen-y-bont ar Ogwr")
        #expect(bridgend.parent(on: CivilDate(year: 2019, month: 3, day: 31)!) == "W11000026")
        #expect(bridgend.parent(on: CivilDate(year: 2019, month: 4, day: 1)!) == "W11000030")
        #expect(catalogue.indicator("low_birth_weight")?.kind == .proportion)
    }

    @Test("an unknown core aim is reported at its list item with the accepted aims")
    func unknownAim() {
        let issues = F.issues(F.sources(indicators: ["low_birth_weight": F.indicator(replacing: "aims: [1]", with: "aims: [1, 8]")]))
        #expect(issues.count == 1)
        #expect(issues.first?.location == SourceLocation(file: file, line: 9, column: 11))
        #expect(issues.first?.message.contains("unknown core aim '8'") == true)
        #expect(issues.first?.message.contains("1, 2, 3, 4, 5, 6, 7") == true)
    }

    @Test("an unknown dimension letter is reported at its item")
    func unknownDimension() {
        let issues = F.issues(F.sources(indicators: ["low_birth_weight": F.indicator(replacing: "dimensions: [a, i]", with: "dimensions: [a, j]")]))
        #expect(issues.map(\.location.line) == [10])
        #expect(issues.first?.location.column == 17)
        #expect(issues.first?.message.contains("unknown dimension letter 'j'") == true)
    }

    @Test("a duplicate indicator id names the first declaration")
    func duplicateID() {
        let twin = F.indicator(replacing: "id: low_birth_weight", with: "id: low_birth_weight")
        var sources = F.sources(indicators: ["low_birth_weight": F.lowBirthWeight])
        sources.indicators.append(SourceFile(path: "Indicators/more/low_birth_weight.yaml", text: twin))
        let issues = F.issues(sources)
        #expect(issues.count == 1)
        #expect(issues.first?.location.line == 1)
        #expect(issues.first?.message.contains("duplicate indicator id 'low_birth_weight' (first declared at") == true)
    }

    @Test("a missing field is reported at the mapping, naming the field")
    func missingField() {
        let issues = F.issues(F.sources(indicators: ["low_birth_weight": F.indicator(replacing: "polarity: low_is_good\n", with: "")]))
        #expect(issues.count == 1)
        #expect(issues.first?.location == SourceLocation(file: file, line: 1, column: 1))
        #expect(issues.first?.message == "an indicator is missing required field 'polarity'")
    }

    @Test("a wrong period type lists the accepted types")
    func wrongPeriodType() {
        let issues = F.issues(F.sources(indicators: ["low_birth_weight": F.indicator(replacing: "period_type: calendar", with: "period_type: weekly")]))
        #expect(issues.map(\.location.line) == [12])
        #expect(issues.first?.location.column == 14)
        #expect(issues.first?.message == "unknown period_type 'weekly'; accepted: calendar, financial, academic, quarter, month")
    }

    @Test("malformed YAML is reported at the scanner's line and column")
    func malformedYAML() {
        let issues = F.issues(F.sources(indicators: ["low_birth_weight": F.indicator(replacing: "unit: percentage", with: "unit: [percentage")]))
        #expect(issues.count == 1)
        #expect(issues.first?.message.hasPrefix("malformed YAML") == true)
        #expect((issues.first?.location.line ?? 0) >= 7)
    }

    @Test("an undeclared partner is reported with the declared ones")
    func undeclaredPartner() {
        let issues = F.issues(F.sources(indicators: ["low_birth_weight": F.indicator(replacing: "partner: local_health_board", with: "partner: police")]))
        #expect(issues.map(\.location.line) == [11])
        #expect(issues.first?.message == "partner 'police' is not declared in partners.yaml; declared: local_health_board, local_authority")
    }

    @Test("an undeclared breakdown is reported at its item")
    func undeclaredBreakdown() {
        let issues = F.issues(F.sources(indicators: ["low_birth_weight": F.indicator(replacing: "breakdowns: [all]", with: "breakdowns: [all, disabled]")]))
        #expect(issues.map(\.location) == [SourceLocation(file: file, line: 13, column: 19)])
        #expect(issues.first?.message.contains("breakdown 'disabled' is not declared in breakdowns.yaml") == true)
    }

    @Test("a misspelt field is refused with the accepted names")
    func unknownField() {
        let issues = F.issues(F.sources(indicators: ["low_birth_weight": F.indicator(replacing: "polarity: low_is_good", with: "polarity: low_is_good\npolarty: high")]))
        #expect(issues.map(\.location.line) == [9])
        #expect(issues.first?.message.hasPrefix("unknown field 'polarty' in an indicator; accepted: id, title") == true)
    }

    @Test("an id that differs from the file name is refused")
    func idMustMatchFileName() {
        let issues = F.issues(F.sources(indicators: ["low_birth_weight": F.indicator(replacing: "id: low_birth_weight", with: "id: birth_weight")]))
        #expect(issues.first?.message.contains("must match its file name") == true)
    }

    @Test("the seven aims must all be declared")
    func missingAim() {
        let aims = F.aims.replacingOccurrences(of: "  - number: 7\n    title: are not disadvantaged by poverty", with: "")
        let issues = F.issues(F.sources(aims: aims))
        #expect(issues.contains { $0.message.contains("missing: 7") })
    }

    @Test("an area's parent must be declared and of a larger kind")
    func areaParents() {
        let areas = F.areas.replacingOccurrences(of: "{code: W11000030, from: 2019-04-01}", with: "{code: W11000099, from: 2019-04-01}")
        let issues = F.issues(F.sources(areas: areas))
        #expect(issues.contains { $0.message == "area W06000013 names parent W11000099, which is not declared in areas.yaml" })
    }

    @Test("every problem is reported, not just the first, sorted by place")
    func allIssuesReported() {
        let broken = F.indicator(replacing: "aims: [1]", with: "aims: [9]").replacingOccurrences(of: "period_type: calendar", with: "period_type: daily")
        let issues = F.issues(F.sources(indicators: ["low_birth_weight": broken]))
        #expect(issues.map(\.location.line) == [9, 12])
        #expect(issues.map(\.description).allSatisfy { $0.hasPrefix(file + ":") })
    }
}
