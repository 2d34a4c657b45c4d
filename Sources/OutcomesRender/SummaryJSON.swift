import OutcomesCore

/// An area's roll-up as JSON: the summary with `lang`, and `area_name` and each group's
/// `title` in the asked language (Welsh where the catalogue has it, else English); the `_cy`
/// fields always carry the Welsh, so a client can show both.
public enum SummaryJSON {
    public static func render(_ summary: AreaSummary, welsh: Bool) throws -> String {
        var s = summary
        if welsh {
            s.areaName = s.areaNameCy ?? s.areaName
            for i in s.aims.indices { s.aims[i].title = s.aims[i].titleCy ?? s.aims[i].title }
            for i in s.dimensions.indices { s.dimensions[i].title = s.dimensions[i].titleCy ?? s.dimensions[i].title }
        }
        return try JSONText.encode(Localised(summary: s, lang: welsh ? "cy" : "en"))
    }

    /// The summary's own keys plus `lang`, in one object.
    struct Localised: Encodable {
        var summary: AreaSummary
        var lang: String

        enum Key: String, CodingKey { case lang }

        func encode(to encoder: any Encoder) throws {
            try summary.encode(to: encoder)
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(lang, forKey: .lang)
        }
    }
}
