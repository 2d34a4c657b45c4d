import OutcomesCore

/// `GET /v1/areas`: one area. `name` is in the asked language (Welsh where the catalogue has it).
package struct AreaRow: TableRow, EveryKeyEncodable {
    package var code: String
    package var name: String
    package var name_en: String
    package var name_cy: String?
    package var kind: String
    /// The containing area's code today; null for Wales.
    package var parent: String?
    package var valid_from: String?
    package var valid_to: String?

    package init(_ area: Area, welsh: Bool, today: CivilDate) {
        code = area.code
        name = area.name.text(welsh: welsh)
        name_en = area.name.en
        name_cy = area.name.cy
        kind = area.kind.rawValue
        parent = area.parent(on: today)
        valid_from = area.validFrom?.description
        valid_to = area.validTo?.description
    }

    package static let columns = ["code", "name", "name_en", "name_cy", "kind", "parent", "valid_from", "valid_to"]
    package var cells: [String] { [code, name, name_en, name_cy ?? "", kind, parent ?? "", valid_from ?? "", valid_to ?? ""] }
    package static let textColumns = ["code", "kind", "parent", "from", "to", "name"]
    package var textCells: [String] { [code, kind, parent ?? "", valid_from ?? "", valid_to ?? "", name] }
}

/// `GET /v1/aims`: one core aim and how many indicators are under it.
package struct AimRow: TableRow, EveryKeyEncodable {
    package var aim: Int
    package var title: String
    package var title_en: String
    package var title_cy: String?
    package var indicators: Int

    package init(aim: Int, title: String, title_en: String, title_cy: String?, indicators: Int) {
        self.aim = aim
        self.title = title
        self.title_en = title_en
        self.title_cy = title_cy
        self.indicators = indicators
    }

    package static let columns = ["aim", "title", "title_en", "title_cy", "indicators"]
    package var cells: [String] { [String(aim), title, title_en, title_cy ?? "", String(indicators)] }
    package static let textColumns = ["aim", "indicators", "title"]
    package var textCells: [String] { [String(aim), String(indicators), title] }
}

/// `GET /v1/dimensions`: one s25(11) dimension and how many indicators are under it.
package struct DimensionRow: TableRow, EveryKeyEncodable {
    package var dimension: String
    package var title: String
    package var title_en: String
    package var title_cy: String?
    package var indicators: Int

    package init(dimension: String, title: String, title_en: String, title_cy: String?, indicators: Int) {
        self.dimension = dimension
        self.title = title
        self.title_en = title_en
        self.title_cy = title_cy
        self.indicators = indicators
    }

    package static let columns = ["dimension", "title", "title_en", "title_cy", "indicators"]
    package var cells: [String] { [dimension, title, title_en, title_cy ?? "", String(indicators)] }
    package static let textColumns = ["dimension", "indicators", "title"]
    package var textCells: [String] { ["(\(dimension))", String(indicators), title] }
}

/// `GET /v1/indicators`: an indicator's metadata. In CSV, lists are space-separated.
package struct IndicatorRow: TableRow, EveryKeyEncodable {
    package var id: String
    package var title: String
    package var title_en: String
    package var title_cy: String?
    package var type: String
    package var unit: String
    package var polarity: String
    package var aims: [Int]
    package var dimensions: [String]
    package var partner: String
    package var period_type: String
    package var breakdowns: [String]

    package init(_ i: Indicator, welsh: Bool) {
        id = i.id
        title = i.title.text(welsh: welsh)
        title_en = i.title.en
        title_cy = i.title.cy
        type = i.kind.rawValue
        unit = i.unit
        polarity = i.polarity.rawValue
        aims = i.aims
        dimensions = i.dimensions
        partner = i.partner
        period_type = i.periodType.rawValue
        breakdowns = i.breakdowns
    }

    package static let columns = ["id", "title", "title_en", "title_cy", "type", "unit", "polarity", "aims", "dimensions", "partner",
                          "period_type", "breakdowns"]
    package var cells: [String] {
        [id, title, title_en, title_cy ?? "", type, unit, polarity, aims.map(String.init).joined(separator: " "),
         dimensions.joined(separator: " "), partner, period_type, breakdowns.joined(separator: " ")]
    }
    package static let textColumns = ["id", "type", "period", "aims", "dims", "partner"]
    package var textCells: [String] {
        [id, type, period_type, aims.map(String.init).joined(separator: ","), dimensions.joined(separator: ","), partner]
    }
    package var textNotes: [String] { ["\(title) (\(unit))"] }
}
