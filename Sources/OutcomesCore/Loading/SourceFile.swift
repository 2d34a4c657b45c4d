/// The text of one input file and the name errors should use for it.
///
/// The core never reads files itself; callers read them and hand over the text.
public struct SourceFile: Hashable, Sendable {
    /// The path as the user should see it in `file:line:column` messages.
    public var path: String
    public var text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }

    /// The last path component, e.g. `low_birth_weight.yaml`.
    public var fileName: String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
