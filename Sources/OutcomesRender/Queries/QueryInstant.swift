import Foundation
import OutcomesCore

/// A time given in a query (`?as_of=`, `?since=`): an RFC 3339 full date (`2026-11-01`) or
/// date-time (`2026-11-01T09:00:00Z`, `2026-11-01T10:00:00.5+01:00`; `T` and `Z` in either case),
/// exactly what the OpenAPI document declares (`format: date` or `format: date-time`).
///
/// A date alone stands for the start or the end of that day, UTC, as the parameter says.
///
/// ```swift
/// QueryInstant.parse("2026-11-01", day: .end)   // 2026-11-01T23:59:59Z
/// ```
package enum QueryInstant {
    package enum DayEdge: Sendable {
        /// 00:00:00 UTC.
        case start
        /// 23:59:59 UTC.
        case end
    }

    package static func parse(_ text: some StringProtocol, day edge: DayEdge) -> Date? {
        var scanner = Scanner(bytes: Array(text.utf8))
        guard let year = scanner.digits(4), scanner.take("-"), let month = scanner.digits(2), scanner.take("-"),
              let day = scanner.digits(2), (1...12).contains(month), day >= 1, day <= CivilDate.daysIn(month: month, year: year)
        else { return nil }
        if scanner.atEnd {
            let start = DateTimeUTC(year: year, month: month, day: day, hour: 0, minute: 0).epochSeconds
            return Date(timeIntervalSince1970: TimeInterval(edge == .start ? start : start + 86_399))
        }
        guard scanner.take("T") || scanner.take("t"),
              let hour = scanner.digits(2), scanner.take(":"), let minute = scanner.digits(2), scanner.take(":"),
              let second = scanner.digits(2), hour <= 23, minute <= 59, second <= 60 else { return nil }
        var fraction = 0.0
        if scanner.take(".") {
            var scale = 0.1
            var any = false
            while let digit = scanner.digits(1) {
                fraction += Double(digit) * scale
                scale /= 10
                any = true
            }
            guard any else { return nil }
        }
        var offset = 0
        if scanner.take("Z") || scanner.take("z") {
            offset = 0
        } else {
            let sign: Int
            if scanner.take("+") { sign = 1 } else if scanner.take("-") { sign = -1 } else { return nil }
            guard let hours = scanner.digits(2), scanner.take(":"), let minutes = scanner.digits(2), hours <= 23, minutes <= 59
            else { return nil }
            offset = sign * (hours * 3600 + minutes * 60)
        }
        guard scanner.atEnd else { return nil }
        // A leap second (:60) is read as the last second of its minute.
        let local = DateTimeUTC(year: year, month: month, day: day, hour: hour, minute: minute).epochSeconds + min(second, 59)
        return Date(timeIntervalSince1970: TimeInterval(local - offset) + fraction)
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        var atEnd: Bool { index == bytes.count }

        mutating func take(_ character: Unicode.Scalar) -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
            index += 1
            return true
        }

        /// Exactly `count` ASCII digits as a number, or nil (and nothing consumed).
        mutating func digits(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<index + count] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            index += count
            return value
        }
    }
}
