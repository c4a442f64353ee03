import FlowSim
import Foundation
import Testing

/// Paired comparisons: differences replication by replication against the
/// first option, with common random numbers.
@Suite struct ComparisonTests {
    static func result(_ name: String, _ runs: [[String: Double]]) -> ExperimentResult {
        ExperimentResult(scenario: name, seed: 1, warmupDays: 1, horizonDays: 2,
                         runs: runs.map { ExperimentTest.replication($0) }, wallSeconds: 0)
    }

    @Test func differencesArePerReplicationDifferences() throws {
        let base = Self.result("base", [["a": 1, "b": 10], ["a": 2, "b": 20], ["a": 4, "b": 25]])
        let option = Self.result("option", [["a": 1.5, "b": 9], ["a": 2.5, "b": 22], ["a": 3, "b": 30]])
        let comparison = Comparison(options: [base, option])
        #expect(comparison.schema == "flowsim.comparison/1")
        #expect(comparison.differences.keys.sorted() == ["option"])
        for scope in [Scope.system, .site("ED")] {
            let a = try #require(comparison.differences["option"]?[scope]?["a"])
            let b = try #require(comparison.differences["option"]?[scope]?["b"])
            #expect(a.perReplication == [0.5, 0.5, -1])
            #expect(b.perReplication == [-1, 2, 5])
            #expect(a == MetricSummary([0.5, 0.5, -1]))
            #expect(b.mean == 2)
        }
    }

    @Test func aScenarioComparedWithItselfHasZeroDifferences() throws {
        let config = try ExperimentTest.r2()
        let runner = ReplicationRunner(threads: 2)
        let first = runner.run(config, seed: 3, replications: 3)
        var renamed = config
        renamed.name = "same again"
        let second = runner.run(renamed, seed: 3, replications: 3)
        let comparison = Comparison(options: [first, second])
        let differences = try #require(comparison.differences["same again"])
        #expect(Set(differences.keys) == Set(first.scopes))
        for (scope, byName) in differences {
            // Every metric of the scope is compared (some are system-wide only).
            #expect(byName.count == first.metrics[scope]?.count)
            #expect(byName.count > 20)
            for (name, d) in byName {
                #expect(d.perReplication == [0, 0, 0], "\(name)")
                #expect(d.ci95Low == 0 && d.ci95High == 0, "\(name)")
            }
        }
    }

    /// Common random numbers: more cubicles change waits but not arrivals,
    /// so arrival differences are exactly zero and the paired interval of
    /// the change in waits is narrower than the two separate intervals.
    @Test func commonRandomNumbersMakePairedDifferencesSharp() throws {
        let runner = ReplicationRunner(threads: 2)
        let base = runner.run(try ExperimentTest.r2(), seed: 8, replications: 4)
        var moreConfig = try ExperimentTest.r2([("sites.ED.streams.cubicles.servers", "17")])
        moreConfig.name = "17 cubicles"
        let more = runner.run(moreConfig, seed: 8, replications: 4)
        let comparison = Comparison(options: [base, more])
        let d = try #require(comparison.differences["17 cubicles"]?[.system])
        #expect(d["ae_attendances_per_day"]?.perReplication == [0, 0, 0, 0])
        let wait = try #require(d["ae_wait_for_cubicle_mean_min"])
        #expect(wait.ci95High < 0)   // more cubicles, shorter waits, in every pairing
        let separate = try #require(base.summary("ae_wait_for_cubicle_mean_min")).halfWidth
            + (try #require(more.summary("ae_wait_for_cubicle_mean_min")).halfWidth)
        #expect(wait.halfWidth < separate)
    }

    @Test func aSingleOptionHasNoDifferences() {
        let only = Self.result("only", [["a": 1], ["a": 2]])
        #expect(Comparison(options: [only]).differences.isEmpty)
    }
}
