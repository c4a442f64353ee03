import Foundation
import FlowSimCore
import FlowSimModel
import FlowSimScenario

/// Capacity sizing (`flowsim size`, docs/sizing.md): the least capacity
/// of each knob that meets a set of standards with confidence, or the best
/// placement of today's beds for one measure.
///
/// Every candidate runs replications 0..<n from the same seed (common
/// random numbers), so candidates differ only by their capacity; each
/// (candidate, replication) is run at most once and kept.
public final class Sizer: @unchecked Sendable {
    public struct Settings: Sendable {
        public var seed: UInt64
        /// Replications of a decision (at least 2).
        public var replications: Int
        /// One-sided confidence of "meets the standard" (0.95).
        public var confidence: Double = 0.95
        public var threads: Int? = nil
        /// Beds of a ward, peak cubicles of a stream, peak vehicles: the
        /// most a search may give one knob (nil: twice today's, and at least today's + 10).
        public var ceilings: [CapacityKnob.Kind: Int] = [:]
        /// The most search rounds (each a batch of candidates).
        public var maxRounds: Int = 60
        public init(seed: UInt64, replications: Int) {
            self.seed = seed
            self.replications = replications
        }
    }

    public let document: ScenarioDocument
    public let knobs: [CapacityKnob]
    public let standards: [ResolvedStandard]
    public let settings: Settings
    let baseline: [String: [Double]]
    let runner: ReplicationRunner
    let lock = NSLock()
    /// cache[levels][replication] = the values the search reads.
    var cache: [[Int]: [Int: [String: Double]]] = [:]
    public private(set) var replicationsRun = 0
    public private(set) var replicationsReused = 0
    let started = Date()

    /// The (scope, metric) values read from each replication.
    let watched: [(scope: Scope, metric: String)]

    /// - Parameters:
    ///   - document: the scenario with any `--set` overrides applied.
    ///   - baseline: per-replication values of the baseline scenario for
    ///     baseline-relative standards, keyed by `Sizer.key(scope, metric)`.
    public init(document: ScenarioDocument, knobs: [CapacityKnob], standards: [ResolvedStandard],
                objective: (scope: Scope, metric: String)? = nil, baseline: [String: [Double]] = [:],
                settings: Settings) throws {
        guard settings.replications >= 2 else {
            throw SizingError("sizing needs at least 2 replications (a confidence bound needs a spread); got \(settings.replications)")
        }
        guard !knobs.isEmpty else { throw SizingError("nothing to vary") }
        self.document = document
        self.knobs = knobs
        self.standards = standards
        self.settings = settings
        self.baseline = baseline
        runner = ReplicationRunner(threads: settings.threads)
        var watched = standards.map { ($0.scope, $0.metric.name) }
        if let objective { watched.append(objective) }
        self.watched = watched
        for s in standards where s.isBaselineRelative {
            guard baseline[Self.key(s.scope, s.metric.name)]?.count == settings.replications else {
                throw SizingError("standard '\(s.standard.text)' is relative to the baseline: give the baseline scenario with --baseline FILE (it must report \(s.metric.name) at \(s.scope.key))")
            }
        }
    }

    public static func key(_ scope: Scope, _ metric: String) -> String { "\(scope.key)\u{1F}\(metric)" }

    public var today: [Int] { knobs.map(\.today) }

    public func ceiling(_ knob: CapacityKnob) -> Int {
        settings.ceilings[knob.kind] ?? max(2 * knob.today, knob.today + 10)
    }

    public var wallSeconds: Double { Date().timeIntervalSince(started) }
    public var candidatesEvaluated: Int { synced { cache.count } }

    /// The scenario with every knob at `levels`.
    public func config(_ levels: [Int]) throws -> ModelConfig {
        let overrides = zip(knobs, levels).map { ($0.path, $0.yaml(at: $1)) }
        return try Scenario.from(document.overriding(overrides)).config
    }

    /// Runs replications 0..<n of every candidate (those not yet run), all
    /// on one pool of threads, and returns each candidate's values.
    func evaluate(_ candidates: [[Int]], replications n: Int) throws -> [[[String: Double]]] {
        var unique: [[Int]] = []
        for c in candidates where !unique.contains(c) { unique.append(c) }
        var jobs: [(config: Int, replication: Int)] = []
        var configs: [ModelConfig] = []
        for c in unique {
            let have = synced { cache[c] ?? [:] }
            let missing = (0..<n).filter { have[$0] == nil }
            replicationsReused += n - missing.count
            guard !missing.isEmpty else { continue }
            configs.append(try config(c))
            jobs += missing.map { (configs.count - 1, $0) }
        }
        let keys = unique.filter { c in synced { (0..<n).contains { cache[c]?[$0] == nil } } }
        let watched = self.watched, seed = settings.seed
        let frozenConfigs = configs, frozenJobs = jobs
        let results = runner.map(jobs.count) { j -> [String: Double] in
            let job = frozenJobs[j]
            let r = Replication.run(frozenConfigs[job.config], seed: seed, replication: job.replication)
            var v: [String: Double] = [:]
            for w in watched { v[Self.key(w.scope, w.metric)] = r.values[w.scope]?[w.metric] ?? 0 }
            return v
        }
        replicationsRun += jobs.count
        synced {
            for (j, job) in jobs.enumerated() { cache[keys[job.config], default: [:]][job.replication] = results[j] }
        }
        return candidates.map { c in synced { (0..<n).map { cache[c]![$0]! } } }
    }

    // MARK: Verdicts

    public enum Verdict: String, Sendable, Codable { case met, failed, undecided }

    /// A standard's reading in one candidate: the mean, the one-sided
    /// bound on the side that must satisfy the target, and the verdict.
    public struct Reading: Sendable {
        public let mean: Double
        /// The one-sided `confidence` bound of the mean (of the paired
        /// difference from the baseline, for baseline-relative standards).
        public let bound: Double
        public let verdict: Verdict
    }

    func tOneSided(_ n: Int) -> Double {
        ConfidenceInterval.tCritical(confidence: 1 - 2 * (1 - settings.confidence), degreesOfFreedom: n - 1)
    }

    /// Met: the one-sided bound satisfies the target. Failed: the bound on
    /// the other side is already beyond it (more replications would not
    /// help much). Undecided otherwise.
    public func reading(_ s: ResolvedStandard, _ values: [[String: Double]]) -> Reading {
        let key = Self.key(s.scope, s.metric.name)
        var x = values.map { $0[key] ?? 0 }
        if s.isBaselineRelative, let b = baseline[key] { x = zip(x, b).map { $0 - $1 } }
        var tally = Tally()
        for v in x { tally.add(v) }
        let half = x.count > 1 ? tOneSided(x.count) * tally.standardError : .infinity
        let target = s.threshold
        switch s.standard.relation {
        case .atMost:
            let bound = tally.mean + half
            return Reading(mean: tally.mean, bound: bound,
                           verdict: bound <= target ? .met : (tally.mean - half > target ? .failed : .undecided))
        case .atLeast:
            let bound = tally.mean - half
            return Reading(mean: tally.mean, bound: bound,
                           verdict: bound >= target ? .met : (tally.mean + half < target ? .failed : .undecided))
        }
    }

    /// Whether standard `s` bears on knob `k`: a ward's (stream's) metric
    /// on that ward's beds (stream's cubicles) at the same site, or at
    /// every site for a system figure; any other site figure on every knob
    /// of the site and the fleet; any other system figure on every knob.
    public func bears(_ s: ResolvedStandard, on k: CapacityKnob) -> Bool {
        let sameSite = s.scope.kind == .system || s.scope.id == k.site || k.site == nil
        switch s.metric.definition.dimension {
        case .ward?: return k.kind == .beds && s.metric.part == k.id && (s.scope.kind == .system || s.scope.id == k.site)
        case .stream?: return k.kind == .cubicles && s.metric.part == k.id && (s.scope.kind == .system || s.scope.id == k.site)
        default: return sameSite
        }
    }
}

extension Sizer {
    func synced<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock(); defer { lock.unlock() }
        return try body()
    }
}
