#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension CivilDate {
    /// Today's date in UTC (for "a period in the future" checks). Reading the clock is the one
    /// impurity allowed here; everything that decides uses a `CivilDate` passed in.
    public static func today() -> CivilDate {
        var t = time(nil)
        var parts = tm()
        gmtime_r(&t, &parts)
        return CivilDate(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
            ?? CivilDate(year: 1970, month: 1, day: 1)!
    }
}
