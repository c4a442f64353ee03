import FlowSimCore

/// A metric across replications: mean, 95% confidence interval and the
/// replication values themselves (so results can be re-analysed or merged).
public struct MetricSummary: Sendable, Codable, Equatable {
    public let mean: Double
    public let ci95Low: Double
    public let ci95High: Double
    public let perReplication: [Double]

    enum CodingKeys: String, CodingKey {
        case mean, ci95Low = "ci95_low", ci95High = "ci95_high", perReplication = "per_replication"
    }

    public init(_ values: [Double]) {
        let (mean, half) = ConfidenceInterval.meanAndHalfWidth(values)
        self.mean = mean
        ci95Low = mean - half
        ci95High = mean + half
        perReplication = values
    }

    public var halfWidth: Double { (ci95High - ci95Low) / 2 }
}
