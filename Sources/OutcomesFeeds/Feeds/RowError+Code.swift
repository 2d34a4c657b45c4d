extension RowError {
    /// Why a row was refused: the codes of `Indicators/FEEDS.md` ("Row errors"), one type from
    /// the validator to the stored report and every rendering. Stored as its raw value in
    /// `feed_error.code` and read back with ``init(rawValue:)``; `RowErrorCodeTests` keeps the
    /// cases and the documented table the same.
    public enum Code: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
        case missingField = "missing_field"
        case unknownIndicator = "unknown_indicator"
        case partnerNotAllowed = "partner_not_allowed"
        case unknownArea = "unknown_area"
        case areaNotValid = "area_not_valid"
        case malformedPeriod = "malformed_period"
        case wrongPeriodType = "wrong_period_type"
        case futurePeriod = "future_period"
        case unknownBreakdown = "unknown_breakdown"
        case breakdownNotAllowed = "breakdown_not_allowed"
        case notANumber = "not_a_number"
        case negativeNumber = "negative_number"
        case zeroDenominator = "zero_denominator"
        case numeratorExceedsDenominator = "numerator_exceeds_denominator"
        case valueMismatch = "value_mismatch"
        case outOfRange = "out_of_range"
        case intervalOrder = "interval_order"
        case periodPublished = "period_published"
        case unknownNoteCode = "unknown_note_code"
        case duplicateKey = "duplicate_key"
        case tooManyFields = "too_many_fields"
        case malformedCSV = "malformed_csv"
        case nulCharacter = "nul_character"
        case cellTooLong = "cell_too_long"

        /// As written everywhere it is shown: the documented code (`duplicate_key`).
        public var description: String { rawValue }
    }
}
