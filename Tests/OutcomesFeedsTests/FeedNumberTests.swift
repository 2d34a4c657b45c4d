import Testing
@testable import OutcomesFeeds

private func parse(_ text: String) -> FeedNumber.Outcome {
    Array(text.utf8).withUnsafeBufferPointer { FeedNumber.parse($0, column: .value) }
}

private func number(_ text: String) -> Double? {
    if case .number(let value) = parse(text) { value } else { nil }
}

private func code(_ text: String) -> String? {
    if case .invalid(let code, _) = parse(text) { code.rawValue } else { nil }
}

@Suite("Feed numbers")
struct FeedNumberTests {
    @Test("plain decimals read exactly as the standard library reads them",
          arguments: ["0", "12", "12.5", ".5", "5.", "0.1", "007", "+3", "1e3", "1.5E-2", "123456789012345",
                      "1234567890123456789", "0.000000000000000000000001", "99999999999999999999.5", "3.14159265358979"])
    func decimalsMatchStandardLibrary(text: String) {
        let expected = Double(text.hasPrefix("+") ? String(text.dropFirst()) : text)
        #expect(number(text) == expected)
    }

    @Test("many random decimals with up to 15 digits convert exactly")
    func randomDecimalsConvertExactly() {
        var random = SplitMix64(state: 42)
        for _ in 0..<20_000 {
            let digits = Int.random(in: 1...15, using: &random)
            var text = String((0..<digits).map { _ in Character(String(Int.random(in: 0...9, using: &random))) })
            let point = Int.random(in: 0...digits, using: &random)
            text.insert(".", at: text.index(text.startIndex, offsetBy: point))
            #expect(number(text) == Double(text == "." ? "0" : text), "\(text)")
        }
    }

    @Test("an empty cell is empty, not zero")
    func emptyIsEmpty() {
        if case .empty = parse("") {} else { Issue.record("expected empty") }
    }

    @Test("negative numbers are negative_number; negative zero is zero")
    func negatives() {
        #expect(code("-1") == "negative_number")
        #expect(code("-0.5e1") == "negative_number")
        #expect(number("-0") == 0)
        #expect(number("-0")?.sign == .plus)
    }

    @Test("not numbers are not_a_number",
          arguments: ["1,234", "12,5", "abc", "NaN", "inf", "-Infinity", "12%", "1 234", "1e", "e5", ".", "-", "0x10", "1.2.3", "£5", "1e400"])
    func notNumbers(text: String) {
        #expect(code(text) == "not_a_number")
    }

    @Test("a thousands separator gets a message saying to remove it")
    func thousandsSeparatorMessage() {
        guard case .invalid(_, let message) = parse("1,234") else {
            Issue.record("expected invalid")
            return
        }
        #expect(message.contains("remove thousands separators"))
    }
}
