/// The figures of one replication: flat, immutable and `Sendable`, so
/// replications can run on any thread and be combined afterwards.
public struct ReplicationResult: Sendable {
    /// The scenario's scopes and metrics (the same for every replication).
    public let layout: MetricLayout
    /// values[scope][metric name].
    public let values: [Scope: [String: Double]]
    /// Patient journeys completed inside the measured window.
    public let measuredJourneys: Int
    public let eventsHandled: Int
    /// Conservation ledger over the whole run.
    public let arrived: Int
    public let left: Int
    public let stillInside: Int

    public init(layout: MetricLayout, values: [Scope: [String: Double]], measuredJourneys: Int, eventsHandled: Int,
                arrived: Int, left: Int, stillInside: Int) {
        self.layout = layout
        self.values = values
        self.measuredJourneys = measuredJourneys
        self.eventsHandled = eventsHandled
        self.arrived = arrived
        self.left = left
        self.stillInside = stillInside
    }

    public var scopes: [Scope] { layout.scopes }
    public var metrics: [Metric] { layout.metrics }

    public func value(_ metric: String, scope: Scope = .system) -> Double? { values[scope]?[metric] }

    /// The scope whose file key is `key` (a name a user typed), if any.
    public func scope(key: String) -> Scope? { layout.scopes.first { $0.key == key } }

    public func value(_ metric: String, scopeKey key: String) -> Double? {
        scope(key: key).flatMap { value(metric, scope: $0) }
    }

    /// Arrived = left + still inside.
    public var conservesPatients: Bool { arrived == left + stillInside }
}
