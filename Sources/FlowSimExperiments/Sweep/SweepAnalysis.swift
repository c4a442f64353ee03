import Foundation

/// The combined results of a finished sweep (schema
/// "flowsim.sweep-results/1"): per point and option, each summarised
/// metric's mean and 95% CI, and for sampled designs each option's outcome
/// distribution and probability of being best.
///
/// It holds no timing and no paths of the machine it was made on, so the
/// same sweep gives the same bytes however it was split into shards,
/// interrupted or threaded.
public struct SweepResults: Sendable, Codable {
    public static let schemaID = "flowsim.sweep-results/1"

    public var schema = SweepResults.schemaID
    public var sweep: SweepHeader
    public var options: [SweepOption]
    public var parameters: [SweepParameter]
    public var metrics: [String]
    public var scopes: [String]
    public var points: [Point]
    /// Present for random and Latin hypercube designs.
    public var uncertainty: UncertaintySummary?

    public struct Point: Sendable, Codable {
        public var point: Int
        public var id: String
        public var parameters: [String: Double]
        /// results[option label][scope][metric].
        public var results: [String: [String: [String: Cell]]]
    }

    public struct Cell: Sendable, Codable, Equatable {
        public var mean: Double
        public var ci95Low: Double
        public var ci95High: Double
        enum CodingKeys: String, CodingKey { case mean, ci95Low = "ci95_low", ci95High = "ci95_high" }
    }

    /// The value of `metric` at every point for one option, or nil where missing.
    public func means(option: String, scope: String, metric: String) -> [Double?] {
        points.map { $0.results[option]?[scope]?[metric]?.mean }
    }
}

public struct SweepHeader: Sendable, Codable, Equatable {
    public var name: String
    public var identity: String
    public var design: String
    public var points: Int
    public var replications: Int
    public var seed: UInt64
    public var warmupDays: Double?
    public var horizonDays: Double?

    enum CodingKeys: String, CodingKey {
        case name, identity, design, points, replications, seed, warmupDays = "warmup_days", horizonDays = "horizon_days"
    }
}

/// Each option's outcome over the sampled points (the spread of the point
/// means: parameter uncertainty, with replication noise averaged within
/// each point) and, if the sweep names a `best` metric, the share of
/// points at which each option is best on it.
public struct UncertaintySummary: Sendable, Codable {
    public struct Spread: Sendable, Codable, Equatable {
        public var mean: Double
        public var p5: Double
        public var p95: Double
    }

    public struct Best: Sendable, Codable {
        public var metric: String
        public var scope: String
        public var direction: BestCriterion.Direction
        /// probability[option label].
        public var probability: [String: Double]
    }

    public var points: Int
    /// outcomes[option label][scope][metric].
    public var outcomes: [String: [String: [String: Spread]]]
    public var best: Best?
}

/// Standardised regression and partial rank correlation coefficients of
/// every summarised metric on every parameter, per option and scope,
/// parameters ranked by |PRCC| (schema "flowsim.sweep-sensitivity/1").
public struct SweepSensitivity: Sendable, Codable {
    public static let schemaID = "flowsim.sweep-sensitivity/1"

    public var schema = SweepSensitivity.schemaID
    public var sweep: String
    public var points: Int
    public var rankedBy = "abs_prcc"
    public var entries: [Entry]

    public struct Entry: Sendable, Codable {
        public var option: String
        public var scope: String
        public var metric: String
        /// R² of the linear fit behind the SRCs.
        public var r2: Double?
        /// Ranked, most influential first.
        public var parameters: [Ranked]
    }

    public struct Ranked: Sendable, Codable, Equatable {
        public var parameter: String
        public var rank: Int
        public var src: Double?
        public var prcc: Double?
    }

    enum CodingKeys: String, CodingKey { case schema, sweep, points, rankedBy = "ranked_by", entries }
}

/// Turns a finished sweep's point documents into its combined outputs.
public enum SweepAnalysis {
    /// - Precondition: `points` holds exactly one document per plan point.
    public static func summarise(_ plan: SweepPlan, points documents: [SweepPointResult]) -> (SweepResults, SweepSensitivity) {
        let byNumber = Dictionary(documents.map { ($0.point, $0) }, uniquingKeysWith: { a, _ in a })
        precondition(byNumber.count == plan.points.count && plan.pointNumbers.allSatisfy { byNumber[$0] != nil })
        let ordered = plan.pointNumbers.map { byNumber[$0]! }

        let rows = ordered.map { document -> SweepResults.Point in
            var results: [String: [String: [String: SweepResults.Cell]]] = [:]
            for (option, result) in zip(plan.options, document.options) {
                var byScope: [String: [String: SweepResults.Cell]] = [:]
                for scope in plan.scopes {
                    var byMetric: [String: SweepResults.Cell] = [:]
                    for metric in plan.metrics {
                        guard let s = result.summary(metric, scopeKey: scope) else { continue }
                        byMetric[metric] = SweepResults.Cell(mean: s.mean, ci95Low: s.ci95Low, ci95High: s.ci95High)
                    }
                    if !byMetric.isEmpty { byScope[scope] = byMetric }
                }
                results[option.label] = byScope
            }
            return SweepResults.Point(point: document.point, id: document.id,
                                      parameters: plan.values(ofPoint: document.point), results: results)
        }
        let header = SweepHeader(name: plan.name, identity: plan.identity, design: plan.design.kind,
                                 points: plan.points.count, replications: plan.replications, seed: plan.seed,
                                 warmupDays: plan.warmupDays, horizonDays: plan.horizonDays)
        var results = SweepResults(sweep: header, options: plan.options, parameters: plan.parameters,
                                   metrics: plan.metrics, scopes: plan.scopes, points: rows, uncertainty: nil)
        if plan.design.isProbabilistic { results.uncertainty = uncertainty(plan, results) }
        return (results, sensitivity(plan, results))
    }

    static func uncertainty(_ plan: SweepPlan, _ results: SweepResults) -> UncertaintySummary {
        var outcomes: [String: [String: [String: UncertaintySummary.Spread]]] = [:]
        for option in plan.options {
            var byScope: [String: [String: UncertaintySummary.Spread]] = [:]
            for scope in plan.scopes {
                var byMetric: [String: UncertaintySummary.Spread] = [:]
                for metric in plan.metrics {
                    let values = results.means(option: option.label, scope: scope, metric: metric)
                    guard values.allSatisfy({ $0 != nil }), !values.isEmpty else { continue }
                    let v = values.map { $0! }
                    byMetric[metric] = .init(mean: v.reduce(0, +) / Double(v.count),
                                             p5: Uncertainty.quantile(v, 0.05), p95: Uncertainty.quantile(v, 0.95))
                }
                if !byMetric.isEmpty { byScope[scope] = byMetric }
            }
            outcomes[option.label] = byScope
        }
        var best: UncertaintySummary.Best?
        if let criterion = plan.best {
            let columns = plan.options.map { results.means(option: $0.label, scope: criterion.scope, metric: criterion.metric) }
            if columns.allSatisfy({ $0.allSatisfy { $0 != nil } }) {
                let p = Uncertainty.probabilityBest(columns.map { $0.map { $0! } }, direction: criterion.direction)
                best = .init(metric: criterion.metric, scope: criterion.scope, direction: criterion.direction,
                             probability: Dictionary(uniqueKeysWithValues: zip(plan.options.map(\.label), p)))
            }
        }
        return UncertaintySummary(points: plan.points.count, outcomes: outcomes, best: best)
    }

    static func sensitivity(_ plan: SweepPlan, _ results: SweepResults) -> SweepSensitivity {
        var entries: [SweepSensitivity.Entry] = []
        for option in plan.options {
            for metric in plan.metrics {
                for scope in plan.scopes {
                    let values = results.means(option: option.label, scope: scope, metric: metric)
                    guard !values.isEmpty, values.allSatisfy({ $0 != nil }) else { continue }
                    let c = Sensitivity.analyse(x: plan.points, y: values.map { $0! })
                    let ranked = Sensitivity.ranking(c).enumerated().map { rank, i in
                        SweepSensitivity.Ranked(parameter: plan.parameters[i].name, rank: rank + 1,
                                                src: c.src[i], prcc: c.prcc[i])
                    }
                    entries.append(.init(option: option.label, scope: scope, metric: metric, r2: c.r2, parameters: ranked))
                }
            }
        }
        return SweepSensitivity(sweep: plan.identity, points: plan.points.count, entries: entries)
    }
}
