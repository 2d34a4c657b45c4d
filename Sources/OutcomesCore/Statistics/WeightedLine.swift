/// A straight line fitted by weighted least squares, kept as its sums about the weighted means
/// x̄ = Σwx/Σw, ȳ = Σwy/Σw (Armitage, Berry & Matthews (2002), weighted regression):
/// Sxx = Σw(x − x̄)², Sxy = Σw(x − x̄)(y − ȳ), slope = Sxy / Sxx, Var(slope) = 1 / Sxx when the
/// weights are inverse variances.
struct WeightedLine {
    let sxx: Double
    let sxy: Double

    init(x: [Double], y: [Double], w: [Double]) {
        let totalWeight = w.reduce(0, +)
        var mx = 0.0, my = 0.0
        for i in w.indices {
            mx += w[i] * x[i]
            my += w[i] * y[i]
        }
        mx /= totalWeight
        my /= totalWeight
        var sxx = 0.0, sxy = 0.0
        for i in w.indices {
            sxx += w[i] * (x[i] - mx) * (x[i] - mx)
            sxy += w[i] * (x[i] - mx) * (y[i] - my)
        }
        self.sxx = sxx
        self.sxy = sxy
    }

    var slope: Double { sxy / sxx }
}
