import OutcomesCore

/// An area's roll-up as JSON: the summary with `lang`, and `area_name` and each group's
/// `title` in the asked language (Welsh where the catalogue has it, else English); the `_cy`
/// fields always carry the Welsh, so a client can show both.
public enum SummaryJSON {
    public static func render(_ summary: AreaSummary, welsh: Bool) -> String {
        var s = summary
        if welsh {
            s.areaName = s.areaNameCy ?? s.areaName
            for i in s.aims.indices { s.aims[i].title = s.aims[i].titleCy ?? s.aims[i].title }
            for i in s.dimensions.indices { s.dimensions[i].title = s.dimensions[i].titleCy ?? s.dimensions[i].title }
        }
        return SummaryJSONWriter.document(s, lang: welsh ? "cy" : "en")
    }
}
