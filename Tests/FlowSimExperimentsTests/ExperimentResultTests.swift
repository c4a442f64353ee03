import FlowSim
import FlowSimTestSupport
import Foundation
import Testing

/// The results document (schema "flowsim.results/1").
@Suite struct ExperimentResultTests {
    @Test func summarisesEveryScopeAndMetricAcrossReplications() throws {
        let runs = [
            ExperimentTest.replication(["x": 1, "y": 5], journeys: 10),
            ExperimentTest.replication(["x": 3, "y": 5], journeys: 12),
        ]
        let r = ExperimentResult(scenario: "s", seed: 9, warmupDays: 2, horizonDays: 7, runs: runs, wallSeconds: 1.5)
        #expect(r.schema == "flowsim.results/1")
        #expect(r.replications == 2 && r.patients == 22 && r.events == 200)
        #expect(r.scopes == [.system, .site("ED")])
        #expect(r.metricNames == ["x", "y"])
        #expect(r.summary("x")?.perReplication == [1, 3])
        #expect(r.summary("x", scopeKey: "ED")?.mean == 2)
        #expect(r.summary("y")?.ci95Low == 5 && r.summary("y")?.ci95High == 5)
        #expect(r.summary("nope") == nil)
    }

    @Test func jsonHasTheDocumentedTopLevelKeysAndRoundTrips() throws {
        let config = try ExperimentTest.r2()
        let result = ReplicationRunner(threads: 2).run(config, seed: 1, replications: 2)
        let data = try JSONReport.encode(result)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["schema", "scenario", "seed", "replications", "warmup_days", "horizon_days",
                                     "patients", "wall_seconds", "metrics", "scopes", "unstable_replications"])
        #expect(object["schema"] as? String == "flowsim.results/1")
        #expect(object["replications"] as? Int == 2)
        #expect(object["warmup_days"] as? Double == 3)
        #expect(object["horizon_days"] as? Double == 5)
        let metrics = try #require(object["metrics"] as? [String: [String: [String: Any]]])
        #expect(Set(metrics.keys) == ["system", "ED"])
        for scope in ["system", "ED"] {
            for name in requiredAEMetrics {
                let m = try #require(metrics[scope]?[name], "missing \(scope).\(name)")
                #expect(Set(m.keys) == ["mean", "ci95_low", "ci95_high", "per_replication", "median", "p10", "p90",
                                         "bounded_ci95_low", "bounded_ci95_high"])
                #expect((m["per_replication"] as? [Double])?.count == 2)
            }
        }
        // Sorted keys: the same results always give the same bytes.
        #expect(try JSONReport.encode(result) == data)
        let decoded = try JSONDecoder().decode(ExperimentResult.self, from: data)
        #expect(decoded.metrics == result.metrics)
        #expect(decoded.patients == result.patients && decoded.seed == result.seed)
        #expect(decoded.scopes == [.system, .site("ED")])
    }

    @Test func withinFourHoursIsAFractionAndBreachesACount() throws {
        let config = try ExperimentTest.r2()
        let result = ReplicationRunner(threads: 2).run(config, seed: 2, replications: 2)
        let within = try #require(result.summary("ae_within_4h")).perReplication
        let breaches = try #require(result.summary("ae_breaches_4h")).perReplication
        #expect(within.allSatisfy { (0...1).contains($0) })
        #expect(breaches.allSatisfy { $0 == $0.rounded() && $0 >= 0 })
    }
}
