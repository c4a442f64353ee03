import Histogram

/// Streaming quantiles of durations in minutes, in constant memory: an
/// HdrHistogram of three significant digits.
///
/// Values are kept in microseconds, so the 0.1% relative error of three
/// significant digits holds down to about 2 ms: a duration of a few
/// seconds keeps its precision (in whole seconds, a 4.16 s median read
/// 4.00 s).
///
/// The sketch keeps HdrHistogram's counts itself, in the package's layout
/// (`Layout`), and reads them through the package's own functions for the
/// equivalent-value ranges, so its quantiles are `Histogram`'s to the bit
/// (tested against it). Why not record into a `Histogram`: its `record`
/// took about 130 instructions a value (index helpers not inlined across
/// the module, a resize test, a uniqueness check of its storage), one
/// duration per patient, about 5% of R1's instructions; this one is a
/// handful of shifts and an increment (docs/performance.md).
public struct QuantileSketch {
    @usableFromInline var counts: ContiguousArray<UInt64>
    @usableFromInline var total: UInt64 = 0
    /// The largest and smallest non-zero values recorded, as the package
    /// tracks them (its quantiles are clamped to them).
    @usableFromInline var maxValue: UInt64 = 0
    @usableFromInline var minNonZeroValue: UInt64 = .max
    @inlinable static var unitsPerMinute: Double { 60_000_000 }

    public init() {
        counts = ContiguousArray(repeating: 0, count: Layout.countsLength)
    }

    /// A sketch of what a `QuantileRecorder` recorded.
    init(counts: ContiguousArray<UInt64>, total: UInt64, maxValue: UInt64, minNonZeroValue: UInt64) {
        precondition(counts.count == Layout.countsLength, "a sketch of \(counts.count) slots")
        self.counts = counts
        self.total = total
        self.maxValue = maxValue
        self.minNonZeroValue = minNonZeroValue
    }

    public mutating func record(minutes: Double) {
        counts.withUnsafeMutableBufferPointer { counts in
            Self.record(minutes: minutes, counts: counts.baseAddress!, total: &total, maxValue: &maxValue,
                        minNonZeroValue: &minNonZeroValue)
        }
    }

    /// The one way a value is recorded, by a sketch and by a `QuantileRecorder`.
    @inlinable @inline(__always)
    static func record(minutes: Double, counts: UnsafeMutablePointer<UInt64>, total: inout UInt64,
                       maxValue: inout UInt64, minNonZeroValue: inout UInt64) {
        let value = UInt64(Swift.max(minutes, 0) * Self.unitsPerMinute + 0.5)
        let index = Layout.index(value)
        // As the package does: a value beyond the highest trackable is not recorded.
        guard index < Layout.countsLength else { return }
        counts[index] &+= 1
        total &+= 1
        if value > maxValue { maxValue = value }
        if value < minNonZeroValue && value != 0 { minNonZeroValue = value }
    }

    public var count: Int { Int(total) }

    /// The `q`-quantile (0...1) in minutes.
    public func quantile(_ q: Double) -> Double {
        guard total > 0 else { return 0 }
        return Double(valueAtPercentile(q * 100)) / Self.unitsPerMinute
    }

    public mutating func reset() {
        for i in counts.indices { counts[i] = 0 }
        total = 0
        maxValue = 0
        minNonZeroValue = .max
    }

    /// `Histogram.valueAtPercentile`, step for step, on these counts.
    func valueAtPercentile(_ percentile: Double) -> UInt64 {
        let lowest = counts[0] > 0 || total == 0 ? 0 : minNonZeroValue
        guard percentile != 0 else { return lowest }
        guard percentile < 100 else { return maxValue }
        let requested = Swift.min(Swift.max(percentile.nextDown, 0), 100)
        let countAtPercentile = Swift.max(1, UInt64(((requested * Double(total)) / 100).rounded(.up)))
        var running: UInt64 = 0
        for i in counts.indices {
            running += counts[i]
            if running >= countAtPercentile {
                let highest = Layout.equivalents.highestEquivalentForValue(Layout.value(at: i))
                return Swift.max(Swift.min(highest, maxValue), lowest)
            }
        }
        return 0
    }
}

/// The recording side of a `QuantileSketch`, for a recorder that keeps one
/// for its whole measured window and records a value per patient: a class
/// that owns its counts, so a value is written straight to memory. A
/// sketch's counts are an array, and each record into it asked the runtime
/// whether the array's buffer was shared, once per patient leaving A&E
/// (docs/performance.md, twelfth round). `sketch` copies the counts out as
/// a value, to merge and to keep.
public final class QuantileRecorder {
    @usableFromInline let counts: UnsafeMutablePointer<UInt64>
    @usableFromInline var total: UInt64 = 0
    @usableFromInline var maxValue: UInt64 = 0
    @usableFromInline var minNonZeroValue: UInt64 = .max

    public init() {
        counts = .allocate(capacity: QuantileSketch.Layout.countsLength)
        counts.initialize(repeating: 0, count: QuantileSketch.Layout.countsLength)
    }

    deinit { counts.deallocate() }

    @inlinable @inline(__always)
    public func record(minutes: Double) {
        QuantileSketch.record(minutes: minutes, counts: counts, total: &total, maxValue: &maxValue,
                              minNonZeroValue: &minNonZeroValue)
    }

    /// Everything recorded so far.
    public var sketch: QuantileSketch {
        QuantileSketch(counts: ContiguousArray(UnsafeBufferPointer(start: counts, count: QuantileSketch.Layout.countsLength)),
                       total: total, maxValue: maxValue, minNonZeroValue: minNonZeroValue)
    }
}

extension QuantileSketch {
    /// Adds every value recorded in `other`.
    public mutating func add(_ other: QuantileSketch) {
        guard other.total > 0 else { return }
        for i in counts.indices { counts[i] &+= other.counts[i] }
        total &+= other.total
        maxValue = Swift.max(maxValue, other.maxValue)
        minNonZeroValue = Swift.min(minNonZeroValue, other.minNonZeroValue)
    }
}

extension QuantileSketch {
    /// HdrHistogram's layout for values 1 to 100 years in microseconds
    /// (3.2e15, far beyond any stay) at three significant digits: 2,048
    /// unit-wide slots for values below 2,048, then for each further power
    /// of two the upper 1,024 slots of a bucket twice as coarse as the one
    /// before (the package's `countsIndexForValue` and `valueFromIndex`,
    /// with its constants for these parameters; a test checks both
    /// against the package).
    @usableFromInline
    enum Layout {
        /// The package's histogram with the same parameters, for its
        /// equivalent-value functions (the read path), and its constants.
        static let equivalents = Histogram<UInt64>(highestTrackableValue: highestTrackableValue,
                                                   numberOfSignificantValueDigits: .three)
        static let highestTrackableValue: UInt64 = 3_200_000_000_000_000
        /// log2 of half the slots of a bucket: 2,000 needs 2^11 slots for unit resolution.
        @inlinable static var halfCountMagnitude: Int { 10 }
        @inlinable static var halfCount: Int { 1 << halfCountMagnitude }
        /// 64 minus the bits of the largest value of bucket 0 (2,047).
        @inlinable static var leadingZeroCountBase: Int { 53 }
        /// Buckets until 2,048 · 2^k exceeds the highest trackable value (k = 41), then one for
        /// the lower half of bucket 0.
        @inlinable static var countsLength: Int { (42 + 1) * halfCount }

        @inlinable @inline(__always)
        static func index(_ value: UInt64) -> Int {
            let bucket = leadingZeroCountBase - (value | UInt64(2 * halfCount - 1)).leadingZeroBitCount
            let subBucket = Int(truncatingIfNeeded: value >> UInt64(bucket))
            return ((bucket + 1) << halfCountMagnitude) + subBucket - halfCount
        }

        /// The lowest value of slot `index`.
        static func value(at index: Int) -> UInt64 {
            var bucket = (index >> halfCountMagnitude) - 1
            var subBucket = (index & (halfCount - 1)) + halfCount
            if bucket < 0 {
                subBucket -= halfCount
                bucket = 0
            }
            return UInt64(subBucket) << UInt64(bucket)
        }
    }
}
