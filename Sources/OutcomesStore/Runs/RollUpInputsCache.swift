import OutcomesCore
import Synchronization

/// The roll-up inputs (``RollUpInputs/latest(run:area:areaID:keys:on:logger:)``: one row per
/// series) of the newest run read for each area, so that the roll-up of an incremental run based
/// on it is rebuilt from these inputs and the rows of the indicators the run recomputed, not by
/// re-reading the whole run (``MeasureQueries/summary(area:run:catalogue:keys:)``).
///
/// One entry per area, for the newest run read: reading an older run (`?run=`, `?as_of=`) never
/// replaces it. Memory: one ``LatestMeasure`` per series of each area read (about 7,000 per area
/// at 10,000,000 observations). Shared by the daemon's routes; a command reads without one.
public final class RollUpInputsCache: Sendable {
    struct Entry: Sendable {
        var run: Int64
        /// The fingerprint of the catalogue the inputs were read through.
        var catalogue: String
        var latest: [LatestMeasure]
    }

    private let entries = Mutex<[Int32: Entry]>([:])

    public init() {}

    func get(area: Int32) -> Entry? { entries.withLock { $0[area] } }

    /// Keeps `entry` as `area`'s inputs unless a newer run's are held.
    func put(area: Int32, _ entry: Entry) {
        entries.withLock { held in
            if let kept = held[area], kept.run > entry.run { return }
            held[area] = entry
        }
    }
}
