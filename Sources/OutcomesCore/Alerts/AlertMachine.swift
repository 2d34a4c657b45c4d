/// The life of one alert (one rule on one series), counted in the series' reporting periods:
/// inactive → pending → firing → resolved (and back to pending or firing when the condition
/// returns).
///
/// A value type in the postgres-nio style: each mutating method takes one event and returns the
/// action the I/O layer must carry out; it does no I/O and reads no clock. The evaluator replays a
/// series period by period into a machine, so the state is a function of the data and the rule:
/// a revised value re-judges its period, and evaluating the same run twice gives the same state.
///
/// ```swift
/// var m = AlertMachine(forPeriods: 2, keepFiringFor: 0)
/// m.period(p1, .holds)     // .none  (pending 1 of 2)
/// m.period(p2, .holds)     // .fire
/// m.period(p3, .between)   // .none  (between the clear and fire levels: keeps firing)
/// m.period(p4, .clears)    // .resolve
/// ```
///
/// Rules, each chosen against a complaint about other alerting tools:
/// - separate fire and clear judgements (hysteresis): a value oscillating between the two levels
///   fires once and stays firing;
/// - a period with no data is not an event: it neither extends nor breaks a streak, and never
///   resolves an alert;
/// - while inhibited (the indicator's feed is late) nothing moves: no fire, no resolve, no notice.
public struct AlertMachine: Hashable, Sendable {
    public enum State: Hashable, Sendable {
        case inactive
        /// The condition held in `streak` consecutive periods with data, fewer than `for`.
        case pending(streak: Int, since: Period)
        /// `clearStreak` consecutive periods have met the clear condition (≤ keep_firing_for).
        case firing(since: Period, clearStreak: Int)
        case resolved(at: Period)

        /// The word stored and shown.
        public var name: AlertStateName {
            switch self {
            case .inactive: .inactive
            case .pending: .pending
            case .firing: .firing
            case .resolved: .resolved
            }
        }
    }

    /// How one period's value is judged by a rule.
    public enum Judgement: Hashable, Sendable {
        /// The fire condition holds.
        case holds
        /// Neither fires nor clears: between the clear and fire levels (threshold rules only).
        case between
        /// The clear condition holds (for rules without a separate clear level: the fire
        /// condition does not hold).
        case clears
    }

    public enum Action: Hashable, Sendable {
        case none
        /// Became pending (recorded as an event, not notified).
        case pend
        /// Became firing: notify.
        case fire
        /// A pending alert dropped back to inactive (recorded, not notified).
        case cancel
        /// Became resolved: notify.
        case resolve
    }

    public let forPeriods: Int
    public let keepFiringFor: Int
    public private(set) var state: State = .inactive
    /// The last period judged.
    public private(set) var lastPeriod: Period?

    public init(forPeriods: Int, keepFiringFor: Int, state: State = .inactive) {
        self.forPeriods = max(1, forPeriods)
        self.keepFiringFor = max(0, keepFiringFor)
        self.state = state
    }

    /// One reporting period with data. Periods must come in order; a repeated or older period is
    /// ignored (the same run evaluated twice changes nothing).
    public mutating func period(_ period: Period, _ judgement: Judgement) -> Action {
        if let last = lastPeriod, period <= last { return .none }
        lastPeriod = period
        switch (state, judgement) {
        case (.inactive, .holds), (.resolved, .holds):
            if forPeriods <= 1 {
                state = .firing(since: period, clearStreak: 0)
                return .fire
            }
            state = .pending(streak: 1, since: period)
            return .pend
        case (.inactive, _), (.resolved, _):
            return .none
        case let (.pending(streak, since), .holds):
            if streak + 1 >= forPeriods {
                state = .firing(since: period, clearStreak: 0)
                return .fire
            }
            state = .pending(streak: streak + 1, since: since)
            return .none
        case (.pending, _):
            state = .inactive
            return .cancel
        case let (.firing(since, _), .holds), let (.firing(since, _), .between):
            state = .firing(since: since, clearStreak: 0)
            return .none
        case let (.firing(since, clearStreak), .clears):
            if clearStreak + 1 > keepFiringFor {
                state = .resolved(at: period)
                return .resolve
            }
            state = .firing(since: since, clearStreak: clearStreak + 1)
            return .none
        }
    }

    /// The rule that watched this alert is gone (removed from the catalogue, or the series no
    /// longer matches it): a firing alert resolves, a pending one is dropped.
    public mutating func ruleRemoved() -> Action {
        switch state {
        case .firing:
            state = .resolved(at: lastPeriod ?? Period(type: .calendar, ordinal: 0))
            return .resolve
        case .pending:
            state = .inactive
            return .cancel
        case .inactive, .resolved:
            return .none
        }
    }
}

/// The states as stored, shown and filtered on (`?state=`).
public enum AlertStateName: String, Hashable, Sendable, CaseIterable, Codable {
    case inactive, pending, firing, resolved
}
