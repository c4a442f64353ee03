import Foundation
import FlowSimCore
import FlowSimModel
import FlowSimScenario

/// A precision asked of one measure: its 95% interval's half-width at most
/// `value` (absolute) or `value` times the mean's magnitude (relative).
public struct PrecisionTarget: Sendable, Hashable, Codable {
    public let metric: String
    /// The scope's file key ("system", a site id).
    public let scopeKey: String
    public let value: Double
    public let relative: Bool

    enum CodingKeys: String, CodingKey { case metric, scopeKey = "scope", value, relative }

    public init(metric: String, scopeKey: String = "system", value: Double, relative: Bool) {
        self.metric = metric
        self.scopeKey = scopeKey
        self.value = value
        self.relative = relative
    }

    /// Reads `metric=0.005`, `metric=2%` or `SCOPE:metric=...`; nil with a
    /// reason when the text is not of that form.
    public static func parse(_ text: String) -> Result<PrecisionTarget, PrecisionParseError> {
        guard let eq = text.lastIndex(of: "=") else { return .failure(.init("expected metric=half-width, e.g. ae_within_4h=0.005 or ae_time_in_dept_mean_min=2%")) }
        let name = text[..<eq].trimmingCharacters(in: .whitespaces)
        var number = text[text.index(after: eq)...].trimmingCharacters(in: .whitespaces)
        let relative = number.hasSuffix("%")
        if relative { number.removeLast() }
        guard let value = Double(number), value.isFinite, value > 0 else {
            return .failure(.init("'\(number)' is not a half-width > 0 (a number, or a percentage such as 2%)"))
        }
        let (scope, metric) = MeasureName.split(name)
        guard !metric.isEmpty else { return .failure(.init("no metric name before '='")) }
        return .success(PrecisionTarget(metric: metric, scopeKey: scope, value: relative ? value / 100 : value,
                                        relative: relative))
    }

    /// The half-width allowed for an interval around `mean`.
    public func allowed(mean: Double) -> Double { relative ? value * abs(mean) : value }

    public var description: String {
        let scope = scopeKey == "system" ? "" : "\(scopeKey):"
        return relative ? "\(scope)\(metric) ±\(value * 100)%" : "\(scope)\(metric) ±\(value)"
    }
}

public struct PrecisionParseError: Error, Sendable {
    public let message: String
    init(_ message: String) { self.message = message }
}

/// `SCOPE:metric` or `metric` (the system).
public enum MeasureName {
    public static func split(_ name: String) -> (scope: String, metric: String) {
        guard let colon = name.lastIndex(of: ":") else { return ("system", name) }
        let scope = String(name[..<colon]).trimmingCharacters(in: .whitespaces)
        return (scope.isEmpty ? "system" : scope, String(name[name.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
    }
}

/// How a sequential run ended: the document added as `precision` to a
/// comparison, and printed by `run` and `compare`.
public struct PrecisionOutcome: Sendable, Codable {
    public struct Check: Sendable, Codable {
        public let option: String
        public let target: PrecisionTarget
        public let mean: Double
        public let halfWidth: Double
        public let allowed: Double
        public var met: Bool { halfWidth <= allowed }

        enum CodingKeys: String, CodingKey { case option, target, mean, halfWidth = "half_width", allowed, met }

        public init(option: String, target: PrecisionTarget, mean: Double, halfWidth: Double, allowed: Double) {
            self.option = option
            self.target = target
            self.mean = mean
            self.halfWidth = halfWidth
            self.allowed = allowed
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            option = try c.decode(String.self, forKey: .option)
            target = try c.decode(PrecisionTarget.self, forKey: .target)
            mean = try c.decode(Double.self, forKey: .mean)
            halfWidth = try c.decodeIfPresent(Double.self, forKey: .halfWidth) ?? .infinity
            allowed = try c.decode(Double.self, forKey: .allowed)
        }
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(option, forKey: .option)
            try c.encode(target, forKey: .target)
            try c.encode(mean, forKey: .mean)
            // An infinite half-width (one replication) is left out.
            if halfWidth.isFinite { try c.encode(halfWidth, forKey: .halfWidth) }
            try c.encode(allowed, forKey: .allowed)
            try c.encode(met, forKey: .met)
        }
    }

    public let method: String
    /// Replications run, per option (the same for every option).
    public let replications: Int
    /// The replication counts at which the targets were checked.
    public let checkedAt: [Int]
    public let reached: Bool
    public let maximum: Int
    /// The checks at the last count.
    public let checks: [Check]

    enum CodingKeys: String, CodingKey {
        case method, replications, checkedAt = "checked_at", reached, maximum = "max_replications", checks
    }

    public static let methodName =
        "sequential replications to a stated 95% half-width (Hoad, Robinson and Davies 2010), in batches, without look-ahead"
}

/// Replications added in batches until every target is met (Hoad,
/// Robinson and Davies 2010's sequential procedure, in batches): the
/// replications are 0, 1, ... in order whatever the threads, so the result
/// equals a fixed run of the same count.
public enum SequentialReplications {
    /// The counts at which the targets are checked: `initial`, then every
    /// `batch` more, the last `maximum`.
    public static func checkpoints(initial: Int, batch: Int, maximum: Int) -> [Int] {
        precondition(initial >= 1 && batch >= 1 && maximum >= 1)
        var out = [min(initial, maximum)]
        while out.last! < maximum { out.append(min(out.last! + batch, maximum)) }
        return out
    }

    /// The checks of `targets` against each option's results.
    public static func check(_ targets: [PrecisionTarget], options: [ExperimentResult]) -> [PrecisionOutcome.Check] {
        options.flatMap { option in
            targets.map { target in
                let summary = option.summary(target.metric, scopeKey: target.scopeKey)
                let mean = summary?.mean ?? 0
                // One replication has no interval: never met.
                let half = option.replications < 2 ? Double.infinity : (summary?.halfWidth ?? .infinity)
                return PrecisionOutcome.Check(option: option.scenario, target: target, mean: mean, halfWidth: half,
                                              allowed: target.allowed(mean: mean))
            }
        }
    }

    /// Runs every configuration with common random numbers, `initial`
    /// replications first, then `batch` more at a time, until every target
    /// is met for every option or `maximum` replications have run.
    public static func run(configs: [ModelConfig], seed: UInt64, targets: [PrecisionTarget], initial: Int, batch: Int,
                           maximum: Int, runner: ReplicationRunner,
                           progress: (@Sendable (Int, Int) -> Void)? = nil) -> (results: [ExperimentResult], outcome: PrecisionOutcome) {
        let start = Date()
        var runs: [[ReplicationResult]] = configs.map { _ in [] }
        var done = 0
        var checkedAt: [Int] = []
        var results: [ExperimentResult] = []
        var checks: [PrecisionOutcome.Check] = []
        let layouts = configs.map(MetricLayout.init)
        for count in checkpoints(initial: initial, batch: batch, maximum: maximum) {
            let first = done, width = count - done
            let total = configs.count * width
            let jobs = runner.map(total, progress: progress.map { p in { @Sendable done, _ in p(done, total) } }) { job in
                Replication.run(configs[job / width], seed: seed, replication: first + job % width,
                                layout: layouts[job / width])
            }
            for i in configs.indices { runs[i] += jobs[(i * width)..<((i + 1) * width)] }
            done = count
            checkedAt.append(count)
            let wall = Date().timeIntervalSince(start)
            results = zip(configs, runs).map { config, runs in
                ExperimentResult(scenario: config.name, seed: seed, warmupDays: config.warmup / CalendarTime.minutesPerDay,
                                 horizonDays: config.horizon / CalendarTime.minutesPerDay, runs: runs, wallSeconds: wall)
            }
            checks = check(targets, options: results)
            if checks.allSatisfy(\.met) { break }
        }
        let outcome = PrecisionOutcome(method: PrecisionOutcome.methodName, replications: done, checkedAt: checkedAt,
                                       reached: checks.allSatisfy(\.met), maximum: maximum, checks: checks)
        return (results, outcome)
    }

    /// The targets' problems for these configurations (unknown metric or
    /// scope), with the metric names they do report.
    public static func problems(_ targets: [PrecisionTarget], configs: [ModelConfig]) -> [String] {
        var out: [String] = []
        for target in targets {
            for config in configs {
                let layout = MetricLayout(config)
                guard let scope = layout.scopes.first(where: { $0.key == target.scopeKey }) else {
                    out.append("'\(target.scopeKey)' is not a scope of \(config.name) (system or a site id)")
                    break
                }
                let names = layout.metrics(at: scope).map(\.name)
                if !names.contains(target.metric) {
                    out.append("'\(target.metric)' is not a metric at \(target.scopeKey)\(DidYouMean.hint(for: target.metric, among: names))")
                    break
                }
            }
        }
        return out
    }
}

extension Comparison {
    /// Runs every scenario with common random numbers, adding replications
    /// in batches until every target is met for every option (or `maximum`
    /// have run), and compares each with the first; `precision` says how
    /// many it took.
    public static func runToPrecision(_ scenarios: [Scenario], seed: UInt64, targets: [PrecisionTarget], initial: Int,
                                      batch: Int, maximum: Int, runner: ReplicationRunner = ReplicationRunner(),
                                      progress: (@Sendable (Int, Int) -> Void)? = nil) -> Comparison {
        let ids = ComparedOption.identify(names: scenarios.map(\.config.name), files: scenarios.map(\.file))
        let configs = zip(scenarios, ids).map { scenario, id -> ModelConfig in
            var config = scenario.config
            config.name = id.label
            return config
        }
        var (results, outcome) = SequentialReplications.run(configs: configs, seed: seed, targets: targets, initial: initial,
                                                            batch: batch, maximum: maximum, runner: runner, progress: progress)
        for i in results.indices { results[i].wallSeconds = 0 }
        var comparison = Comparison(options: results, ids: ids)
        comparison.precision = outcome
        return comparison
    }
}
