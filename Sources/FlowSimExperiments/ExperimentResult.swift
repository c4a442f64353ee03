import FlowSimModel

/// The results of one scenario over its replications: the document behind
/// `flowsim run --json` (schema "flowsim.results/1", see docs/results.md).
public struct ExperimentResult: Sendable, Codable {
    public static let schemaID = "flowsim.results/1"

    public var schema: String = ExperimentResult.schemaID
    public let scenario: String
    public let seed: UInt64
    public let replications: Int
    public let warmupDays: Double
    public let horizonDays: Double
    /// Completed patient journeys measured, all replications together.
    public let patients: Int
    public var wallSeconds: Double
    /// metrics[scope][metric]; scopes are "system" and the site ids.
    public let metrics: [String: [String: MetricSummary]]
    /// Scopes and metric names in report order (not in the JSON).
    public let scopes: [String]
    /// "system" and the sites: what tables show by default.
    public let mainScopes: [String]
    public let metricNames: [String]
    /// Events handled, all replications together (for speed reports).
    public let events: Int

    enum CodingKeys: String, CodingKey {
        case schema, scenario, seed, replications, warmupDays = "warmup_days", horizonDays = "horizon_days",
             patients, wallSeconds = "wall_seconds", metrics
    }

    public init(scenario: String, seed: UInt64, warmupDays: Double, horizonDays: Double,
                runs: [ReplicationResult], wallSeconds: Double) {
        precondition(!runs.isEmpty)
        self.scenario = scenario
        self.seed = seed
        replications = runs.count
        self.warmupDays = warmupDays
        self.horizonDays = horizonDays
        patients = runs.reduce(0) { $0 + $1.measuredJourneys }
        events = runs.reduce(0) { $0 + $1.eventsHandled }
        self.wallSeconds = wallSeconds
        scopes = runs[0].scopes
        mainScopes = runs[0].mainScopes.isEmpty ? runs[0].scopes : runs[0].mainScopes
        metricNames = runs[0].metricNames
        var metrics: [String: [String: MetricSummary]] = [:]
        for scope in scopes {
            var byName: [String: MetricSummary] = [:]
            // A metric absent from a scope (the ambulance service has no
            // per-site figures) is left out of that scope.
            for name in metricNames where runs[0].values[scope]?[name] != nil {
                byName[name] = MetricSummary(runs.map { $0.values[scope]?[name] ?? 0 })
            }
            metrics[scope] = byName
        }
        self.metrics = metrics
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schema = try c.decode(String.self, forKey: .schema)
        scenario = try c.decode(String.self, forKey: .scenario)
        seed = try c.decode(UInt64.self, forKey: .seed)
        replications = try c.decode(Int.self, forKey: .replications)
        warmupDays = try c.decode(Double.self, forKey: .warmupDays)
        horizonDays = try c.decode(Double.self, forKey: .horizonDays)
        patients = try c.decode(Int.self, forKey: .patients)
        wallSeconds = try c.decode(Double.self, forKey: .wallSeconds)
        metrics = try c.decode([String: [String: MetricSummary]].self, forKey: .metrics)
        scopes = ["system"] + metrics.keys.filter { $0 != "system" }.sorted()
        metricNames = metrics["system"].map { Array($0.keys).sorted() } ?? []
        mainScopes = scopes.filter { !$0.contains("@") }
        events = 0
    }

    public func summary(_ metric: String, scope: String = "system") -> MetricSummary? { metrics[scope]?[metric] }
}
