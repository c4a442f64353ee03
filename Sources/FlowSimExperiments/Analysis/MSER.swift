import FlowSimCore

/// Warm-up (initial-transient) detection on one output series.
public enum WarmupDetection {
    /// The last batches MSER does not consider as truncation points: on a
    /// handful of batches the statistic can be near zero by chance (two close
    /// values), and the minimum would fall there whatever the transient.
    public static let endBatchesIgnored = 5

    /// The MSER-m truncation point (White 1997; MSER-5 with `batch` 5):
    /// the series is cut into k batch means of `batch` observations, and the
    /// number of batches d to delete minimises
    /// MSER(d) = Σ_{i>d} (Z_i - Z̄_d)² / (k - d)², the squared standard error
    /// of the truncated mean, over every d but the last
    /// `endBatchesIgnored`. The first minimum is taken.
    ///
    /// - Returns: observations to delete (a multiple of `batch`), and
    ///   whether the minimum lies in the first half of the batches: a
    ///   minimum in the second half says the series is too short (or too
    ///   noisy at its end) to judge (White 1997; Hoad, Robinson and Davies
    ///   2010), and is reported as unreliable rather than moved back.
    public static func mser(_ series: [Double], batch: Int = 5) -> (truncation: Int, reliable: Bool) {
        precondition(batch >= 1)
        let k = series.count / batch
        guard k >= 2 * endBatchesIgnored else { return (0, false) }
        let z = (0..<k).map { b in series[(b * batch)..<((b + 1) * batch)].reduce(0, +) / Double(batch) }
        // Suffix sums give each MSER(d) in O(1).
        var sum = 0.0, sumSq = 0.0
        var statistic = Array(repeating: 0.0, count: k)
        for d in stride(from: k - 1, through: 0, by: -1) {
            sum += z[d]
            sumSq += z[d] * z[d]
            let n = Double(k - d)
            let sse = max(sumSq - sum * sum / n, 0)
            statistic[d] = sse / (n * n)
        }
        var best = Double.infinity, bestD = 0
        for d in 0...(k - endBatchesIgnored) where statistic[d] < best {
            best = statistic[d]
            bestD = d
        }
        return (bestD * batch, bestD <= k / 2)
    }

    /// Whole-day observations from equal buckets of `bucketMinutes` covering
    /// `endMinutes`: a part-filled last bucket is dropped, and buckets
    /// shorter than a day are averaged in runs of the fewest that make a
    /// whole number of days (24 one-hour buckets; 3 sixteen-hour buckets
    /// make 2 days), so a daily cycle cannot pass for a transient.
    /// Buckets of a day or longer are kept as they are.
    public static func wholeDays(_ values: [Double], bucketMinutes: Double, endMinutes: Double)
        -> (values: [Double], minutesEach: Double) {
        var full = values
        if let last = full.indices.last, Double(last + 1) * bucketMinutes > endMinutes + 1e-6 { full.removeLast() }
        let day = Int(CalendarTime.minutesPerDay)
        guard abs(bucketMinutes - bucketMinutes.rounded()) < 1e-9, bucketMinutes >= 1, bucketMinutes < Double(day) else {
            return (full, bucketMinutes)
        }
        let width = Int(bucketMinutes.rounded())
        let run = lcm(width, day) / width
        let groups = full.count / run
        let out = (0..<groups).map { g in full[(g * run)..<((g + 1) * run)].reduce(0, +) / Double(run) }
        return (out, bucketMinutes * Double(run))
    }

    static func lcm(_ a: Int, _ b: Int) -> Int {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return a / x * b
    }

    /// Whether deleting the first `truncation` observations removes a bias
    /// that the replications agree on: for each replication, the mean of
    /// the deleted part minus the mean of the rest, and the 95% Student-t
    /// interval of those differences across the (independent) replications.
    /// A start-up transient shifts every replication the same way; a long
    /// excursion of one or two replications does not. Nil with fewer than
    /// 2 replications or nothing deleted.
    public static func deletedBias(_ replications: [[Double]], truncation d: Int)
        -> (difference: Double, halfWidth: Double)? {
        guard replications.count >= 2, d > 0 else { return nil }
        let n = replications.map(\.count).min() ?? 0
        guard d < n else { return nil }
        let differences = replications.map { x in
            x[0..<d].reduce(0, +) / Double(d) - x[d..<n].reduce(0, +) / Double(n - d)
        }
        let (mean, half) = ConfidenceInterval.meanAndHalfWidth(differences)
        return (mean, half)
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
