import FlowSimCore
import Testing

/// Welford tallies, time-weighted averages and level durations against
/// values computed directly.
@Suite struct StatisticsTests {
    private func directMeanAndVariance(_ xs: [Double]) -> (Double, Double) {
        let mean = xs.reduce(0, +) / Double(xs.count)
        let variance = xs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(xs.count - 1)
        return (mean, variance)
    }

    private func close(_ a: Double, _ b: Double, relative: Double = 1e-12) -> Bool {
        abs(a - b) <= relative * max(1, abs(a), abs(b))
    }

    @Test func tallyMatchesDirectMeanAndVariance() {
        var rng = SplitMixRNG(seed: 7)
        // A large offset tests numerical stability (naive sum-of-squares loses it).
        let xs = (0..<10_000).map { _ in 1e6 + Double(rng.next() % 1_000_000) / 1000 }
        var tally = Tally()
        for x in xs { tally.add(x) }
        let (mean, variance) = directMeanAndVariance(xs)
        #expect(tally.count == xs.count)
        #expect(close(tally.mean, mean))
        #expect(close(tally.variance, variance, relative: 1e-9))
        #expect(close(tally.standardDeviation, variance.squareRoot(), relative: 1e-9))
        #expect(close(tally.standardError, (variance / Double(xs.count)).squareRoot(), relative: 1e-9))
        #expect(tally.min == xs.min() && tally.max == xs.max())
    }

    @Test func tallyEdgeCases() {
        var tally = Tally()
        #expect(tally.count == 0 && tally.variance == 0 && tally.standardError == 0)
        tally.add(5)
        #expect(tally.mean == 5 && tally.variance == 0 && tally.standardError == 0)
        #expect(tally.min == 5 && tally.max == 5)
        tally.add(7)
        #expect(tally.mean == 6 && tally.variance == 2)
    }

    @Test func tallyMergeEqualsOneTallyOfEverything() {
        var rng = SplitMixRNG(seed: 8)
        let xs = (0..<3_000).map { _ in Double(rng.next() % 10_000) / 7 }
        var whole = Tally()
        for x in xs { whole.add(x) }
        // Uneven parts, including an empty one on either side.
        let cuts = [0, 0, 17, 1_000, 2_999, 3_000]
        var merged = Tally()
        for (a, b) in zip(cuts, cuts.dropFirst()) {
            var part = Tally()
            for x in xs[a..<b] { part.add(x) }
            merged.merge(part)
        }
        var intoEmpty = Tally()
        intoEmpty.merge(whole)
        #expect(merged.count == whole.count)
        #expect(close(merged.mean, whole.mean))
        #expect(close(merged.variance, whole.variance, relative: 1e-10))
        #expect(merged.min == whole.min && merged.max == whole.max)
        #expect(intoEmpty == whole)
    }

    @Test func timeWeightedMeanIsAreaOverSpan() {
        var level = TimeWeighted(value: 2, at: 10)
        level.update(to: 5, at: 20)   // 2 on [10, 20)
        level.update(to: 1, at: 25)   // 5 on [20, 25)
        level.update(to: 1, at: 30)   // same value: nothing changes
        // 1 on [25, 40)
        let area: Double = 2 * 10 + 5 * 5 + 1 * 15
        #expect(close(level.mean(at: 40), area / 30))
        #expect(level.maximum == 5)
        #expect(level.value == 1)
        // With no elapsed time the mean is the current value.
        #expect(TimeWeighted(value: 3, at: 7).mean(at: 7) == 3)
    }

    @Test func timeWeightedResetForgetsThePastButKeepsTheLevel() {
        var level = TimeWeighted()
        level.update(to: 100, at: 0)
        level.update(to: 4, at: 50)
        level.reset(at: 60)
        #expect(level.startTime == 60)
        #expect(level.maximum == 4)
        level.update(to: 8, at: 70)   // 4 on [60, 70), 8 on [70, 80)
        #expect(close(level.mean(at: 80), 6))
        #expect(level.maximum == 8)
    }

    @Test func levelDurationsGiveExactTimeWeightedQuantiles() {
        // Level 0 for 10, 1 for 20, 2 for 30, 3 for 40 minutes (total 100).
        let levels = LevelDurations(maximumLevel: 3)
        levels.update(to: 1, at: 10)
        levels.update(to: 2, at: 30)
        levels.update(to: 3, at: 60)
        let end = 100.0
        #expect(levels.quantile(0.05, at: end) == 0)
        #expect(levels.quantile(0.10, at: end) == 0)
        #expect(levels.quantile(0.11, at: end) == 1)
        #expect(levels.quantile(0.30, at: end) == 1)
        #expect(levels.quantile(0.31, at: end) == 2)
        #expect(levels.quantile(0.60, at: end) == 2)
        #expect(levels.quantile(0.61, at: end) == 3)
        #expect(levels.quantile(0.95, at: end) == 3)
        #expect(levels.quantile(1.0, at: end) == 3)
        #expect(levels.time(atOrAbove: 3, at: end) == 40)
        #expect(levels.time(atOrAbove: 2, at: end) == 70)
        #expect(levels.time(atOrAbove: 0, at: end) == 100)
        #expect(levels.time(atOrAbove: 4, at: end) == 0)
    }

    @Test func levelDurationsResetKeepsTheCurrentLevel() {
        let levels = LevelDurations(maximumLevel: 5)
        levels.update(to: 5, at: 0)
        levels.update(to: 2, at: 1_000)
        levels.reset(at: 2_000)
        // Only [2000, 2100) at level 2 counts.
        #expect(levels.quantile(0.5, at: 2_100) == 2)
        #expect(levels.quantile(0.99, at: 2_100) == 2)
        #expect(levels.time(atOrAbove: 5, at: 2_100) == 0)
        #expect(levels.time(atOrAbove: 2, at: 2_100) == 100)
    }
}
