import Foundation

/// Text bound for a PostgreSQL `text` column, which cannot hold U+0000: a NUL is written as `␀`
/// (U+2400), as the feed readers already show one in a `nul_character` error's value. Applied
/// where text that came with a feed (a message quoting a header or a JSON key, a file name, a
/// reason) is stored, so such text is an error the partner can read, never a 500.
/// ```swift
/// StoredText.clean("a\u{0}b")   // "a␀b"
/// ```
enum StoredText {
    static func clean(_ text: String) -> String {
        text.utf8.contains(0) ? text.replacingOccurrences(of: "\u{0}", with: "\u{2400}") : text
    }

    static func clean(_ text: String?) -> String? {
        text.map { clean($0) }
    }
}
