/// A well-being dimension of s25(11) of the Children Act 2004, lettered (a)–(i).
public struct Dimension: Hashable, Sendable {
    /// "a" … "i".
    public var letter: String
    public var title: LocalizedText

    public static let letters: [String] = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]

    public init(letter: String, title: LocalizedText) {
        self.letter = letter
        self.title = title
    }
}
