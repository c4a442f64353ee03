import Foundation
import FlowSimModel

/// Scenarios run with common random numbers and their paired differences
/// against the first: the document behind `flowsim compare --json`
/// (schema "flowsim.comparison/1").
public struct Comparison: Sendable, Codable {
    public static let schemaID = "flowsim.comparison/1"
    public var schema: String = Comparison.schemaID
    public let options: [ExperimentResult]
    /// differences[option scenario name][scope][metric]: option minus the
    /// first scenario, replication by replication, with its 95% CI.
    public let differences: [String: [Scope: [String: MetricSummary]]]

    enum CodingKeys: String, CodingKey { case schema, options, differences }

    public init(options: [ExperimentResult]) {
        precondition(!options.isEmpty)
        self.options = options
        let reference = options[0]
        var differences: [String: [Scope: [String: MetricSummary]]] = [:]
        for option in options.dropFirst() {
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
            differences[option.scenario] = byScope
        }
        self.differences = differences
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schema, forKey: .schema)
        try c.encode(options, forKey: .options)
        try c.encode(differences.mapValues { byScope in
            Dictionary(uniqueKeysWithValues: byScope.map { ($0.key.key, $0.value) })
        }, forKey: .differences)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schema = try c.decode(String.self, forKey: .schema)
        options = try c.decode([ExperimentResult].self, forKey: .options)
        let byKey = try c.decode([String: [String: [String: MetricSummary]]].self, forKey: .differences)
        let scopes = Dictionary(options.flatMap(\.scopes).map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        differences = byKey.mapValues { byScope in
            Dictionary(uniqueKeysWithValues: byScope.compactMap { key, value in scopes[key].map { ($0, value) } })
        }
    }
}
