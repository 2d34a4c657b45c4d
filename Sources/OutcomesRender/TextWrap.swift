/// Word wrapping for the text renderings, which stay within 100 columns (99 characters and the
/// newline).
package enum TextWrap {
    package static let width = 99

    /// The words of `text` in lines of at most `width` characters; a word longer than a line (a
    /// path, a long code) is cut across lines rather than lost.
    package static func lines(_ text: String, width: Int) -> [String] {
        let width = max(1, width)
        var lines: [String] = []
        var line = ""
        for whole in text.split(separator: " ") {
            var word = whole
            while !word.isEmpty {
                if line.isEmpty {
                    line = String(word.prefix(width))
                    word = word.dropFirst(width)
                } else if line.count + 1 + word.count <= width {
                    line += " " + word
                    word = ""
                } else {
                    lines.append(line)
                    line = ""
                }
            }
        }
        lines.append(line)
        return lines
    }

    /// `text` after `label`, continuation lines indented under the text; ends with a newline.
    package static func hanging(_ label: String, _ text: String) -> String {
        let indent = String(repeating: " ", count: label.count)
        let body = lines(text, width: max(20, width - label.count))
        return body.enumerated().map { ($0.offset == 0 ? label : indent) + $0.element }.joined(separator: "\n") + "\n"
    }
}
