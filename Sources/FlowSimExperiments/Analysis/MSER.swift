import FlowSimCore

/// Warm-up (initial-transient) detection on one output series.
public enum WarmupDetection {
    /// The MSER-m truncation point (White 1997; MSER-5 with `batch` 5):
    /// the series is cut into batch means of `batch` observations, and the
    /// number of batches `d` to delete minimises
    /// MSER(d) = Σ_{i>d} (Z_i - Z̄_d)² / (k - d)², the squared standard error
    /// of the truncated mean, over d in the first half of the k batches
    /// (late d leave too few batches for the statistic to mean anything).
    ///
    /// - Returns: observations to delete (a multiple of `batch`), and whether
    ///   the minimum lies inside that half rather than at its end (at the
    ///   end the series is too short to judge: run longer).
    public static func mser(_ series: [Double], batch: Int = 5) -> (truncation: Int, reliable: Bool) {
        precondition(batch >= 1)
        let k = series.count / batch
        guard k >= 4 else { return (0, false) }
        let z = (0..<k).map { b in series[(b * batch)..<((b + 1) * batch)].reduce(0, +) / Double(batch) }
        // Suffix sums give each MSER(d) in O(1).
        var sum = 0.0, sumSq = 0.0
        var best = Double.infinity, bestD = 0
        var statistic = Array(repeating: 0.0, count: k)
        for d in stride(from: k - 1, through: 0, by: -1) {
            sum += z[d]
            sumSq += z[d] * z[d]
            let n = Double(k - d)
            let sse = max(sumSq - sum * sum / n, 0)
            statistic[d] = sse / (n * n)
        }
        // The first minimum over the first half.
        let last = k / 2
        for d in 0...last where statistic[d] < best {
            best = statistic[d]
            bestD = d
        }
        return (bestD * batch, bestD < last)
    }

    /// Welch's moving average (Welch 1983; Law 2015, section 9.5.1) of a
    /// series already averaged across replications: window `w` on each side,
    /// shrinking near the start (the i-th of the first w points averages
    /// 2i - 1 points). Its length is `series.count - w`.
    public static func welch(_ series: [Double], window w: Int) -> [Double] {
        precondition(w >= 0)
        let m = series.count
        guard m > w else { return [] }
        var out: [Double] = []
        out.reserveCapacity(m - w)
        for i in 0..<(m - w) {
            let half = min(i, w)
            let slice = series[(i - half)...(i + half)]
            out.append(slice.reduce(0, +) / Double(slice.count))
        }
        return out
    }
}
