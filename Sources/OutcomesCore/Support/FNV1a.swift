/// FNV-1a, 64-bit: a fast, stable, non-cryptographic fingerprint (for change detection and
/// short deterministic names, never for security).
public struct FNV1a: Sendable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func combine<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
        for byte in bytes {
            value ^= UInt64(byte)
            value &*= 0x100_0000_01b3
        }
    }

    /// 16 lower-case hex digits.
    public var hex: String {
        let h = String(value, radix: 16)
        return String(repeating: "0", count: 16 - h.count) + h
    }

    public static func hex(_ text: String) -> String {
        var h = FNV1a()
        h.combine(text.utf8)
        return h.hex
    }
}
