/// The change of a value from the previous period.
///
/// ```swift
/// Change.between(previous: 40, current: 50)   // absolute 10, relative 0.25
/// Change.between(previous: 0, current: 5)     // absolute 5, relative nil
/// ```
public struct Change: Sendable, Hashable {
    /// current − previous, in the value's units.
    public var absolute: Double
    /// (current − previous) / |previous|, as a fraction (0.25 = 25% up); nil when previous is 0.
    public var relative: Double?

    public init(absolute: Double, relative: Double?) {
        self.absolute = absolute
        self.relative = relative
    }

    /// Absolute and relative change. The relative change divides by |previous| so that its sign is
    /// the direction of the change even for a negative previous value.
    public static func between(previous: Double, current: Double) -> Change {
        let absolute = current - previous
        return Change(absolute: absolute, relative: previous == 0 ? nil : absolute / abs(previous))
    }
}
