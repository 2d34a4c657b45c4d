/// How an area's value compares with a benchmark using both the 95% and the 99.8% intervals —
/// Fingertips' five categories: significantly better (worse) at 99.8% → best (worst); at 95% only
/// → better (worse); otherwise similar.
///
/// No-judgement indicators have no best/worst: they are higher/lower at 95%, and
/// `higherAt99_8`/`lowerAt99_8` ("higher_99_8"/"lower_99_8") when significant at 99.8% too. These
/// two names are this project's: Fingertips' published no-judgement categories are only
/// higher/similar/lower.
public enum ComparisonLevels: String, Sendable, Hashable, CaseIterable, Codable {
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
