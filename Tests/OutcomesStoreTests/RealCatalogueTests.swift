import Testing
import OutcomesCore
import OutcomesTestSupport

@Suite("The real catalogue in Indicators/")
struct RealCatalogueTests {
    @Test("loads cleanly with at least 45 indicators, every aim and dimension covered at least 3 times")
    func coverage() throws {
        let catalogue = try TestCluster.realCatalogue()
        #expect(catalogue.indicators.count >= 45)
        for aim in 1...7 { #expect((catalogue.indicatorCountByAim[aim] ?? 0) >= 3, "aim \(aim)") }
        for letter in Dimension.letters { #expect((catalogue.indicatorCountByDimension[letter] ?? 0) >= 3, "dimension \(letter)") }
    }

    @Test("areas: Wales, 22 local authorities, 7 current health boards, Bridgend's 2019 move")
    func areas() throws {
        let catalogue = try TestCluster.realCatalogue()
        #expect(catalogue.areas.filter { $0.kind == .localAuthority }.count == 22)
        let april2019 = CivilDate(year: 2019, month: 4, day: 1)!
        #expect(catalogue.areas.filter { $0.kind == .healthBoard && $0.isValid(on: april2019) }.count == 7)
        #expect(catalogue.area("W92000004")?.name.cy == "Cymru")
        let bridgend = try #require(catalogue.area("W06000013"))
        #expect(bridgend.parent(on: CivilDate(year: 2019, month: 3, day: 31)!) == "W11000026")
        #expect(bridgend.parent(on: april2019) == "W11000030")
    }
}
