import Foundation
import FlowSimModel
import FlowSimScenario

/// Scenarios run with common random numbers and their paired differences
/// against the first: the document behind `flowsim compare --json`
/// (schema "flowsim.comparison/1").
public struct Comparison: Sendable, Codable {
    public static let schemaID = "flowsim.comparison/1"
    public var schema: String = Comparison.schemaID
    public let options: [ExperimentResult]
    /// One per option, in the same order: position, unique label, name, file.
    public let optionIDs: [ComparedOption]
    /// differences[option label][scope][metric]: option minus the first
    /// scenario, replication by replication, with its 95% CI. Keyed by the
    /// unique label, so options that share a scenario name stay apart.
    public let differences: [String: [Scope: [String: MetricSummary]]]
    /// Which option is best (`compare --best`), when asked; absent otherwise.
    public var selection: Selection?
    /// How many replications a `compare --precision` run took, when asked.
    public var precision: PrecisionOutcome?

    enum CodingKeys: String, CodingKey {
        case schema, options, optionIDs = "option_ids", differences, selection, precision
    }

    /// - Parameter ids: the options' identities, one per result; by default
    ///   the results' scenario names made unique by `OptionLabels`.
    public init(options: [ExperimentResult], ids: [ComparedOption]? = nil) {
        precondition(!options.isEmpty)
        let ids = ids ?? ComparedOption.identify(names: options.map(\.scenario), files: options.map { _ in nil })
        precondition(ids.count == options.count && ids.enumerated().allSatisfy { $0.offset == $0.element.index },
                     "one identity per option, in order")
        precondition(Set(ids.map(\.label)).count == ids.count, "option labels must be unique")
        self.options = options
        optionIDs = ids
        let reference = options[0]
        var differences: [String: [Scope: [String: MetricSummary]]] = [:]
        for (option, id) in zip(options, ids).dropFirst() {
            var byScope: [Scope: [String: MetricSummary]] = [:]
            for scope in reference.scopes {
                guard let mine = option.metrics[scope], let theirs = reference.metrics[scope] else { continue }
                var byName: [String: MetricSummary] = [:]
                for name in reference.metricNames {
                    guard let a = mine[name], let b = theirs[name] else { continue }
                    byName[name] = MetricSummary(zip(a.perReplication, b.perReplication).map { $0 - $1 })
                }
                byScope[scope] = byName
            }
            differences[id.label] = byScope
        }
        self.differences = differences
    }

    /// Reads documents written before `option_ids` existed as well: their
    /// options' scenario names were already the unique labels.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schema = try c.decode(String.self, forKey: .schema)
        options = try c.decode([ExperimentResult].self, forKey: .options)
        optionIDs = try c.decodeIfPresent([ComparedOption].self, forKey: .optionIDs)
            ?? options.enumerated().map { ComparedOption(index: $0, label: $1.scenario, name: $1.scenario, file: nil) }
        let byKey = try c.decode([String: [String: [String: MetricSummary]]].self, forKey: .differences)
        let scopes = Dictionary(options.flatMap(\.scopes).map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        differences = byKey.mapValues { byScope in
            Dictionary(uniqueKeysWithValues: byScope.compactMap { key, value in scopes[key].map { ($0, value) } })
        }
        selection = try c.decodeIfPresent(Selection.self, forKey: .selection)
        precision = try c.decodeIfPresent(PrecisionOutcome.self, forKey: .precision)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schema, forKey: .schema)
        try c.encode(options, forKey: .options)
        try c.encode(optionIDs, forKey: .optionIDs)
        try c.encode(differences.mapValues(\.keyedByFileName), forKey: .differences)
        try c.encodeIfPresent(selection, forKey: .selection)
        try c.encodeIfPresent(precision, forKey: .precision)
    }

    /// The options with their identities, in order.
    public var labelled: [(id: ComparedOption, result: ExperimentResult)] {
        zip(optionIDs, options).map { ($0, $1) }
    }

    /// Runs every scenario with the same seed and replication indices on
    /// one pool of threads and compares each with the first. Each option's
    /// results carry its unique label as their scenario name, and
    /// `wallSeconds` 0 (the time is the comparison's, not an option's).
    public static func run(_ scenarios: [Scenario], seed: UInt64, replications: Int,
                           runner: ReplicationRunner = ReplicationRunner(),
                           progress: (@Sendable (Int, Int) -> Void)? = nil) -> Comparison {
        let ids = ComparedOption.identify(names: scenarios.map(\.config.name), files: scenarios.map(\.file))
        let configs = zip(scenarios, ids).map { scenario, id -> ModelConfig in
            var config = scenario.config
            config.name = id.label
            return config
        }
        var results = runner.run(configs: configs, seed: seed, replications: replications, progress: progress)
        for i in results.indices { results[i].wallSeconds = 0 }
        return Comparison(options: results, ids: ids)
    }
}
