import OutcomesCore

/// `GET /v1/areas`: one area. `name` is in the asked language (Welsh where the catalogue has it).
struct AreaRow: TableRow, EveryKeyEncodable {
    var code: String
    var name: String
    var name_en: String
    var name_cy: String?
    var kind: String
    /// The containing area's code today; null for Wales.
    var parent: String?
    var valid_from: String?
    var valid_to: String?

    init(_ area: Area, welsh: Bool, today: CivilDate) {
        code = area.code
        name = area.name.text(welsh: welsh)
        name_en = area.name.en
        name_cy = area.name.cy
        kind = area.kind.rawValue
        parent = area.parent(on: today)
        valid_from = area.validFrom?.description
        valid_to = area.validTo?.description
    }

    static let columns = ["code", "name", "name_en", "name_cy", "kind", "parent", "valid_from", "valid_to"]
    var cells: [String] { [code, name, name_en, name_cy ?? "", kind, parent ?? "", valid_from ?? "", valid_to ?? ""] }
    static let textColumns = ["code", "kind", "parent", "from", "to", "name"]
    var textCells: [String] { [code, kind, parent ?? "", valid_from ?? "", valid_to ?? "", name] }
}

/// `GET /v1/aims`: one core aim and how many indicators are under it.
struct AimRow: TableRow, EveryKeyEncodable {
    var aim: Int
    var title: String
    var title_en: String
    var title_cy: String?
    var indicators: Int

    static let columns = ["aim", "title", "title_en", "title_cy", "indicators"]
    var cells: [String] { [String(aim), title, title_en, title_cy ?? "", String(indicators)] }
    static let textColumns = ["aim", "indicators", "title"]
    var textCells: [String] { [String(aim), String(indicators), title] }
}

/// `GET /v1/dimensions`: one s25(11) dimension and how many indicators are under it.
struct DimensionRow: TableRow, EveryKeyEncodable {
    var dimension: String
    var title: String
    var title_en: String
    var title_cy: String?
    var indicators: Int

    static let columns = ["dimension", "title", "title_en", "title_cy", "indicators"]
    var cells: [String] { [dimension, title, title_en, title_cy ?? "", String(indicators)] }
    static let textColumns = ["dimension", "indicators", "title"]
    var textCells: [String] { ["(\(dimension))", String(indicators), title] }
}

/// `GET /v1/indicators`: an indicator's metadata. In CSV, lists are space-separated.
struct IndicatorRow: TableRow, EveryKeyEncodable {
    var id: String
    var title: String
    var title_en: String
    var title_cy: String?
    var type: String
    var unit: String
    var polarity: String
    var aims: [Int]
    var dimensions: [String]
    var partner: String
    var period_type: String
    var breakdowns: [String]

    init(_ i: Indicator, welsh: Bool) {
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

    static let columns = ["id", "title", "title_en", "title_cy", "type", "unit", "polarity", "aims", "dimensions", "partner",
                          "period_type", "breakdowns"]
    var cells: [String] {
        [id, title, title_en, title_cy ?? "", type, unit, polarity, aims.map(String.init).joined(separator: " "),
         dimensions.joined(separator: " "), partner, period_type, breakdowns.joined(separator: " ")]
    }
    static let textColumns = ["id", "type", "period", "aims", "dims", "partner"]
    var textCells: [String] {
        [id, type, period_type, aims.map(String.init).joined(separator: ","), dimensions.joined(separator: ","), partner]
    }
    var textNotes: [String] { ["\(title) (\(unit))"] }
}
