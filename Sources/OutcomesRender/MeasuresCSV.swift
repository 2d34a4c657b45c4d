import OutcomesCore
import OutcomesStore

/// One series' measures as CSV, one row per period.
enum MeasuresCSV {
    static func render(_ records: [MeasureQueries.Record]) -> String {
        var out = "period,value,lower95,upper95,lower998,upper998,numerator,denominator,benchmark,trend,trend_chi2,change,quintile,target,derived,stale\n"
        func n(_ d: Double?) -> String { d.map { String($0) } ?? "" }
        for r in records {
            out += [r.period, n(r.value), n(r.lower95), n(r.upper95), n(r.lower998), n(r.upper998), n(r.numerator), n(r.denominator),
                    r.benchmark?.rawValue ?? "", r.trend?.rawValue ?? "", n(r.trendChi2), n(r.change), r.quintile.map(String.init) ?? "",
                    r.target.map { $0 ? "met" : "missed" } ?? "", r.derived ? "true" : "false", r.stale.map { $0 ? "true" : "false" } ?? ""]
                .joined(separator: ",") + "\n"
        }
        return out
    }
}
