import Histogram

/// Streaming quantiles of durations in minutes, in constant memory, by
/// HdrHistogram (three significant digits). Values are kept in seconds.
public struct QuantileSketch {
    @usableFromInline var histogram: Histogram<UInt64>

    public init() {
        // 100 years in seconds is far beyond any stay; three significant
        // digits bound the relative error of a quantile to 0.1%.
        histogram = Histogram(highestTrackableValue: 3_200_000_000, numberOfSignificantValueDigits: .three)
    }

    @inlinable
    public mutating func record(minutes: Double) {
        _ = histogram.record(UInt64(Swift.max(minutes, 0) * 60 + 0.5))
    }

    public var count: Int { Int(histogram.totalCount) }

    /// The `q`-quantile (0...1) in minutes.
    public func quantile(_ q: Double) -> Double {
        guard histogram.totalCount > 0 else { return 0 }
        return Double(histogram.valueAtPercentile(q * 100)) / 60
    }

    public mutating func reset() { histogram.reset() }
}

extension QuantileSketch {
    /// Adds every value recorded in `other`.
    public mutating func add(_ other: QuantileSketch) { histogram.add(other.histogram) }
}
