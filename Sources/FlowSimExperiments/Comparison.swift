import Foundation

/// Scenarios run with common random numbers and their paired differences
/// against the first: the document behind `flowsim compare --json`
/// (schema "flowsim.comparison/1").
public struct Comparison: Sendable, Codable {
    public static let schemaID = "flowsim.comparison/1"
    public var schema: String = Comparison.schemaID
    public let options: [ExperimentResult]
    /// differences[option scenario name][scope][metric]: option minus the
    /// first scenario, replication by replication, with its 95% CI.
    public let differences: [String: [String: [String: MetricSummary]]]

    enum CodingKeys: String, CodingKey { case schema, options, differences }

    public init(options: [ExperimentResult]) {
        precondition(!options.isEmpty)
        self.options = options
        let reference = options[0]
        var differences: [String: [String: [String: MetricSummary]]] = [:]
        for option in options.dropFirst() {
            var byScope: [String: [String: MetricSummary]] = [:]
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
}
