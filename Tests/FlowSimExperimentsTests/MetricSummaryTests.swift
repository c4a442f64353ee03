import FlowSim
import Foundation
import Testing

/// A metric across replications: mean and 95% Student-t interval.
@Suite struct MetricSummaryTests {
    @Test func confidenceIntervalByHand() {
        // Mean 11; squared deviations 1, 1, 4, 0, 4 → s² = 2.5, s/√5 = 0.70711;
        // t(0.975, 4) = 2.77645 → half-width 1.96324.
        let s = MetricSummary([10, 12, 9, 11, 13])
        #expect(s.mean == 11)
        #expect(abs(s.ci95Low - (11 - 1.963_24)) < 1e-5)
        #expect(abs(s.ci95High - (11 + 1.963_24)) < 1e-5)
        #expect(abs(s.halfWidth - 1.963_24) < 1e-5)
        #expect(s.perReplication == [10, 12, 9, 11, 13])
    }

    @Test func tenReplicationsUseTheT9CriticalValue() {
        let values = (1...10).map(Double.init)   // mean 5.5, s² = 55/6
        let s = MetricSummary(values)
        let half = 2.262_157 * (55.0 / 6 / 10).squareRoot()
        #expect(abs(s.mean - 5.5) < 1e-12)
        #expect(abs(s.halfWidth - half) < 1e-5)
    }

    /// Reading a percentile from a selection of the nearer end gives the
    /// sorted array's value to the bit, ties and all, at every size and
    /// at the bootstrap's own percentiles.
    @Test func aPercentileOfUnsortedValuesIsTheSortedOnesExactly() {
        var state: UInt64 = 42
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 40) / 64   // coarse, so that values repeat
        }
        var compared = 0, differing = 0
        for n in Array(1...40) + [999, 1_000, 1_001] {
            for _ in 0..<5 {
                let values = (0..<n).map { _ in next() }
                let sorted = values.sorted()
                for p in [0, 0.01, 0.025, 0.1, 0.25, 0.5, 0.75, 0.9, 0.975, 0.99, 1.0] {
                    compared += 1
                    let selected = MetricSummary.percentile(ofUnsorted: values, p)
                    if selected.bitPattern != MetricSummary.percentile(sorted, p).bitPattern { differing += 1 }
                }
            }
        }
        #expect(compared == 43 * 5 * 11)
        #expect(differing == 0)
        #expect(MetricSummary.percentile(ofUnsorted: [], 0.5) == 0)
    }

    @Test func oneReplicationHasNoSpread() {
        let s = MetricSummary([3.25])
        #expect(s.mean == 3.25 && s.ci95Low == 3.25 && s.ci95High == 3.25)
    }

    @Test func jsonUsesTheDocumentedKeys() throws {
        let data = try JSONReport.encode(MetricSummary([1, 2, 3]))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["mean", "ci95_low", "ci95_high", "per_replication", "median", "p10", "p90"])
        #expect(object["per_replication"] as? [Double] == [1, 2, 3])
        let decoded = try JSONDecoder().decode(MetricSummary.self, from: data)
        #expect(decoded == MetricSummary([1, 2, 3]))
    }
}

/// Median, 10th-90th percentiles and the bounded interval (issue 9).
@Suite struct RobustSummaryTests {
    @Test func percentilesAcrossReplications() {
        let s = MetricSummary([5, 1, 4, 2, 3])
        #expect(s.median == 3)
        #expect(abs(s.p10 - 1.4) < 1e-12 && abs(s.p90 - 4.6) < 1e-12)
        #expect(s.bounded95 == nil)
    }

    @Test func boundedIntervalNeverLeavesTheMeasuresRange() {
        // Five quiet replications and one that gridlocked: the t-interval
        // of the mean goes below 0; the bootstrap interval does not.
        let values: [Double] = [0.1, 0.2, 0.1, 40, 0.3, 0.2]
        let s = MetricSummary(values, bounds: .nonNegative)
        #expect(s.ci95Low < 0)
        let b = try! #require(s.bounded95)
        #expect(b.low >= 0.1 && b.low <= s.mean && b.high >= s.mean && b.high <= 40)
        // Deterministic: the same values give the same interval.
        #expect(MetricSummary(values, bounds: .nonNegative).bounded95 == b)
        let f = MetricSummary([0.99, 1, 1, 0.2], bounds: .unitInterval).bounded95!
        #expect(f.low >= 0 && f.high <= 1)
        #expect(MetricSummary([2, 2], bounds: .nonNegative).bounded95 == .init(low: 2, high: 2))
        // The interval to read: bounded only where t leaves the range.
        #expect(s.interval95(.nonNegative) == (b.low, b.high))
        let f95 = MetricSummary([0.99, 1, 1, 0.2], bounds: .unitInterval)
        #expect(f95.ci95High > 1 && f95.interval95(.unitInterval) == (f.low, f.high))
        let tight = MetricSummary([0.5, 0.52, 0.51], bounds: .unitInterval)
        #expect(tight.boundedWhereNeeded(.unitInterval) == nil)
        #expect(tight.interval95(.unitInterval) == (tight.ci95Low, tight.ci95High))
    }

    /// The bootstrap's draws are fixed (SplitMix64 seeded by the number of
    /// values), so its interval is too: these figures come from an
    /// independent implementation of the same draws (Python), and a result's
    /// shared table of draws and a single measure's fresh draws must both
    /// give them exactly.
    @Test func bootstrapIntervalIsPinnedAndSharedDrawsGiveTheSame() {
        let values: [Double] = [0.1, 0.2, 0.1, 40, 0.3, 0.2]
        let pinned = MetricSummary.Bounded95(low: 0.13333333333333333, high: 20.099999999999998)
        #expect(MetricSummary(values, bounds: .nonNegative).bounded95 == pinned)
        let shared = BootstrapResampling(count: values.count)
        #expect(MetricSummary(values, bounds: .nonNegative, resampling: shared).bounded95 == pinned)
        #expect(MetricSummary([0.99, 1, 1, 0.2], bounds: .unitInterval, resampling: BootstrapResampling(count: 4))
                .bounded95 == .init(low: 0.39999999999999997, high: 1))
        // Draws for another count are not used for these values.
        #expect(MetricSummary(values, bounds: .nonNegative, resampling: BootstrapResampling(count: 5)).bounded95
                == pinned)
        for n in 2...24 {
            let xs = (0..<n).map { Double(($0 * 7_919) % 31) / 3 }
            #expect(MetricSummary(xs, bounds: .nonNegative, resampling: BootstrapResampling(count: n)).bounded95
                    == MetricSummary(xs, bounds: .nonNegative).bounded95, "\(n) values")
        }
    }

    @Test func boundedIntervalRoundTripsAndOldFilesStillRead() throws {
        let s = MetricSummary([1, 2, 4], bounds: .nonNegative)
        #expect(try JSONDecoder().decode(MetricSummary.self, from: JSONReport.encode(s)) == s)
        let old = #"{"mean": 2, "ci95_low": 0, "ci95_high": 4, "per_replication": [1, 2, 3]}"#
        let decoded = try JSONDecoder().decode(MetricSummary.self, from: Data(old.utf8))
        #expect(decoded.median == 2 && decoded.bounded95 == nil)
    }

    @Test func unstableReplicationsAreCountedPerScope() throws {
        let runs = [0.0, 1, 0, 1, 1].map { ExperimentTest.replication(["unstable_replication": $0, "x": 1]) }
        let r = ExperimentResult(scenario: "s", seed: 1, warmupDays: 1, horizonDays: 2, runs: runs, wallSeconds: 0)
        #expect(r.unstableReplications(at: .system) == 3 && r.unstableReplications(at: .site("ED")) == 3)
        let object = try #require(try JSONSerialization.jsonObject(with: JSONReport.encode(r)) as? [String: Any])
        let unstable = try #require(object["unstable_replications"] as? [String: [String: Int]])
        #expect(unstable == ["system": ["count": 3, "of": 5], "ED": ["count": 3, "of": 5]])
        #expect(CSVReport.render(r).contains("\ns,ED,unstable_replications,3,,,5\n"))
        // Results without the flag keep their document as it was.
        let plain = ExperimentResult(scenario: "s", seed: 1, warmupDays: 1, horizonDays: 2,
                                     runs: [ExperimentTest.replication(["x": 1])], wallSeconds: 0)
        #expect(plain.unstableReplications(at: .system) == nil)
        let plainObject = try #require(try JSONSerialization.jsonObject(with: JSONReport.encode(plain)) as? [String: Any])
        #expect(plainObject["unstable_replications"] == nil)
        #expect(!CSVReport.render(plain).contains("unstable"))
    }
}
