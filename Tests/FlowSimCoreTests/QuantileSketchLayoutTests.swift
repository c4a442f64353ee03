import Foundation
import Histogram
import Testing
@testable import FlowSimCore

/// The sketch keeps HdrHistogram's counts itself (`QuantileSketch.Layout`):
/// its slots must be the package's and its quantiles the package's, to the
/// bit, or results would change with the recording path.
@Suite struct QuantileSketchLayoutTests {
    private let reference = Histogram<UInt64>(highestTrackableValue: 3_200_000_000_000_000,
                                              numberOfSignificantValueDigits: .three)

    /// Values at every power of two and either side of it, at the edges of
    /// bucket 0 (2,047 / 2,048), random values at every magnitude, and the
    /// highest trackable value.
    private func probeValues() -> [UInt64] {
        var values: [UInt64] = [0, 1, 2, 1_023, 1_024, 1_025, 2_046, 2_047, 2_048, 2_049, 4_095, 4_096,
                                3_200_000_000_000_000]
        for k in 1..<52 {
            let p = UInt64(1) << UInt64(k)
            values += [p - 1, p, p + 1, p + p / 3]
        }
        var rng = SplitMixRNG(seed: 7)
        for _ in 0..<20_000 { values.append(rng.next() >> (12 + rng.next() % 52)) }
        return values
    }

    @Test func slotsAreThePackages() {
        var mismatches: [UInt64] = []
        for value in probeValues() {
            let slotStart = QuantileSketch.Layout.value(at: QuantileSketch.Layout.index(value))
            if slotStart != reference.lowestEquivalentForValue(value) { mismatches.append(value) }
        }
        #expect(mismatches.isEmpty, "first values whose slot differs: \(mismatches.prefix(5))")
        // The last slot holds the highest trackable value, and nothing lies beyond it.
        #expect(QuantileSketch.Layout.index(3_200_000_000_000_000) < QuantileSketch.Layout.countsLength)
        #expect(QuantileSketch.Layout.index(UInt64(1) << 62) >= QuantileSketch.Layout.countsLength)
    }

    private static let quantiles: [Double] = [0, 1e-6, 0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99,
                                              0.999, 0.999_999, 1]

    private func expectSameQuantiles(_ sketch: QuantileSketch, _ histogram: Histogram<UInt64>,
                                     sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(sketch.count == Int(histogram.totalCount), sourceLocation: sourceLocation)
        for q in Self.quantiles {
            let expected = Double(histogram.valueAtPercentile(q * 100)) / 60_000_000
            #expect(sketch.quantile(q) == expected, "q=\(q)", sourceLocation: sourceLocation)
        }
    }

    /// Durations as a run records them (minutes to microseconds), skewed
    /// samples, a sample holding zeros, and merged sketches.
    @Test func quantilesAreThePackagesToTheBit() {
        var rng = SplitMixRNG(seed: 21)
        func uniform() -> Double { Double(rng.next() >> 11) * 0x1.0p-53 }
        let samples: [[Double]] = [
            (0..<30_000).map { _ in 10 * pow(400.0, uniform()) },         // 10 min to ~3 days, log-uniform
            (0..<5_000).map { _ in -15 * log(uniform()) },                // exponential, mean 15 min
            (0..<2_000).map { _ in uniform() < 0.3 ? 0 : 240 * uniform() },  // zeros among them
            [42.5],                                                      // one value
            (0..<1_000).map { _ in 1e-6 * uniform() },                   // below a microsecond
        ]
        var mergedSketch = QuantileSketch()
        var mergedHistogram = reference
        for minutes in samples {
            var sketch = QuantileSketch()
            var histogram = reference
            for m in minutes {
                sketch.record(minutes: m)
                _ = histogram.record(UInt64(max(m, 0) * 60_000_000 + 0.5))
            }
            expectSameQuantiles(sketch, histogram)
            mergedSketch.add(sketch)
            mergedHistogram.add(histogram)
        }
        expectSameQuantiles(mergedSketch, mergedHistogram)
    }

    /// A value beyond the highest trackable (100 years) is dropped, as the package drops it.
    @Test func valuesBeyondTheRangeAreNotRecorded() {
        var sketch = QuantileSketch()
        sketch.record(minutes: 60)
        sketch.record(minutes: 200 * 525_600)
        #expect(sketch.count == 1)
        #expect(abs(sketch.quantile(1) - 60) / 60 <= 0.001)
    }
}
