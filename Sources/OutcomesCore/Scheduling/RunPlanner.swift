/// When to compute, as a value: the daemon's scheduler loop tells it what it saw (the time,
/// whether the database is reachable, how many outages it recovered from, the catalogue's
/// fingerprint, new feeds) and carries out the action it returns (``Action``), then reports how
/// that went (``finished(_:_:now:)``). No I/O and no clock of its own, so every rule below is
/// tested with plain values (`RunPlannerTests`).
///
/// The rules, in order of precedence on each tick:
/// 1. database unreachable: wait (and catch up once it is back);
/// 2. catch-up — at start, after an outage, after a run that failed (retried after 2, 4, 8…
///    up to 300 s) or that another daemon held the lock for: the scheduler's catch-up run
///    (a full run if the catalogue has none, else the feeds since the latest run);
/// 3. the catalogue changed (reloaded): a full run;
/// 4. the cron schedule is due: a full run (then the next time after now);
/// 5. feeds: look for new ones; when some arrived, wait until none has for `debounce` seconds,
///    then one incremental run for every indicator they touched (a burst of feeds, one run).
///
/// ```swift
/// var planner = RunPlanner(schedule: try CronSchedule("0 * * * *"), debounceSeconds: 5, afterFeeds: true,
///                          fingerprint: "abc", recoveries: 0, now: 0)
/// planner.next(now: 1, reachable: true, recoveries: 0, fingerprint: "abc")   // .catchUp
/// ```
public struct RunPlanner: Sendable, Equatable {
    public enum Action: Sendable, Hashable {
        /// Nothing to do this tick.
        case wait
        /// The catch-up run (start, outage, failure).
        case catchUp
        /// A full run because the catalogue changed.
        case catalogueRun
        /// A full run because the cron schedule is due.
        case scheduledRun
        /// Look for feeds applied after this id, then call ``feedsChecked(newest:indicators:now:)``.
        case checkFeeds(after: Int64)
        /// An incremental run for these indicator keys.
        case feedRun(Set<String>)
    }

    /// How an action's run went.
    public enum Outcome: Sendable, Hashable {
        /// Computed (or nothing needed computing).
        case done
        /// Another process held the compute lock.
        case skipped
        /// The run failed.
        case failed
    }

    public let schedule: CronSchedule?
    public let debounceSeconds: Int
    public let afterFeeds: Bool
    public private(set) var fingerprint: String
    public private(set) var catchUp = true
    public private(set) var failures = 0
    /// Seconds since the epoch before which a failed catch-up is not retried.
    public private(set) var retryAt = Int.min
    public private(set) var recoveries: Int
    public private(set) var nextScheduled: DateTimeUTC?
    public private(set) var lastFeed: Int64 = 0
    public private(set) var pending: Set<String> = []
    public private(set) var quietSince: Int?

    /// - Parameter now: seconds since the epoch (UTC).
    public init(schedule: CronSchedule?, debounceSeconds: Int, afterFeeds: Bool, fingerprint: String, recoveries: Int,
                lastFeed: Int64 = 0, now: Int) {
        self.schedule = schedule
        self.debounceSeconds = debounceSeconds
        self.afterFeeds = afterFeeds
        self.fingerprint = fingerprint
        self.recoveries = recoveries
        self.lastFeed = lastFeed
        nextScheduled = schedule?.next(after: DateTimeUTC(epochSeconds: now))
    }

    /// What to do on this tick.
    public mutating func next(now: Int, reachable: Bool, recoveries: Int, fingerprint: String) -> Action {
        guard reachable else { return .wait }
        if recoveries != self.recoveries {
            self.recoveries = recoveries
            catchUp = true
        }
        if catchUp { return now >= retryAt ? .catchUp : .wait }
        if fingerprint != self.fingerprint {
            self.fingerprint = fingerprint
            return .catalogueRun
        }
        if let due = nextScheduled, now >= due.epochSeconds { return .scheduledRun }
        guard afterFeeds else { return .wait }
        return .checkFeeds(after: lastFeed)
    }

    /// What the feed check found: the newest feed id and the indicators of the new feeds. Returns
    /// the incremental run to start when the feeds have been quiet for the debounce time.
    public mutating func feedsChecked(newest: Int64, indicators: Set<String>, now: Int) -> Action {
        if newest > lastFeed {
            lastFeed = newest
            pending.formUnion(indicators)
            quietSince = now
            // With a debounce time the quiet starts now; with none, the run starts on this tick
            // (waiting for the next cost a poll interval between a feed and its figures).
            if debounceSeconds > 0 { return .wait }
        }
        guard !pending.isEmpty, let quiet = quietSince, now - quiet >= debounceSeconds else { return .wait }
        let keys = pending
        pending.removeAll()
        return .feedRun(keys)
    }

    /// How the run of `action` went.
    public mutating func finished(_ action: Action, _ outcome: Outcome, now: Int) {
        switch action {
        case .wait, .checkFeeds:
            return
        case .catchUp:
            switch outcome {
            case .done:
                catchUp = false
                failures = 0
                pending.removeAll()
            case .skipped:
                break
            case .failed:
                // A run that keeps failing for another reason is retried less and less often.
                failures += 1
                retryAt = now + min(300, 1 << min(failures, 9))
            }
        case .catalogueRun:
            catchUp = outcome != .done
            pending.removeAll()
        case .scheduledRun:
            // Another daemon computing now covers this tick's run: no catch-up for a skip.
            catchUp = outcome == .failed
            pending.removeAll()
            nextScheduled = schedule?.next(after: DateTimeUTC(epochSeconds: now))
        case .feedRun:
            catchUp = outcome != .done
        }
    }
}
