import Foundation
public import OutcomesCore
public import OutcomesStore

/// Who reads a list of alerts: small numbers are withheld from a caller who may not see them
/// (``Suppression``), never from the operator at the command line.
public enum AlertAudience: Sendable {
    case `operator`
    case caller(Principal?)

    func suppress(partner: String?) -> Bool {
        switch self {
        case .operator: false
        case .caller(let principal): AlertRows.suppress(principal, partner: partner)
        }
    }
}

extension Renderings {
    /// Alerts' current state (`GET /v1/alerts`, `outcomesd alerts`).
    public static func alerts(_ entries: [AlertLog.Entry], query: AlertQuery, catalogue: Catalogue, audience: AlertAudience,
                              format: ResponseFormat, welsh: Bool) throws -> String {
        let rows = entries.map { e in
            AlertEntryRow(e, suppress: audience.suppress(partner: catalogue.indicator(e.indicator)?.partner ?? e.partner), welsh: welsh)
        }
        let states = query.state.map { $0 == "all" ? Words.t("all states", "pob cyflwr", welsh) : $0 }
            ?? Words.t("pending, firing and resolved", "yn aros, yn tanio ac wedi'u datrys", welsh)
        let filters = query.described(welsh)
        return try Table.render(rows, format: format, heading: [
            Words.t("Alerts", "Rhybuddion", welsh) + " (\(rows.count)): " + states + (filters.isEmpty ? "" : "; " + filters),
            Words.t("Firing first, then pending, then resolved; the summary beneath each. GET /v1/alerts/events lists every change.",
                    "Yn tanio yn gyntaf, yna'n aros, yna wedi'u datrys; y crynodeb o dan bob un. Mae GET /v1/alerts/events yn rhestru pob newid.",
                    welsh),
        ], footer: AlertRows.legend(events: false, welsh), welsh: welsh)
    }

    /// Alerts' transitions, newest first (`GET /v1/alerts/events`).
    public static func alertEvents(_ events: [AlertLog.Event], query: AlertQuery, catalogue: Catalogue, audience: AlertAudience,
                                   format: ResponseFormat, welsh: Bool) throws -> String {
        let rows = events.map { e in
            AlertEventRow(e, suppress: audience.suppress(partner: catalogue.indicator(e.indicator)?.partner), welsh: welsh)
        }
        let filters = query.described(welsh)
        let entered = query.state.map { $0 == "all" ? "" : "; " + Words.t("entering", "yn mynd i", welsh) + " " + $0 } ?? ""
        return try Table.render(rows, format: format, heading: [
            Words.t("Alert changes, newest first", "Newidiadau rhybuddion, y diweddaraf yn gyntaf", welsh) + " (\(rows.count))" + entered
                + (filters.isEmpty ? "" : "; " + filters),
        ], footer: AlertRows.legend(events: true, welsh), welsh: welsh)
    }
}
