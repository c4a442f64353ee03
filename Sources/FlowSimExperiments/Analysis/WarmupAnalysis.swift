import FlowSimCore
import FlowSimModel

/// `flowsim warmup`: pilot replications from empty, and MSER-5 on each
/// series averaged across them (docs/output-analysis.md).
public struct WarmupAnalysis: Sendable {
    public struct Finding: Sendable {
        public let measure: SeriesMeasure
        public let site: String
        /// Buckets to delete (MSER-5 truncation).
        public let truncation: Int
        public let days: Double
        /// False when the minimum fell past the first half of the series.
        public let reliable: Bool
    }

    public let series: TimeSeriesResult
    public let findings: [Finding]
    /// The scenario's own warm-up, days.
    public let scenarioWarmupDays: Double

    /// The longest suggested warm-up (days) over the measures.
    public var overallDays: Double { findings.map(\.days).max() ?? 0 }

    /// Runs `replications` pilot replications of `config` with no warm-up
    /// over its whole run (warm-up plus horizon), recording `request`.
    public init(_ config: ModelConfig, seed: UInt64, replications: Int, series request: SeriesRequest,
                runner: ReplicationRunner, progress: (@Sendable (Int, Int) -> Void)? = nil) {
        var pilot = config
        pilot.warmup = 0
        pilot.horizon = config.warmup + config.horizon
        let (_, series) = runner.runWithSeries(pilot, seed: seed, replications: replications, series: request, progress: progress)
        self.init(series: series, scenarioWarmupDays: config.warmup / CalendarTime.minutesPerDay)
    }

    public init(series: TimeSeriesResult, scenarioWarmupDays: Double) {
        self.series = series
        self.scenarioWarmupDays = scenarioWarmupDays
        findings = series.series.filter { !$0.isEmpty }.map { band in
            let (d, reliable) = WarmupDetection.mser(band.mean, batch: 5)
            return Finding(measure: band.measure, site: band.site, truncation: d,
                           days: Double(d) * series.bucketMinutes / CalendarTime.minutesPerDay, reliable: reliable)
        }
    }
}
