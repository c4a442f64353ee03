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

    @Test func oneReplicationHasNoSpread() {
        let s = MetricSummary([3.25])
        #expect(s.mean == 3.25 && s.ci95Low == 3.25 && s.ci95High == 3.25)
    }

    @Test func jsonUsesTheDocumentedKeys() throws {
        let data = try JSONReport.encode(MetricSummary([1, 2, 3]))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["mean", "ci95_low", "ci95_high", "per_replication"])
        #expect(object["per_replication"] as? [Double] == [1, 2, 3])
        let decoded = try JSONDecoder().decode(MetricSummary.self, from: data)
        #expect(decoded == MetricSummary([1, 2, 3]))
    }
}
