import Testing
import OutcomesCore

/// The scheduler's decisions with plain values (issue 14's untested list: the cron schedule, the
/// debounce, the full run after a catalogue change, the catch-up after outages and failures).
@Suite("When to compute")
struct RunPlannerTests {
    /// 2026-11-29 10:00:00 UTC.
    static let t0 = 1_795_946_400

    static func planner(schedule: String? = "0 * * * *", debounce: Int = 5, afterFeeds: Bool = true) throws -> RunPlanner {
        RunPlanner(schedule: try schedule.map { try CronSchedule($0) }, debounceSeconds: debounce, afterFeeds: afterFeeds,
                   fingerprint: "A", recoveries: 0, lastFeed: 10, now: t0)
    }

    /// A planner whose start-up catch-up is done.
    static func started(schedule: String? = "0 * * * *", debounce: Int = 5, afterFeeds: Bool = true) throws -> RunPlanner {
        var p = try planner(schedule: schedule, debounce: debounce, afterFeeds: afterFeeds)
        #expect(p.next(now: t0, reachable: true, recoveries: 0, fingerprint: "A") == .catchUp)
        p.finished(.catchUp, .done, now: t0)
        return p
    }

    @Test("the first tick catches up; nothing happens while the database is unreachable")
    func startsWithCatchUp() throws {
        var p = try Self.planner()
        #expect(p.next(now: Self.t0, reachable: false, recoveries: 0, fingerprint: "A") == .wait)
        #expect(p.next(now: Self.t0, reachable: true, recoveries: 0, fingerprint: "A") == .catchUp)
        p.finished(.catchUp, .done, now: Self.t0)
        #expect(p.next(now: Self.t0 + 1, reachable: true, recoveries: 0, fingerprint: "A") == .checkFeeds(after: 10))
    }

    @Test("a failed catch-up is retried after 2, 4, 8 … seconds, at most 300; a skipped one (another daemon's lock) next tick")
    func failedCatchUpBacksOff() throws {
        var p = try Self.planner()
        var now = Self.t0
        for wait in [2, 4, 8, 16, 32, 64, 128, 256, 300, 300] {
            #expect(p.next(now: now, reachable: true, recoveries: 0, fingerprint: "A") == .catchUp)
            p.finished(.catchUp, .failed, now: now)
            #expect(p.next(now: now + wait - 1, reachable: true, recoveries: 0, fingerprint: "A") == .wait)
            now += wait
        }
        #expect(p.next(now: now, reachable: true, recoveries: 0, fingerprint: "A") == .catchUp)
        p.finished(.catchUp, .skipped, now: now)
        #expect(p.next(now: now + 1, reachable: true, recoveries: 0, fingerprint: "A") == .catchUp)
        p.finished(.catchUp, .done, now: now + 1)
        #expect(p.failures == 0 && !p.catchUp)
    }

    @Test("after an outage (the recoveries count moved) the next tick catches up")
    func outageCatchesUp() throws {
        var p = try Self.started()
        #expect(p.next(now: Self.t0 + 10, reachable: false, recoveries: 0, fingerprint: "A") == .wait)
        #expect(p.next(now: Self.t0 + 20, reachable: true, recoveries: 1, fingerprint: "A") == .catchUp)
    }

    @Test("the cron schedule starts a full run when due, then waits for the next time after the run")
    func cronSchedule() throws {
        var p = try Self.started()
        #expect(p.nextScheduled == DateTimeUTC(year: 2026, month: 11, day: 29, hour: 11, minute: 0))
        #expect(p.next(now: Self.t0 + 3599, reachable: true, recoveries: 0, fingerprint: "A") == .checkFeeds(after: 10))
        #expect(p.next(now: Self.t0 + 3600, reachable: true, recoveries: 0, fingerprint: "A") == .scheduledRun)
        // The run took 90 s: the next is at 12:00, not again at once.
        p.finished(.scheduledRun, .done, now: Self.t0 + 3690)
        #expect(p.nextScheduled == DateTimeUTC(year: 2026, month: 11, day: 29, hour: 12, minute: 0))
        #expect(p.next(now: Self.t0 + 3691, reachable: true, recoveries: 0, fingerprint: "A") == .checkFeeds(after: 10))
        // Another daemon held the lock: its run covers this one, no catch-up. A failure: catch up.
        #expect(p.next(now: Self.t0 + 7200, reachable: true, recoveries: 0, fingerprint: "A") == .scheduledRun)
        p.finished(.scheduledRun, .skipped, now: Self.t0 + 7200)
        #expect(!p.catchUp)
        #expect(p.next(now: Self.t0 + 10800, reachable: true, recoveries: 0, fingerprint: "A") == .scheduledRun)
        p.finished(.scheduledRun, .failed, now: Self.t0 + 10800)
        #expect(p.next(now: Self.t0 + 10801, reachable: true, recoveries: 0, fingerprint: "A") == .catchUp)
    }

    @Test("no schedule: never a scheduled run")
    func noSchedule() throws {
        var p = try Self.started(schedule: nil)
        #expect(p.nextScheduled == nil)
        #expect(p.next(now: Self.t0 + 86_400, reachable: true, recoveries: 0, fingerprint: "A") == .checkFeeds(after: 10))
    }

    @Test("a burst of feeds gives one incremental run for all their indicators, once none came for the debounce time")
    func debounce() throws {
        var p = try Self.started(debounce: 5)
        #expect(p.feedsChecked(newest: 11, indicators: ["a"], now: Self.t0 + 1) == .wait)
        #expect(p.next(now: Self.t0 + 2, reachable: true, recoveries: 0, fingerprint: "A") == .checkFeeds(after: 11))
        #expect(p.feedsChecked(newest: 13, indicators: ["b", "c"], now: Self.t0 + 4) == .wait)   // the quiet time restarts
        #expect(p.feedsChecked(newest: 13, indicators: [], now: Self.t0 + 8) == .wait)           // 4 s quiet: not yet
        #expect(p.feedsChecked(newest: 13, indicators: [], now: Self.t0 + 9) == .feedRun(["a", "b", "c"]))
        p.finished(.feedRun(["a", "b", "c"]), .done, now: Self.t0 + 10)
        #expect(p.feedsChecked(newest: 13, indicators: [], now: Self.t0 + 20) == .wait)          // nothing pending
        // A failed feed run is caught up.
        #expect(p.feedsChecked(newest: 14, indicators: ["d"], now: Self.t0 + 21) == .wait)
        #expect(p.feedsChecked(newest: 14, indicators: [], now: Self.t0 + 26) == .feedRun(["d"]))
        p.finished(.feedRun(["d"]), .failed, now: Self.t0 + 27)
        #expect(p.next(now: Self.t0 + 28, reachable: true, recoveries: 0, fingerprint: "A") == .catchUp)
    }

    @Test("with no debounce time, a feed's run starts on the tick that sees the feed")
    func noDebounce() throws {
        var p = try Self.started(debounce: 0)
        #expect(p.feedsChecked(newest: 11, indicators: ["a"], now: Self.t0 + 1) == .feedRun(["a"]))
        p.finished(.feedRun(["a"]), .done, now: Self.t0 + 2)
        #expect(p.feedsChecked(newest: 11, indicators: [], now: Self.t0 + 3) == .wait)   // nothing new
    }

    @Test("with compute after feeds off, feeds are not even looked for")
    func feedsOff() throws {
        var p = try Self.started(afterFeeds: false)
        #expect(p.next(now: Self.t0 + 1, reachable: true, recoveries: 0, fingerprint: "A") == .wait)
    }

    @Test("a reloaded catalogue starts a full run before anything else but a catch-up, and drops the pending feeds it covers")
    func catalogueChange() throws {
        var p = try Self.started()
        #expect(p.feedsChecked(newest: 11, indicators: ["a"], now: Self.t0 + 1) == .wait)
        #expect(p.next(now: Self.t0 + 3600, reachable: true, recoveries: 0, fingerprint: "B") == .catalogueRun)
        p.finished(.catalogueRun, .done, now: Self.t0 + 3601)
        #expect(p.pending.isEmpty && p.fingerprint == "B")
        // The schedule, due meanwhile, comes next; the catalogue run is not repeated.
        #expect(p.next(now: Self.t0 + 3602, reachable: true, recoveries: 0, fingerprint: "B") == .scheduledRun)
        // A catalogue run that failed is caught up.
        #expect(p.next(now: Self.t0 + 3603, reachable: true, recoveries: 0, fingerprint: "C") == .catalogueRun)
        p.finished(.catalogueRun, .failed, now: Self.t0 + 3603)
        #expect(p.next(now: Self.t0 + 3604, reachable: true, recoveries: 0, fingerprint: "C") == .catchUp)
    }
}
