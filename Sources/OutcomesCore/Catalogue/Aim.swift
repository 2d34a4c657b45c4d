/// One of the Welsh Government's seven core aims for children and young people
/// (statutory guidance on s25 of the Children Act 2004, §3.2).
public struct Aim: Hashable, Sendable {
    /// 1–7, in the order of the guidance.
    public var number: Int
    public var title: LocalizedText

    public static let numbers: ClosedRange<Int> = 1...7

    public init(number: Int, title: LocalizedText) {
        self.number = number
        self.title = title
    }
}
