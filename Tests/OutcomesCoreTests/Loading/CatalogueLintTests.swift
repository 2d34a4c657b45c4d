import Testing
import OutcomesCore

/// `outcomesd check --strict`: the lint rules, each located to file:line:column.
@Suite("Catalogue lint")
struct CatalogueLintTests {
    typealias F = CatalogueFixture
    static let file = "Indicators/indicators/low_birth_weight.yaml"
    /// The fixture's breakdowns with the priority group's basis given, so only the rule under test fires.
    static let breakdowns = F.breakdowns + "\n    basis: \"guidance §2.1.4\""

    static func findings(source: String? = nil, aims: String = F.aims, breakdowns: String = breakdowns) -> [CatalogueIssue] {
        let text = source.map { F.indicator(replacing: "source: National Indicator 1.", with: $0) } ?? F.lowBirthWeight
        return CatalogueLint.findings(F.sources(indicators: ["low_birth_weight": text], aims: aims, breakdowns: breakdowns))
    }

    @Test("a catalogue with dated figures, sources and no unchecked Welsh has no findings")
    func clean() {
        #expect(Self.findings().isEmpty)
        #expect(Self.findings(source: "source: \"National Indicator 1. Wales 2021: 5.8%.\"").isEmpty)
        #expect(Self.findings(source: "source: \"Returns. Wales FYE 2022 to FYE 2024: 31%; Wales 2015/16: 60.3%.\"").isEmpty)
        // A year on the next line of a folded block is in the same sentence.
        #expect(Self.findings(source: "source: >-\n  Local returns. Wales 31 March\n  2015: 47 per 10,000.").isEmpty)
        // Numbers that are not quoted figures: measure numbers, counts of things, thresholds.
        #expect(Self.findings(source: "source: Performance measure 24 (PM24), Part 10 code; 40 members elected.").isEmpty)
    }

    @Test("a figure without a year in its sentence is reported where it stands", arguments: [
        ("source: \"Welsh Government. Wales: 64%.\"", "64%", 16, 35),
        ("source: \"Wales 2015/16: 60.3%; pupils eligible for free school meals 35.6%.\"", "35.6%", 16, 70),
        ("source: >-\n  Census returns. Wales 31 March: about 270\n  per 10,000.", "270", 17, 41),
        ("source: \"Police returns. Wales: 239.\"", "239", 16, 33),
    ])
    func figureWithoutYear(source: String, figure: String, line: Int, column: Int) {
        let findings = Self.findings(source: source)
        #expect(findings.count == 1)
        #expect(findings.first?.location == SourceLocation(file: Self.file, line: line, column: column))
        #expect(findings.first?.message.contains("quotes the figure '\(figure)' without a year") == true)
    }

    @Test("a source that is empty or a placeholder is reported at the value; a missing one at the file")
    func noSource() {
        for placeholder in ["TBC", "TODO find the release", "\"\""] {
            let findings = Self.findings(source: "source: \(placeholder)")
            #expect(findings.map(\.location) == [SourceLocation(file: Self.file, line: 16, column: 9)], "\(placeholder)")
            #expect(findings.first?.message.hasPrefix("'source' is empty or a placeholder") == true)
        }
        let missing = Self.findings(source: "")
        #expect(missing.map(\.location) == [SourceLocation(file: Self.file, line: 1, column: 1)])
        #expect(missing.first?.message.hasPrefix("indicator has no 'source'") == true)
    }

    @Test("a priority-group breakdown without a basis is reported at its key")
    func priorityGroupWithoutBasis() {
        let findings = Self.findings(breakdowns: F.breakdowns)
        #expect(findings.map(\.location) == [SourceLocation(file: "Indicators/breakdowns.yaml", line: 5, column: 10)])
        #expect(findings.first?.message.contains("priority group 'looked_after' has no 'basis'") == true)
    }

    @Test("each Welsh text marked '# cy-unchecked' is reported at its marker; the words in prose are not")
    func welshUnchecked() {
        let aims = F.aims.replacingOccurrences(
            of: "    title: have a flying start in life",
            with: "    # Each Welsh title carries \"# cy-unchecked\" until checked.\n"
                + "    title: {en: have a flying start in life, cy: \"yn cael dechrau teg mewn bywyd\"}  # cy-unchecked: from the review")
        let findings = Self.findings(aims: aims)
        #expect(findings.map(\.location) == [SourceLocation(file: "Indicators/aims.yaml", line: 4, column: 85)])
        #expect(findings.first?.message.hasPrefix("Welsh text not yet checked by a Welsh-language officer") == true)
    }
}
