import Testing
import OutcomesCore

@Suite("Cron schedules")
struct CronScheduleTests {
    let t = DateTimeUTC(year: 2026, month: 11, day: 23, hour: 5, minute: 10)   // a Monday

    @Test("hourly fires at the next full hour")
    func hourly() throws {
        #expect(try CronSchedule("0 * * * *").next(after: t) == DateTimeUTC(year: 2026, month: 11, day: 23, hour: 6, minute: 0))
    }

    @Test("steps, lists and ranges", arguments: [
        ("*/15 * * * *", DateTimeUTC(year: 2026, month: 11, day: 23, hour: 5, minute: 15)),
        ("30 2,14 * * *", DateTimeUTC(year: 2026, month: 11, day: 23, hour: 14, minute: 30)),
        ("0 6 * * 1-5", DateTimeUTC(year: 2026, month: 11, day: 23, hour: 6, minute: 0)),
        ("0 0 1 1 *", DateTimeUTC(year: 2027, month: 1, day: 1, hour: 0, minute: 0)),
        ("0 9 * * 0", DateTimeUTC(year: 2026, month: 11, day: 29, hour: 9, minute: 0)),
        ("0 9 * * 7", DateTimeUTC(year: 2026, month: 11, day: 29, hour: 9, minute: 0)),
        ("0 0 29 2 *", DateTimeUTC(year: 2028, month: 2, day: 29, hour: 0, minute: 0)),
    ])
    func next(expression: String, expected: DateTimeUTC) throws {
        #expect(try CronSchedule(expression).next(after: t) == expected)
    }

    @Test("malformed expressions say what is accepted", arguments: ["* * * *", "60 * * * *", "*/0 * * * *", "a * * * *", "5-1 * * * *"])
    func malformed(expression: String) {
        #expect(throws: CronSchedule.ParseError.self) { try CronSchedule(expression) }
    }

    @Test("epoch conversion round-trips and knows the weekday")
    func epoch() {
        let d = DateTimeUTC(epochSeconds: 1_795_410_600)
        #expect(DateTimeUTC(epochSeconds: d.epochSeconds) == d)
        #expect(DateTimeUTC(year: 1970, month: 1, day: 1, hour: 0, minute: 0).weekday == 4)
        #expect(t.weekday == 1)
    }
}
