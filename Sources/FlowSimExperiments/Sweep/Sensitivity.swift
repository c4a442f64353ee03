import Foundation

/// Global sensitivity measures of one output over a sample of parameter
/// points (Saltelli et al., *Global Sensitivity Analysis: The Primer*,
/// 2008; Marino et al., J Theor Biol 254:178, 2008).
///
/// - Standardised regression coefficients (SRC): the coefficients of the
///   least-squares fit of the output on the parameters after both are
///   scaled to mean 0 and standard deviation 1. Meaningful when the fit's
///   R² is high (say above 0.7); their squares then share out the variance.
/// - Partial rank correlation coefficients (PRCC): the correlation between
///   the ranks of one parameter and of the output once the linear effect of
///   the other parameters' ranks is removed from both. Robust to any
///   monotone, non-linear relation.
///
/// Parameters that do not vary in the sample get nil, as does everything
/// when the output does not vary or there are too few points (a fit needs
/// more points than varying parameters plus one).
public enum Sensitivity {
    public struct Coefficients: Sendable, Equatable {
        /// One per parameter, in parameter order.
        public var src: [Double?]
        public var prcc: [Double?]
        /// R² of the linear fit behind the SRCs.
        public var r2: Double?
    }

    /// - Parameters:
    ///   - x: one row per point, one column per parameter.
    ///   - y: the output at each point.
    /// - Complexity: O(n k² + k³) for n points and k parameters.
    public static func analyse(x: [[Double]], y: [Double]) -> Coefficients {
        let k = x.first?.count ?? 0
        var result = Coefficients(src: Array(repeating: nil, count: k), prcc: Array(repeating: nil, count: k), r2: nil)
        let n = y.count
        precondition(x.count == n)
        let columns = (0..<k).map { j in x.map { $0[j] } }
        let active = (0..<k).filter { standardDeviation(columns[$0]) > 0 }
        guard !active.isEmpty, n > active.count + 1, standardDeviation(y) > 0 else { return result }

        // SRC: solve R b = r with R the parameters' correlation matrix and r
        // their correlations with the output.
        let xs = active.map { standardised(columns[$0]) }
        let ys = standardised(y)
        let rxx = xs.map { a in xs.map { b in dot(a, b) / Double(n - 1) } }
        let rxy = xs.map { dot($0, ys) / Double(n - 1) }
        if let inverse = invert(rxx) {
            let beta = inverse.map { dot($0, rxy) }
            for (i, j) in active.enumerated() { result.src[j] = beta[i] }
            result.r2 = min(1, max(0, dot(beta, rxy)))
        }

        // PRCC: correlate what is left of the parameter's ranks and of the
        // output's ranks once each is regressed on the other parameters'
        // ranks. (Residuals rather than the inverse correlation matrix, so
        // an output whose ranks follow one parameter exactly still gets ±1.)
        let ranked = active.map { standardised(ranks(columns[$0])) }
        let rankedY = standardised(ranks(y))
        for (i, j) in active.enumerated() {
            let others = ranked.indices.filter { $0 != i }.map { ranked[$0] }
            guard let ex = residuals(ranked[i], on: others), let ey = residuals(rankedY, on: others) else { continue }
            let sx = dot(ex, ex).squareRoot(), sy = dot(ey, ey).squareRoot()
            guard sx > 1e-9 * Double(n).squareRoot(), sy > 1e-9 * Double(n).squareRoot() else { continue }
            result.prcc[j] = max(-1, min(1, dot(ex, ey) / (sx * sy)))
        }
        return result
    }

    /// Ranks from 1, ties given their average rank.
    public static func ranks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
        var ranks = [Double](repeating: 0, count: values.count)
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count, values[order[j + 1]] == values[order[i]] { j += 1 }
            let average = Double(i + j) / 2 + 1
            for m in i...j { ranks[order[m]] = average }
            i = j + 1
        }
        return ranks
    }

    /// Parameter indices by decreasing |PRCC|, then |SRC|; missing values last.
    public static func ranking(_ c: Coefficients) -> [Int] {
        func key(_ i: Int) -> (Double, Double) { (c.prcc[i].map(abs) ?? -1, c.src[i].map(abs) ?? -1) }
        return c.prcc.indices.sorted { a, b in
            let (ka, kb) = (key(a), key(b))
            if ka.0 != kb.0 { return ka.0 > kb.0 }
            if ka.1 != kb.1 { return ka.1 > kb.1 }
            return a < b
        }
    }

    // MARK: small linear algebra

    static func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(max(v.count, 1)) }

    static func standardDeviation(_ v: [Double]) -> Double {
        guard v.count > 1 else { return 0 }
        let m = mean(v)
        let s = (v.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(v.count - 1)).squareRoot()
        // Differences at rounding level are no variation.
        return s > 1e-12 * max(1, abs(m)) ? s : 0
    }

    static func standardised(_ v: [Double]) -> [Double] {
        let m = mean(v), s = standardDeviation(v)
        return v.map { ($0 - m) / s }
    }

    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var s = 0.0
        for i in a.indices { s += a[i] * b[i] }
        return s
    }

    /// What is left of `v` after its least-squares fit on the centred
    /// columns `z` (v itself when there are none); nil if z is singular.
    static func residuals(_ v: [Double], on z: [[Double]]) -> [Double]? {
        guard !z.isEmpty else { return v }
        let gram = z.map { a in z.map { b in dot(a, b) } }
        guard let inverse = invert(gram) else { return nil }
        let coefficients = inverse.map { row in dot(row, z.map { dot($0, v) }) }
        return v.indices.map { i in v[i] - z.indices.reduce(0) { $0 + coefficients[$1] * z[$1][i] } }
    }

    /// Gauss-Jordan inverse with partial pivoting; nil when (numerically) singular.
    static func invert(_ matrix: [[Double]]) -> [[Double]]? {
        let n = matrix.count
        var a = matrix
        var inverse = (0..<n).map { i in (0..<n).map { $0 == i ? 1.0 : 0.0 } }
        let scale = matrix.flatMap { $0 }.map(abs).max() ?? 0
        guard scale > 0 else { return nil }
        for column in 0..<n {
            guard let pivot = (column..<n).max(by: { abs(a[$0][column]) < abs(a[$1][column]) }),
                  abs(a[pivot][column]) > 1e-10 * scale else { return nil }
            a.swapAt(column, pivot)
            inverse.swapAt(column, pivot)
            let d = a[column][column]
            for j in 0..<n { a[column][j] /= d; inverse[column][j] /= d }
            for row in 0..<n where row != column {
                let f = a[row][column]
                if f == 0 { continue }
                for j in 0..<n {
                    a[row][j] -= f * a[column][j]
                    inverse[row][j] -= f * inverse[column][j]
                }
            }
        }
        return inverse
    }
}

/// Summaries of an output's spread over sampled parameter points.
public enum Uncertainty {
    /// The `p` quantile (0...1) by linear interpolation between order
    /// statistics (Hyndman and Fan's type 7, as R and NumPy default to).
    public static func quantile(_ values: [Double], _ p: Double) -> Double {
        precondition(!values.isEmpty)
        let sorted = values.sorted()
        let h = Double(sorted.count - 1) * p
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }

    /// For each option, the share of points at which it is best; ties share
    /// the point equally. `values[option][point]`.
    public static func probabilityBest(_ values: [[Double]], direction: BestCriterion.Direction) -> [Double] {
        guard let points = values.first?.count, points > 0 else { return values.map { _ in 0 } }
        var wins = [Double](repeating: 0, count: values.count)
        for p in 0..<points {
            let column = values.map { $0[p] }
            let best = direction == .max ? column.max()! : column.min()!
            let winners = column.indices.filter { column[$0] == best }
            for w in winners { wins[w] += 1 / Double(winners.count) }
        }
        return wins.map { $0 / Double(points) }
    }
}
