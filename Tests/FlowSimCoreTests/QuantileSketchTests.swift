import Foundation
import FlowSimCore
import Testing

/// Streaming quantiles (HdrHistogram, three significant digits) against
/// exact order statistics of a known sample.
@Suite struct QuantileSketchTests {
    /// The nearest-rank quantile: the smallest value with at least q·n values at or below it.
    private func exactQuantile(_ sorted: [Double], _ q: Double) -> Double {
        let rank = max(1, Int((q * Double(sorted.count)).rounded(.up)))
        return sorted[min(rank, sorted.count) - 1]
    }

    @Test func quantilesOfAKnownSampleWithinOneTenthOfAPercent() {
        // Times in department from 10 minutes to 3 days, heavily skewed,
        // in whole seconds so that the sketch's rounding to seconds is exact.
        var rng = SplitMixRNG(seed: 11)
        let values: [Double] = (0..<50_000).map { _ in
            let u = Double(rng.next() >> 11) * 0x1.0p-53
            let seconds = (600 * pow(432.0, u)).rounded()   // log-uniform 600 s ... 259,200 s
            return seconds / 60
        }
        var sketch = QuantileSketch()
        for v in values { sketch.record(minutes: v) }
        #expect(sketch.count == values.count)
        let sorted = values.sorted()
        for q in [0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999] {
            let exact = exactQuantile(sorted, q)
            let estimate = sketch.quantile(q)
            #expect(abs(estimate - exact) / exact <= 0.001, "q=\(q): sketch \(estimate), exact \(exact)")
        }
    }

    /// Durations of a few seconds keep three significant digits (recorded
    /// in whole seconds they lost up to 4%: a 4.16 s median read 4.00 s).
    @Test func shortDurationsKeepTheirRelativePrecision() {
        for seconds in [0.05, 0.9, 4.16, 7.5, 59.7] {
            var sketch = QuantileSketch()
            for k in 0..<1_001 { sketch.record(minutes: seconds * (0.9 + 0.2 * Double(k) / 1_000) / 60) }
            let median = sketch.quantile(0.5) * 60
            #expect(abs(median - seconds) / seconds <= 0.001, "median of values around \(seconds) s read \(median) s")
        }
    }

    @Test func emptyMergedAndReset() {
        var a = QuantileSketch()
        #expect(a.count == 0 && a.quantile(0.5) == 0)
        var b = QuantileSketch()
        for m in 1...100 { a.record(minutes: Double(m) * 10) }
        for m in 101...200 { b.record(minutes: Double(m) * 10) }
        a.add(b)
        #expect(a.count == 200)
        #expect(abs(a.quantile(0.5) - 1_000) / 1_000 <= 0.001)
        #expect(abs(a.quantile(1.0) - 2_000) / 2_000 <= 0.001)
        // Negative durations are recorded as zero, not lost.
        a.record(minutes: -5)
        #expect(a.count == 201 && a.quantile(0) == 0)
        a.reset()
        #expect(a.count == 0)
    }

    /// A recorder's sketch holds what the same values recorded into a
    /// sketch hold, and is a copy: values recorded after it was taken do
    /// not reach it.
    @Test func aRecordersSketchIsTheSketchOfItsValuesAndACopy() {
        var rng = SplitMixRNG(seed: 5)
        let recorder = QuantileRecorder()
        var direct = QuantileSketch()
        for _ in 0..<20_000 {
            let minutes = Double(rng.next() % 600_000) / 100 - 10   // -10 ... 5,990 minutes, zeros included
            recorder.record(minutes: minutes)
            direct.record(minutes: minutes)
        }
        let taken = recorder.sketch
        #expect(taken.count == direct.count)
        for q in [0, 0.001, 0.1, 0.5, 0.9, 0.95, 0.999, 1] {
            #expect(taken.quantile(q) == direct.quantile(q), "q=\(q)")
        }
        for _ in 0..<1_000 { recorder.record(minutes: 100_000) }
        #expect(taken.count == direct.count && taken.quantile(1) == direct.quantile(1))
        #expect(recorder.sketch.count == direct.count + 1_000)
        #expect(recorder.sketch.quantile(1) > direct.quantile(1))
    }
}
