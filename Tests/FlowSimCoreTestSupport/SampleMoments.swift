/// The first four sample moments of a sample, with the standard errors of
/// the sample mean and of the sample variance, so that one helper can
/// compare any distribution's draws with its theoretical mean and variance.
///
/// The standard error of the sample variance is estimated from the
/// sample's fourth central moment: Var(s²) ≈ (μ₄ − σ⁴·(n−3)/(n−1)) / n.
public struct SampleMoments {
    public private(set) var count = 0
    public private(set) var mean = 0.0
    private var m2 = 0.0, m3 = 0.0, m4 = 0.0

    public init() {}

    public init<S: Sequence>(_ values: S) where S.Element == Double {
        for v in values { add(v) }
    }

    /// Adds one value (Terriberry's one-pass update of the central moments).
    public mutating func add(_ x: Double) {
        let n1 = Double(count)
        count += 1
        let n = Double(count)
        let delta = x - mean
        let deltaN = delta / n
        let deltaN2 = deltaN * deltaN
        let term1 = delta * deltaN * n1
        mean += deltaN
        m4 += term1 * deltaN2 * (n * n - 3 * n + 3) + 6 * deltaN2 * m2 - 4 * deltaN * m3
        m3 += term1 * deltaN * (n - 2) - 3 * deltaN * m2
        m2 += term1
    }

    /// Sample variance (n − 1 denominator).
    public var variance: Double { count > 1 ? m2 / Double(count - 1) : 0 }
    /// Fourth central moment (n denominator).
    public var fourthCentralMoment: Double { count > 0 ? m4 / Double(count) : 0 }

    public var standardErrorOfMean: Double { (variance / Double(count)).squareRoot() }

    public var standardErrorOfVariance: Double {
        let n = Double(count)
        let s2 = variance
        let v = (fourthCentralMoment - s2 * s2 * (n - 3) / (n - 1)) / n
        return Swift.max(v, 0).squareRoot()
    }

    /// How many standard errors the sample mean is from `theory`.
    public func meanZ(_ theory: Double) -> Double {
        let se = standardErrorOfMean
        return se > 0 ? (mean - theory) / se : (mean == theory ? 0 : .infinity)
    }

    /// How many standard errors the sample variance is from `theory`.
    public func varianceZ(_ theory: Double) -> Double {
        let se = standardErrorOfVariance
        return se > 0 ? (variance - theory) / se : (variance == theory ? 0 : .infinity)
    }
}

/// Pearson correlation of two equally long samples.
public func correlation(_ x: [Double], _ y: [Double]) -> Double {
    precondition(x.count == y.count && x.count > 1)
    let n = Double(x.count)
    let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
    var sxy = 0.0, sxx = 0.0, syy = 0.0
    for i in x.indices {
        let dx = x[i] - mx, dy = y[i] - my
        sxy += dx * dy
        sxx += dx * dx
        syy += dy * dy
    }
    return sxy / (sxx * syy).squareRoot()
}

/// Pearson's chi-square statistic of observed counts against expected counts.
public func chiSquare(observed: [Int], expected: [Double]) -> Double {
    precondition(observed.count == expected.count)
    var sum = 0.0
    for (o, e) in zip(observed, expected) where e > 0 {
        let d = Double(o) - e
        sum += d * d / e
    }
    return sum
}
