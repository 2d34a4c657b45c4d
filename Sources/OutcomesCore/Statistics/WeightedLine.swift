/// A straight line fitted by weighted least squares, kept as its sums about the weighted means
/// x̄ = Σwx/Σw, ȳ = Σwy/Σw (Armitage, Berry & Matthews (2002), weighted regression):
/// Sxx = Σw(x − x̄)², Sxy = Σw(x − x̄)(y − ȳ), slope = Sxy / Sxx, Var(slope) = 1 / Sxx when the
/// weights are inverse variances.
struct WeightedLine {
    let sxx: Double
    let sxy: Double

    /// The fit to every observation of `sample` but the one at `skipped` (none when nil), summed in
    /// sample order from 0 — so the same observations always give the same bits.
    init(_ sample: WeightedSample, leavingOut skipped: Int? = nil) {
        var totalWeight = 0.0
        for i in 0..<sample.count where i != skipped { totalWeight += sample.w[i] }
        var mx = 0.0, my = 0.0
        for i in 0..<sample.count where i != skipped {
            mx += sample.w[i] * sample.x[i]
            my += sample.w[i] * sample.y[i]
        }
        mx /= totalWeight
        my /= totalWeight
        var sxx = 0.0, sxy = 0.0
        for i in 0..<sample.count where i != skipped {
            sxx += sample.w[i] * (sample.x[i] - mx) * (sample.x[i] - mx)
            sxy += sample.w[i] * (sample.x[i] - mx) * (sample.y[i] - my)
        }
        self.sxx = sxx
        self.sxy = sxy
    }

    var slope: Double { sxy / sxx }
}

/// Up to ``capacity`` weighted observations (x, y, w) held inline, so that fitting the recent
/// trend's line and its leave-one-out lines allocates nothing.
struct WeightedSample {
    static let capacity = 8

    private(set) var x = SIMD8<Double>()
    private(set) var y = SIMD8<Double>()
    private(set) var w = SIMD8<Double>()
    private(set) var count = 0

    /// Adds one observation. Precondition: fewer than ``capacity`` held (callers hold a fixed,
    /// smaller number: ``RecentTrend/pointCount``).
    mutating func append(x: Double, y: Double, w: Double) {
        precondition(count < Self.capacity, "WeightedSample holds at most \(Self.capacity) observations")
        self.x[count] = x
        self.y[count] = y
        self.w[count] = w
        count += 1
    }
}
