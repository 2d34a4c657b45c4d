/// A five-field cron expression (minute hour day-of-month month day-of-week, UTC), as in
/// crontab(5): `*`, numbers, ranges `a-b`, lists `a,b`, steps `*/n` and `a-b/n`; day-of-week 0–7
/// (0 and 7 are Sunday). As in cron, when both day fields are restricted a day matching either runs.
///
/// ```swift
/// let hourly = try CronSchedule("0 * * * *")
/// hourly.next(after: DateTimeUTC(year: 2026, month: 11, day: 23, hour: 5, minute: 10))  // 06:00
/// ```
public struct CronSchedule: Sendable, Hashable, CustomStringConvertible {
    public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    public let description: String
    let minutes: Set<Int>, hours: Set<Int>, days: Set<Int>, months: Set<Int>, weekdays: Set<Int>
    let daysRestricted: Bool, weekdaysRestricted: Bool

    public init(_ text: String) throws(ParseError) {
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard fields.count == 5 else {
            throw ParseError(message: "cron expression '\(text)' must have 5 fields (minute hour day-of-month month day-of-week), e.g. '0 * * * *' for hourly")
        }
        description = fields.joined(separator: " ")
        minutes = try Self.field(fields[0], "minute", 0...59)
        hours = try Self.field(fields[1], "hour", 0...23)
        days = try Self.field(fields[2], "day-of-month", 1...31)
        months = try Self.field(fields[3], "month", 1...12)
        weekdays = Set(try Self.field(fields[4], "day-of-week", 0...7).map { $0 % 7 })
        daysRestricted = fields[2] != "*"
        weekdaysRestricted = fields[4] != "*"
    }

    static func field(_ text: String, _ name: String, _ range: ClosedRange<Int>) throws(ParseError) -> Set<Int> {
        var values = Set<Int>()
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            var body = Substring(part), step = 1
            if let slash = body.firstIndex(of: "/") {
                guard let s = Int(body[body.index(after: slash)...]), s > 0 else {
                    throw ParseError(message: "cron \(name) step in '\(part)' must be a positive number")
                }
                step = s
                body = body[..<slash]
            }
            let bounds: ClosedRange<Int>
            if body == "*" {
                bounds = range
            } else if let dash = body.firstIndex(of: "-") {
                guard let a = Int(body[..<dash]), let b = Int(body[body.index(after: dash)...]), a <= b,
                      range.contains(a), range.contains(b) else {
                    throw ParseError(message: "cron \(name) range '\(part)' must be within \(range.lowerBound)-\(range.upperBound)")
                }
                bounds = a...b
            } else {
                guard let a = Int(body), range.contains(a) else {
                    throw ParseError(message: "cron \(name) '\(part)' must be * or a number from \(range.lowerBound) to \(range.upperBound)")
                }
                bounds = step == 1 ? a...a : a...range.upperBound
            }
            values.formUnion(stride(from: bounds.lowerBound, through: bounds.upperBound, by: step))
        }
        return values
    }

    /// The first minute strictly after `time` that matches, searching up to five years ahead.
    public func next(after time: DateTimeUTC) -> DateTimeUTC? {
        var t = time.plusMinutes(1)
        for _ in 0..<(5 * 366 * 24 * 60) {
            if !months.contains(t.month) { t = t.startOfNextMonth(); continue }
            let dayOK: Bool
            let dom = days.contains(t.day), dow = weekdays.contains(t.weekday)
            if daysRestricted && weekdaysRestricted { dayOK = dom || dow } else if daysRestricted { dayOK = dom } else { dayOK = weekdaysRestricted ? dow : true }
            if !dayOK { t = t.startOfNextDay(); continue }
            if !hours.contains(t.hour) { t = t.startOfNextHour(); continue }
            if minutes.contains(t.minute) { return t }
            t = t.plusMinutes(1)
        }
        return nil
    }
}

/// A UTC date and time to the minute, with the arithmetic cron needs (no Foundation).
public struct DateTimeUTC: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int, month: Int, day: Int, hour: Int, minute: Int

    public init(year: Int, month: Int, day: Int, hour: Int, minute: Int) {
        self.year = year; self.month = month; self.day = day; self.hour = hour; self.minute = minute
    }

    /// From seconds since 1970-01-01T00:00Z.
    public init(epochSeconds: Int) {
        let days = epochSeconds >= 0 ? epochSeconds / 86_400 : (epochSeconds - 86_399) / 86_400
        let secs = epochSeconds - days * 86_400
        // Civil from days (H. Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d, hour: secs / 3600, minute: secs % 3600 / 60)
    }

    /// Seconds since 1970-01-01T00:00Z.
    public var epochSeconds: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return days * 86_400 + hour * 3600 + minute * 60
    }

    /// 0 = Sunday … 6 = Saturday.
    public var weekday: Int {
        let days = epochSeconds / 86_400
        return ((days % 7) + 11) % 7   // 1970-01-01 was a Thursday (4)
    }

    func plusMinutes(_ n: Int) -> DateTimeUTC { DateTimeUTC(epochSeconds: epochSeconds + n * 60) }
    func startOfNextHour() -> DateTimeUTC { DateTimeUTC(epochSeconds: (epochSeconds / 3600 + 1) * 3600) }
    func startOfNextDay() -> DateTimeUTC { DateTimeUTC(epochSeconds: (epochSeconds / 86_400 + 1) * 86_400) }
    func startOfNextMonth() -> DateTimeUTC {
        month == 12 ? DateTimeUTC(year: year + 1, month: 1, day: 1, hour: 0, minute: 0)
            : DateTimeUTC(year: year, month: month + 1, day: 1, hour: 0, minute: 0)
    }

    public static func < (a: DateTimeUTC, b: DateTimeUTC) -> Bool { a.epochSeconds < b.epochSeconds }

    public var description: String {
        func p(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(p(month))-\(p(day))T\(p(hour)):\(p(minute))Z"
    }
}
