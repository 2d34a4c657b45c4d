/// Helpers shared by the statistics tests.
enum Close {
    /// Whether `actual` is within `relative` of `expected` (relative to |expected|, or absolute when
    /// expected is 0).
    static func relative(_ actual: Double, _ expected: Double, _ tolerance: Double = 1e-12) -> Bool {
        if expected == 0 { return abs(actual) <= tolerance }
        return abs(actual - expected) <= tolerance * abs(expected)
    }

    /// Whether `actual` rounds to `expected` at `places` decimal places (for published tables).
    static func rounds(_ actual: Double, to expected: Double, places: Int) -> Bool {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        return (actual * scale).rounded() == (expected * scale).rounded()
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014): a fixed-seed generator so property tests are repeatable.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
