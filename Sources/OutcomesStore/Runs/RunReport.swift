/// What a computation run did.
public struct RunReport: Sendable, Codable, Equatable {
    public var runID: Int64
    public var full: Bool
    public var basedOn: Int64?
    public var observations: Int
    public var measures: Int
    public var recomputedIndicators: Int
    public var seconds: Double

    enum CodingKeys: String, CodingKey {
        case runID = "run_id", full, basedOn = "based_on", observations, measures
        case recomputedIndicators = "recomputed_indicators", seconds
    }

    public var text: String {
        "run \(runID) (\(full ? "full" : "incremental on run \(basedOn.map(String.init) ?? "?")")): "
            + "\(observations) observations, \(recomputedIndicators) indicator\(recomputedIndicators == 1 ? "" : "s") recomputed, \(measures) measures, "
            + String(format: "%.3f s", seconds) + "\n"
    }
}

import Foundation
