import ArgumentParser
import Foundation
import OutcomesCore

/// `outcomesd catalogue`: lists every indicator.
struct CatalogueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalogue",
        abstract: "List every indicator with its type, polarity, aims, dimensions, partner and period type."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var options: GlobalOptions
    @Option(help: "Output format: text or json.") var format: Format = .text

    func run() async throws {
        let runtime: Runtime
        let catalogue: Catalogue
        do {
            runtime = try Runtime(options)
            catalogue = try runtime.loadCatalogue()
        } catch let exit as ExitWith { throw exit.code }
        switch format {
        case .json: print(try CatalogueListing.json(catalogue))
        case .text: print(CatalogueListing.text(catalogue), terminator: "")
        }
    }
}

/// Renders the catalogue listing.
enum CatalogueListing {
    struct Row: Encodable {
        var id: String
        var title: String
        var type: String
        var polarity: String
        var aims: [Int]
        var dimensions: [String]
        var partner: String
        var period_type: String
    }

    static func rows(_ catalogue: Catalogue) -> [Row] {
        catalogue.indicators.map {
            Row(id: $0.id, title: $0.title.en, type: $0.kind.rawValue, polarity: $0.polarity.rawValue,
                aims: $0.aims, dimensions: $0.dimensions, partner: $0.partner, period_type: $0.periodType.rawValue)
        }
    }

    static func json(_ catalogue: Catalogue) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(rows(catalogue)), as: UTF8.self)
    }

    static func text(_ catalogue: Catalogue) -> String {
        let header = ["id", "type", "polarity", "aims", "dims", "partner", "period", "title"]
        let table = rows(catalogue).map {
            [$0.id, $0.type, $0.polarity, $0.aims.map(String.init).joined(separator: ","),
             $0.dimensions.joined(separator: ","), $0.partner, $0.period_type, $0.title]
        }
        var widths = header.map(\.count)
        for row in table { for (i, cell) in row.enumerated() where i < header.count - 1 { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in i == cells.count - 1 ? c : c.padding(toLength: widths[i], withPad: " ", startingAt: 0) }
                .joined(separator: "  ") + "\n"
        }
        return line(header) + table.map(line).joined() + "\(catalogue.indicators.count) indicators\n"
    }
}
