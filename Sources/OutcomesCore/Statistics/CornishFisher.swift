/// The Cornish–Fisher expansion of the Student t quantile in powers of 1/ν (Abramowitz & Stegun
/// 26.7.5; Fisher RA, Cornish EA (1960), Technometrics 2:209–225):
///
///     t = z + g₁(z)/ν + g₂(z)/ν² + g₃(z)/ν³ + g₄(z)/ν⁴,   z = Φ⁻¹(p)
///     g₁ = (z³ + z)/4
///     g₂ = (5z⁵ + 16z³ + 3z)/96
///     g₃ = (3z⁷ + 19z⁵ + 17z³ − 15z)/384
///     g₄ = (79z⁹ + 776z⁷ + 1482z⁵ − 1920z³ − 945z)/92160
///
/// For ν ≥ 10⁴ the omitted terms are below 1e-15 relative for |z| ≤ 8 (checked against 40-digit
/// references), where the continued fraction of the incomplete beta function needs thousands of
/// terms and loses digits; so large degrees of freedom use this expansion (and its inverse for the
/// distribution function).
enum CornishFisher {
    /// The degrees of freedom from which the expansion replaces the incomplete beta function.
    static let minimumDegreesOfFreedom = 1e4
    /// The largest |z| (tail probability about 6e-16) the expansion is used for as a quantile; its
    /// terms grow like z⁹.
    static let maximumAbsoluteZ = 8.0
    /// The largest |t| the expansion is inverted for, for the distribution function.
    static let maximumAbsoluteT = 10.0

    /// t as a function of the normal deviate z.
    static func t(z: Double, nu: Double) -> Double {
        let z2 = z * z
        let g1 = z * (z2 + 1) / 4
        let g2 = z * ((5 * z2 + 16) * z2 + 3) / 96
        let g3 = z * (((3 * z2 + 19) * z2 + 17) * z2 - 15) / 384
        let g4 = z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) / 92160
        return z + (g1 + (g2 + (g3 + g4 / nu) / nu) / nu) / nu
    }

    /// dt/dz.
    static func derivative(z: Double, nu: Double) -> Double {
        let z2 = z * z
        let d1 = (3 * z2 + 1) / 4
        let d2 = ((25 * z2 + 48) * z2 + 3) / 96
        let d3 = (((21 * z2 + 95) * z2 + 51) * z2 - 15) / 384
        let d4 = ((((711 * z2 + 5432) * z2 + 7410) * z2 - 5760) * z2 - 945) / 92160
        return 1 + (d1 + (d2 + (d3 + d4 / nu) / nu) / nu) / nu
    }

    /// The z whose expansion gives t, by Newton's method from z = t (the expansion is monotone there).
    static func z(t: Double, nu: Double) -> Double {
        var z = t
        for _ in 0..<20 {
            let step = (self.t(z: z, nu: nu) - t) / derivative(z: z, nu: nu)
            z -= step
            if abs(step) <= 2 * Double.ulpOfOne * max(1, abs(z)) { break }
        }
        return z
    }
}
