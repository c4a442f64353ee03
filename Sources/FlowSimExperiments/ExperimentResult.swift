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
    /// metrics[scope][metric name].
    public let metrics: [Scope: [String: MetricSummary]]
    /// Scopes in report order (in the JSON as `scopes`, with their kinds).
    public let scopes: [Scope]
    /// The system and the sites: what tables show by default.
    public let mainScopes: [Scope]
    /// Metric names in report order (not in the JSON).
    public let metricNames: [String]
    /// Events handled, all replications together (for speed reports).
    public let events: Int

    enum CodingKeys: String, CodingKey {
        case schema, scenario, seed, replications, warmupDays = "warmup_days", horizonDays = "horizon_days",
             patients, wallSeconds = "wall_seconds", metrics, scopes, roadTimes = "road_times"
        case unstableReplications = "unstable_replications"
    }

    /// Said in every output that shows road times (network scenarios only).
    public static let roadTimesNote = "road and blue-light times are approximations from coordinates (great-circle distance × road factor at a set speed) unless the scenario gives network.travel.matrix"

    /// Whether the results hold travel and access figures.
    public var showsRoadTimes: Bool { metrics[.system]?["travel_to_specialist_mean_min"] != nil }

    public init(scenario: String, seed: UInt64, warmupDays: Double, horizonDays: Double,
                runs: [ReplicationResult], wallSeconds: Double) {
        self.init(scenario: scenario, seed: seed, warmupDays: warmupDays, horizonDays: horizonDays, runs: runs,
                  wallSeconds: wallSeconds, summarising: { count, summary in (0..<count).map(summary) })
    }

    /// - Parameter summarising: runs `count` independent summaries and
    ///   returns them in order; `ReplicationRunner` spreads them over its
    ///   threads (several hundred, each with its bootstrap: serial, they
    ///   were 2% of R2's ten replications on one thread and capped what a
    ///   second thread could gain).
    init(scenario: String, seed: UInt64, warmupDays: Double, horizonDays: Double,
         runs: [ReplicationResult], wallSeconds: Double,
         summarising: (Int, @Sendable (Int) -> MetricSummary) -> [MetricSummary]) {
        precondition(!runs.isEmpty)
        self.scenario = scenario
        self.seed = seed
        replications = runs.count
        self.warmupDays = warmupDays
        self.horizonDays = horizonDays
        patients = runs.reduce(0) { $0 + $1.measuredJourneys }
        events = runs.reduce(0) { $0 + $1.eventsHandled }
        self.wallSeconds = wallSeconds
        let layout = runs[0].layout
        scopes = layout.scopes
        mainScopes = layout.mainScopes
        metricNames = layout.metrics.map(\.name)
        // A metric absent from a scope (the ambulance service has no
        // per-site figures) is left out of that scope.
        let jobs = layout.scopes.flatMap { scope in layout.metrics(at: scope).map { (scope, $0) } }
        let resampling = BootstrapResampling(count: runs.count)
        let summaries = summarising(jobs.count) { j in
            let (scope, metric) = jobs[j]
            return MetricSummary(runs.map { $0.values[scope]?[metric.name] ?? 0 },
                                 bounds: MetricSummary.Bounds(metric.unit), resampling: resampling)
        }
        var metrics: [Scope: [String: MetricSummary]] = Dictionary(uniqueKeysWithValues: scopes.map { ($0, [:]) })
        for ((scope, metric), summary) in zip(jobs, summaries) { metrics[scope]![metric.name] = summary }
        self.metrics = metrics
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schema, forKey: .schema)
        try c.encode(scenario, forKey: .scenario)
        try c.encode(seed, forKey: .seed)
        try c.encode(replications, forKey: .replications)
        try c.encode(warmupDays, forKey: .warmupDays)
        try c.encode(horizonDays, forKey: .horizonDays)
        try c.encode(patients, forKey: .patients)
        try c.encode(wallSeconds, forKey: .wallSeconds)
        try c.encode(metrics.keyedByFileName, forKey: .metrics)
        try c.encode(scopes.map(ScopeEntry.init), forKey: .scopes)
        // Only when the scenario reports the flag, so other documents keep their bytes.
        let unstable = unstableReplicationsByScope
        if !unstable.isEmpty {
            try c.encode(Dictionary(uniqueKeysWithValues: unstable.map { ($0.scope.key, $0.count) }),
                         forKey: .unstableReplications)
        }
        if showsRoadTimes { try c.encode(Self.roadTimesNote, forKey: .roadTimes) }
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
        let byKey = try c.decode([String: [String: MetricSummary]].self, forKey: .metrics)
        let entries = try c.decode([ScopeEntry].self, forKey: .scopes)
        scopes = entries.map(\.scope)
        var metrics: [Scope: [String: MetricSummary]] = [:]
        for entry in entries {
            guard let values = byKey[entry.key] else {
                throw DecodingError.dataCorruptedError(forKey: .metrics, in: c,
                                                       debugDescription: "scope '\(entry.key)' has no metrics")
            }
            metrics[entry.scope] = values
        }
        self.metrics = metrics
        mainScopes = scopes.filter { !$0.isPeriod && ($0.kind == .system || $0.kind == .site) }
        // Report order: catalogue order, then names the catalogue does not know.
        let names = Set(metrics.values.flatMap(\.keys))
        let known = MetricCatalogue.all.flatMap { d in names.filter { d.metric(named: $0) != nil }.sorted() }
        var seen = Set<String>()
        metricNames = (known + names.sorted()).filter { seen.insert($0).inserted }
        events = 0
    }

    public func summary(_ metric: String, scope: Scope = .system) -> MetricSummary? { metrics[scope]?[metric] }

    /// The scope whose file key is `key` (a name a user typed), if any.
    public func scope(key: String) -> Scope? { scopes.first { $0.key == key } }

    public func summary(_ metric: String, scopeKey key: String) -> MetricSummary? {
        scope(key: key).flatMap { summary(metric, scope: $0) }
    }

    /// The catalogue metric that flags a replication whose queue or
    /// occupancy kept growing over the measured window at a scope (1.0 in
    /// such a replication, else 0.0).
    public static let unstableMetric = "unstable_replication"

    /// How many of the replications were unstable at `scope`: k of
    /// `replications`, or nil when the results do not carry the flag there.
    public func unstableReplications(at scope: Scope) -> Int? {
        summary(Self.unstableMetric, scope: scope).map { $0.perReplication.filter { $0 >= 0.5 }.count }
    }

    /// Every scope that carries the flag, in report order, with its count.
    public var unstableReplicationsByScope: [(scope: Scope, count: UnstableCount)] {
        scopes.compactMap { scope in
            unstableReplications(at: scope).map { (scope, UnstableCount(count: $0, of: replications)) }
        }
    }

    /// The reporting periods, in order (empty for a run of a year or less).
    public var periods: [String] {
        var seen = Set<String>()
        return scopes.compactMap(\.period).filter { seen.insert($0).inserted }
    }
}

/// "k of n replications unstable" at one scope, as the results document
/// writes it under `unstable_replications`.
public struct UnstableCount: Sendable, Codable, Equatable {
    public let count: Int
    public let of: Int
}

/// A scope as the results document lists it: its key and what it is.
struct ScopeEntry: Codable {
    let key: String
    let kind: Scope.Kind
    let id: String?
    let period: String?

    init(_ scope: Scope) {
        key = scope.key
        kind = scope.kind
        id = scope.kind == .system ? nil : scope.id
        period = scope.period
    }

    var scope: Scope { Scope(kind: kind, id: id ?? "", period: period) }
}
