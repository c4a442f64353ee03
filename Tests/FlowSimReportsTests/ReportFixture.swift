import FlowSimExperiments
import Foundation

/// Results documents made by hand for the tests of the reports. They are
/// read from `flowsim.results/1` JSON, the way a reader of saved results
/// gets them, so these tests need nothing of the layers that run models.
enum ReportFixture {
    /// A `flowsim.results/1` document, as the runner writes it.
    struct Document: Encodable {
        var schema = ExperimentResult.schemaID
        let scenario: String
        var seed: UInt64 = 7
        let replications: Int
        var warmup_days = 1.0
        var horizon_days = 5.0
        var patients = 30
        var wall_seconds = 0.0
        let metrics: [String: [String: MetricSummary]]
        let scopes: [[String: String]]
    }

    /// A result whose every scope has the given per-replication values.
    static func result(_ name: String, _ values: [String: [Double]], scopes: [String] = ["system", "ED"]) throws
        -> ExperimentResult {
        let summaries = values.mapValues { MetricSummary($0) }
        let document = Document(scenario: name, replications: values.values.first?.count ?? 1,
                                metrics: Dictionary(uniqueKeysWithValues: scopes.map { ($0, summaries) }),
                                scopes: scopes.map { $0 == "system" ? ["key": $0, "kind": "system"]
                                                                    : ["key": $0, "kind": "site", "id": $0] })
        return try JSONDecoder().decode(ExperimentResult.self, from: JSONEncoder().encode(document))
    }
}
