import Foundation
import OutcomesStore
import OutcomesFeeds

/// `GET /v1/runs`: one compute run.
extension RunLog.Entry: TableRow {
    package static let columns = ["id", "trigger", "full", "status", "started_at", "finished_at", "seconds", "based_on", "observations",
                          "measures", "recomputed_indicators", "catalogue_fingerprint", "message"]
    package var cells: [String] {
        [String(id), trigger, String(full), status, CellText.date(started_at), CellText.date(finished_at),
         seconds.map { String(format: "%.3f", $0) } ?? "", based_on.map(String.init) ?? "", String(observations), String(measures),
         String(recomputed_indicators), catalogue_fingerprint, message ?? ""]
    }
    package static let textColumns = ["run", "trigger", "kind", "status", "started (UTC)", "seconds", "observations", "measures"]
    package var textCells: [String] {
        [String(id), trigger, full ? "full" : "incremental", status, String(CellText.date(started_at).prefix(19)),
         seconds.map { String(format: "%.1f", $0) } ?? "", String(observations), String(measures)]
    }
    package var textNotes: [String] { message.map { [$0] } ?? [] }
}

/// `GET /v1/feeds`: one feed in the log.
extension FeedLog.Entry: TableRow {
    package static let columns = ["id", "partner", "source", "file_name", "format", "byte_size", "status", "duplicate_of", "received_at",
                          "finished_at", "rows", "inserted", "updated", "unchanged", "rejected", "message"]
    package var cells: [String] {
        [String(id), partner, source, file_name ?? "", format, String(byte_size), status, duplicate_of.map(String.init) ?? "",
         CellText.date(received_at), CellText.date(finished_at), String(rows), String(inserted), String(updated), String(unchanged),
         String(rejected), message ?? ""]
    }
    package static let textColumns = ["feed", "received (UTC)", "status", "rows", "new", "upd", "same", "rej", "partner"]
    package var textCells: [String] {
        [String(id), String(CellText.date(received_at).prefix(16)), status + (duplicate_of.map { " of \($0)" } ?? ""), String(rows),
         String(inserted), String(updated), String(unchanged), String(rejected), partner]
    }
    package var textNotes: [String] { ["\(file_name ?? "(no file name)") via \(source)"] + (message.map { [$0] } ?? []) }
}

/// `GET /v1/feeds/{id}` as CSV and text: the import report's errors, one per row, as the report
/// gave them (``RowError``): `line` for a CSV feed, `index` for a JSON one, as in the JSON.
extension RowError: TableRow {
    package static let columns = ["line", "index", "column", "field", "code", "message", "value"]
    package var cells: [String] {
        [place == .line ? String(line) : "", place == .observation ? String(line) : "", column.map(String.init) ?? "",
         field, code.rawValue, message, value]
    }
    package static let textColumns = ["where", "field", "code", "value"]
    package var textCells: [String] { [location, field, code.rawValue, value] }
    package var textNotes: [String] { [message] }
}
