import Histogram

/// Streaming quantiles of durations in minutes, in constant memory, by
/// HdrHistogram (three significant digits).
///
/// Values are kept in microseconds, so the 0.1% relative error of three
/// significant digits holds down to about 2 ms: a duration of a few
/// seconds keeps its precision (in whole seconds, a 4.16 s median read
/// 4.00 s).
public struct QuantileSketch {
    @usableFromInline var histogram: Histogram<UInt64>
    @usableFromInline static let unitsPerMinute = 60_000_000.0

    public init() {
        // 100 years in microseconds (3.2e15) is far beyond any stay.
        histogram = Histogram(highestTrackableValue: 3_200_000_000_000_000, numberOfSignificantValueDigits: .three)
    }

    @inlinable
    public mutating func record(minutes: Double) {
        _ = histogram.record(UInt64(Swift.max(minutes, 0) * Self.unitsPerMinute + 0.5))
    }

    public var count: Int { Int(histogram.totalCount) }

    /// The `q`-quantile (0...1) in minutes.
    public func quantile(_ q: Double) -> Double {
        guard histogram.totalCount > 0 else { return 0 }
        return Double(histogram.valueAtPercentile(q * 100)) / Self.unitsPerMinute
    }

    public mutating func reset() { histogram.reset() }
}

extension QuantileSketch {
    /// Adds every value recorded in `other`.
    public mutating func add(_ other: QuantileSketch) { histogram.add(other.histogram) }
}
