import Algorithms
import FlowSimCore
import FlowSimModel

/// A metric across replications: mean, 95% confidence interval, the
/// median and 10th-90th percentiles across replications, and the
/// replication values themselves (so results can be re-analysed or merged).
///
/// `ci95Low`/`ci95High` are the Student-t interval of the mean, unbounded
/// (they can go below 0 for a skewed non-negative measure). A summary of a
/// measure that cannot be negative (every catalogue metric: times, counts,
/// levels, rates, and fractions in [0, 1]) also carries `bounded95`, a
/// percentile-bootstrap interval of the mean that stays inside the values'
/// range (docs/results.md, "Across replications").
public struct MetricSummary: Sendable, Codable, Equatable {
    public let mean: Double
    public let ci95Low: Double
    public let ci95High: Double
    public let perReplication: [Double]
    /// Across replications (type-7 percentiles, linear between order statistics).
    public let median: Double
    public let p10: Double
    public let p90: Double
    /// The 95% percentile-bootstrap interval of the mean (nil for an
    /// unbounded quantity such as a paired difference).
    public let bounded95: Bounded95?

    public struct Bounded95: Sendable, Equatable {
        public let low: Double
        public let high: Double
        public init(low: Double, high: Double) {
            self.low = low
            self.high = high
        }
    }

    /// The range a measure's values can take.
    public enum Bounds: Sendable, Equatable {
        /// Times, counts, levels, rates: never below 0.
        case nonNegative
        /// Fractions: between 0 and 1.
        case unitInterval

        /// The bounds of a catalogue unit (every unit is non-negative).
        public init(_ unit: MetricUnit) { self = unit.isShare ? .unitInterval : .nonNegative }

        var range: ClosedRange<Double> { self == .unitInterval ? 0...1 : 0...Double.infinity }
    }

    enum CodingKeys: String, CodingKey {
        case mean, ci95Low = "ci95_low", ci95High = "ci95_high", perReplication = "per_replication"
        case median, p10, p90, bounded95Low = "bounded_ci95_low", bounded95High = "bounded_ci95_high"
    }

    /// - Parameter bounds: the measure's range; nil for an unbounded
    ///   quantity (no bounded interval).
    ///   - resampling: the bootstrap's draws for `values.count` values,
    ///     shared by the measures of one result (`BootstrapResampling`);
    ///     nil draws them for this one.
    public init(_ values: [Double], bounds: Bounds? = nil, resampling: BootstrapResampling? = nil) {
        let (mean, half) = ConfidenceInterval.meanAndHalfWidth(values)
        self.mean = mean
        ci95Low = mean - half
        ci95High = mean + half
        perReplication = values
        let sorted = values.sorted()
        median = Self.percentile(sorted, 0.5)
        p10 = Self.percentile(sorted, 0.1)
        p90 = Self.percentile(sorted, 0.9)
        bounded95 = bounds.map {
            let draws = resampling.flatMap { $0.count == values.count ? $0 : nil }
                ?? BootstrapResampling(count: values.count, tabulated: false)
            return Self.bootstrap(values, mean: mean, clampedTo: $0.range, resampling: draws)
        }
    }

    public var halfWidth: Double { (ci95High - ci95Low) / 2 }

    /// The bounded interval where the Student-t interval would leave the
    /// measure's range (below 0 for a count, a time or a level; above 1 for
    /// a share); nil where the t-interval stays inside, or without one.
    public func boundedWhereNeeded(_ bounds: Bounds) -> Bounded95? {
        guard let bounded95, !bounds.range.contains(ci95Low) || !bounds.range.contains(ci95High) else { return nil }
        return bounded95
    }

    /// The 95% interval a reader is given: Student t, or the bounded one
    /// where t would leave the measure's range.
    public func interval95(_ bounds: Bounds) -> (low: Double, high: Double) {
        boundedWhereNeeded(bounds).map { ($0.low, $0.high) } ?? (ci95Low, ci95High)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        mean = try c.decode(Double.self, forKey: .mean)
        ci95Low = try c.decode(Double.self, forKey: .ci95Low)
        ci95High = try c.decode(Double.self, forKey: .ci95High)
        perReplication = try c.decode([Double].self, forKey: .perReplication)
        // Files written before these keys existed: the percentiles follow
        // from the replication values; the bounded interval is left out.
        let sorted = perReplication.sorted()
        median = try c.decodeIfPresent(Double.self, forKey: .median) ?? Self.percentile(sorted, 0.5)
        p10 = try c.decodeIfPresent(Double.self, forKey: .p10) ?? Self.percentile(sorted, 0.1)
        p90 = try c.decodeIfPresent(Double.self, forKey: .p90) ?? Self.percentile(sorted, 0.9)
        if let low = try c.decodeIfPresent(Double.self, forKey: .bounded95Low),
           let high = try c.decodeIfPresent(Double.self, forKey: .bounded95High) {
            bounded95 = Bounded95(low: low, high: high)
        } else {
            bounded95 = nil
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(mean, forKey: .mean)
        try c.encode(ci95Low, forKey: .ci95Low)
        try c.encode(ci95High, forKey: .ci95High)
        try c.encode(perReplication, forKey: .perReplication)
        try c.encode(median, forKey: .median)
        try c.encode(p10, forKey: .p10)
        try c.encode(p90, forKey: .p90)
        if let bounded95 {
            try c.encode(bounded95.low, forKey: .bounded95Low)
            try c.encode(bounded95.high, forKey: .bounded95High)
        }
    }

    /// The `p` percentile of sorted values, linear between order statistics
    /// (Hyndman and Fan's type 7, the default of R and NumPy); 0 for none.
    public static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard let first = sorted.first else { return 0 }
        guard sorted.count > 1 else { return first }
        let h = Double(sorted.count - 1) * p
        let i = Int(h.rounded(.down)), frac = h - Double(i)
        return i + 1 < sorted.count ? sorted[i] + frac * (sorted[i + 1] - sorted[i]) : sorted[i]
    }

    /// `percentile(_:_:)` of values in any order, from only the two order
    /// statistics it reads, taken from the nearer end: the bootstrap's
    /// interval needs the 25th and 975th of 1,000 means, and sorting all of
    /// them was 4% of R2's benchmark, more than the selection of the 26
    /// smallest and the 26 largest (docs/performance.md, tenth round).
    public static func percentile(ofUnsorted values: [Double], _ p: Double) -> Double {
        let n = values.count
        guard n > 2 else { return percentile(values.sorted(), p) }
        let h = Double(n - 1) * p
        let i = Int(h.rounded(.down)), frac = h - Double(i)
        guard i + 1 < n else { return values.max()! }
        // Order statistics i and i + 1; both selections come back in ascending order.
        let (a, b): (Double, Double)
        if i + 2 <= n - i {
            let smallest = values.min(count: i + 2)
            (a, b) = (smallest[i], smallest[i + 1])
        } else {
            let largest = values.max(count: n - i)
            (a, b) = (largest[0], largest[1])
        }
        return a + frac * (b - a)
    }

    /// The 2.5th and 97.5th percentiles of the means of
    /// `BootstrapResampling.resamples` resamples (with replacement) of the values,
    /// drawn from a fixed seed, so the same values always give the same
    /// interval. Means of resamples lie between the smallest and largest
    /// value, so the interval never leaves the measure's range; it is also
    /// clamped to `range` against rounding.
    static func bootstrap(_ values: [Double], mean: Double, clampedTo range: ClosedRange<Double>,
                          resampling: BootstrapResampling) -> Bounded95 {
        guard values.count > 1, let lo = values.min(), let hi = values.max(), lo < hi else {
            let v = min(max(mean, range.lowerBound), range.upperBound)
            return Bounded95(low: v, high: v)
        }
        let means = resampling.resampledMeans(of: values)
        let low = percentile(ofUnsorted: means, 0.025), high = percentile(ofUnsorted: means, 0.975)
        return Bounded95(low: min(max(low, range.lowerBound), range.upperBound),
                         high: min(max(high, range.lowerBound), range.upperBound))
    }
}
