/// How an area's value compares with a benchmark using both the 95% and the 99.8% intervals —
/// Fingertips' five categories: significantly better (worse) at 99.8% → best (worst); at 95% only
/// → better (worse); otherwise similar.
///
/// No-judgement indicators have no best/worst: they are higher/lower at 95%, and
/// `higherAt99_8`/`lowerAt99_8` ("higher_99_8"/"lower_99_8") when significant at 99.8% too —
/// Fingertips shows these as the darker shade of its no-judgement colour, without a name of its own.
public enum ComparisonLevels: String, Sendable, Hashable, CaseIterable {
    case best
    case better
    case similar
    case worse
    case worst
    case higher
    case lower
    case higherAt99_8 = "higher_99_8"
    case lowerAt99_8 = "lower_99_8"
    case notCompared = "not_compared"
}
