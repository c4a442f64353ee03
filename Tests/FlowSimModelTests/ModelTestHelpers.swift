import FlowSim
import FlowSimTestSupport
import Foundation
import Testing

/// Shared helpers of the model tests: loading shortened reference
/// scenarios, running replications, and comparing an estimate with a
/// theoretical value in units of its standard error across replications.
enum ModelTest {
    static let day = 1_440.0

    /// A reference scenario with its run shortened for debug-mode tests.
    static func load(_ path: String, warmupDays: Int? = nil, horizonDays: Int,
                     _ more: [(path: String, yaml: String)] = []) throws -> ModelConfig {
        var overrides: [(path: String, yaml: String)] = [("run.horizon", "\(horizonDays) days")]
        if let warmupDays { overrides.append(("run.warmup", "\(warmupDays) days")) }
        return try Scenario.load(path: path, overrides: overrides + more).config
    }

    /// Replications on two threads (the CI machine's cores).
    static func run(_ config: ModelConfig, replications: Int, seed: UInt64 = 1) -> ExperimentResult {
        ReplicationRunner(threads: 2).run(config, seed: seed, replications: replications)
    }

    /// A single-site configuration built directly, without a scenario file.
    static func singleSite(name: String = "test", warmupDays: Double = 0, horizonDays: Double,
                           triage: StageConfig? = nil, cubicles: StageConfig, beds: Int? = nil,
                           groups: [PatientGroupConfig], rate: RateProfile,
                           mix: [(group: String, share: Double)]) -> ModelConfig {
        let site = SiteConfig(id: "ED", name: "Test A&E", triage: triage,
                              streams: [StreamConfig(id: "cubicles", treatment: cubicles)],
                              wards: beds.map { [WardConfig(id: "general", beds: $0)] } ?? [])
        return ModelConfig(name: name, warmup: warmupDays * day, horizon: horizonDays * day, sites: [site],
                           groups: groups,
                           arrivals: [ArrivalSourceConfig(id: "walk_in", site: "ED", rate: rate, mix: mix)])
    }
}

/// An estimate across replications compared with theory.
struct Estimate: CustomStringConvertible {
    let metric: String
    let summary: MetricSummary
    let theory: Double

    init(_ result: ExperimentResult, _ metric: String, theory: Double, scope: String = "system") throws {
        self.metric = metric
        summary = try #require(result.summary(metric, scopeKey: scope), "no metric \(metric) in scope \(scope)")
        self.theory = theory
    }

    /// Standard error of the mean across replications.
    var standardError: Double {
        let n = Double(summary.perReplication.count)
        let m = summary.mean
        let v = summary.perReplication.map { ($0 - m) * ($0 - m) }.reduce(0, +) / (n - 1)
        return (v / n).squareRoot()
    }

    var z: Double { (summary.mean - theory) / standardError }

    var description: String {
        "\(metric): \(summary.mean) (SE \(standardError), 95% CI [\(summary.ci95Low), \(summary.ci95High)]) vs theory \(theory): z = \(z)"
    }
}

/// Expects the estimate within `z` standard errors of theory, and the
/// standard error below `sharpness` × theory so that the check has power.
func expectAgrees(_ e: Estimate, z: Double = 4, sharpness: Double = 0.05,
                  sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    #expect(abs(e.z) < z, "\(e)", sourceLocation: sourceLocation)
    #expect(e.standardError < sharpness * abs(e.theory), "too imprecise to test: \(e)", sourceLocation: sourceLocation)
}
