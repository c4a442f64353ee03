import FlowSim
import FlowSimTestSupport

/// Small scenario runs and hand-made replication results for the tests of
/// the experiments layer.
enum ExperimentTest {
    /// R2 shortened to a few days (debug builds run the model slowly).
    static func r2(_ overrides: [(path: String, yaml: String)] = []) throws -> ModelConfig {
        try Scenario.load(path: PackagePaths.r2,
                          overrides: [("run.warmup", "3 days"), ("run.horizon", "5 days")] + overrides).config
    }

    /// A replication result with the given metric values in every scope.
    static func replication(_ values: [String: Double], scopes: [Scope] = [.system, .site("ED")],
                            journeys: Int = 10) -> ReplicationResult {
        let metrics = values.keys.sorted().map { MetricCatalogue.metric(named: $0) ?? .uncatalogued($0) }
        return ReplicationResult(layout: MetricLayout(scopes: scopes, metrics: metrics),
                                 values: Dictionary(uniqueKeysWithValues: scopes.map { ($0, values) }),
                                 measuredJourneys: journeys, eventsHandled: 100,
                                 arrived: journeys, left: journeys, stillInside: 0)
    }
}

/// The metrics every results document must carry for A&E (issue 2, item 10).
let requiredAEMetrics = [
    "ae_attendances_per_day", "ae_wait_for_cubicle_mean_min", "ae_p_wait", "ae_time_in_dept_mean_min",
    "ae_time_in_dept_p95_min", "ae_within_4h", "ae_breaches_4h", "cubicle_occupancy_mean",
    "bed_occupancy_mean", "admissions_per_day",
]
