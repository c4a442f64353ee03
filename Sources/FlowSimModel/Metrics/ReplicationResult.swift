/// The figures of one replication: flat, immutable and `Sendable`, so
/// replications can run on any thread and be combined afterwards.
public struct ReplicationResult: Sendable {
    /// Scopes in report order: "system", then each site id.
    public let scopes: [String]
    /// The scopes a table shows by default: "system" and the sites.
    public var mainScopes: [String] = []
    /// Metric names in report order.
    public let metricNames: [String]
    /// values[scope][metric].
    public let values: [String: [String: Double]]
    /// Patient journeys completed inside the measured window.
    public let measuredJourneys: Int
    public let eventsHandled: Int
    /// Conservation ledger over the whole run.
    public let arrived: Int
    public let left: Int
    public let stillInside: Int

    public init(scopes: [String], metricNames: [String], values: [String: [String: Double]],
                measuredJourneys: Int, eventsHandled: Int, arrived: Int, left: Int, stillInside: Int) {
        self.scopes = scopes
        self.metricNames = metricNames
        self.values = values
        self.measuredJourneys = measuredJourneys
        self.eventsHandled = eventsHandled
        self.arrived = arrived
        self.left = left
        self.stillInside = stillInside
    }

    public func value(_ metric: String, scope: String = "system") -> Double? { values[scope]?[metric] }

    /// Arrived = left + still inside.
    public var conservesPatients: Bool { arrived == left + stillInside }
}
