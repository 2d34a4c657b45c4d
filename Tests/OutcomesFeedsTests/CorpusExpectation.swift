import OutcomesFeeds
import OutcomesTestSupport

extension CorpusExpectation {
    /// The same shape, from what a reader produced.
    init(outcome: FeedOutcome, partner: String?) {
        if let error = outcome.fileError {
            self.init(partner: partner, rejected: error.code, rejections: [], accepted: nil)
        } else {
            self.init(partner: partner, rejected: nil, rejections: outcome.rejections, accepted: outcome.rows.count)
        }
    }
}
