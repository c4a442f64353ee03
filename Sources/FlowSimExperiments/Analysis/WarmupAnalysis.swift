import Foundation
import FlowSimCore
import FlowSimModel

/// `flowsim warmup`: pilot replications from empty, and MSER-5 on each
/// series averaged across them, in whole-day observations
/// (docs/output-analysis.md).
public struct WarmupAnalysis: Sendable {
    public enum Status: Sendable, Equatable {
        /// MSER's minimum lies in the first half, and what it deletes is a
        /// bias the replications agree on (or nothing is deleted).
        case reliable
        /// Fewer than 10 batches of 5 observations: nothing to judge.
        case tooShort
        /// The minimum lies in the second half, and the replications agree
        /// the deleted part differs: a transient the run cannot place; run longer.
        case secondHalf
        /// The deleted part does not differ from the rest consistently
        /// across replications (wherever the minimum lies): a long
        /// excursion, not a start-up transient; left out of the suggestion.
        case notConsistent
    }

    public struct Finding: Sendable {
        public let measure: SeriesMeasure
        public let site: String
        /// Observations (of `observationMinutes`) MSER-5 deletes.
        public let truncation: Int
        /// MSER-5's truncation, days.
        public let days: Double
        public let status: Status
        /// Per replication, the deleted part's mean minus the rest's: the
        /// mean across replications and its 95% half-width (nil when
        /// nothing is deleted or there is one replication).
        public let deletedBias: (difference: Double, halfWidth: Double)?
        public var reliable: Bool { status == .reliable }
    }

    public let series: TimeSeriesResult
    /// The width of one MSER observation: whole days.
    public let observationMinutes: Double
    public let findings: [Finding]
    /// The scenario's own warm-up, days.
    public let scenarioWarmupDays: Double

    /// The suggested warm-up (days): the longest MSER-5 truncation over the
    /// reliable measures, rounded up to a whole day; nil when none is
    /// reliable. A measure that starts near its steady state gives 0 and
    /// does not shorten it; an unreliable measure does not lengthen it
    /// (`unplaced` names those that may hide a longer transient).
    public var overallDays: Double? {
        let reliable = findings.filter(\.reliable)
        guard !reliable.isEmpty else { return nil }
        return (reliable.map(\.days).max() ?? 0).rounded(.up)
    }

    /// Measures whose deletion is consistent across replications but whose
    /// minimum lies in the second half, or whose series is too short: a
    /// transient the run cannot place, which the suggestion may not cover.
    public var unplaced: [Finding] { findings.filter { $0.status == .secondHalf || $0.status == .tooShort } }

    /// Runs `replications` pilot replications of `config` with no warm-up
    /// over its whole run (warm-up plus horizon), recording `request`.
    public init(_ config: ModelConfig, seed: UInt64, replications: Int, series request: SeriesRequest,
                runner: ReplicationRunner, progress: (@Sendable (Int, Int) -> Void)? = nil) {
        precondition(replications >= 1)
        var pilot = config
        pilot.warmup = 0
        pilot.horizon = config.warmup + config.horizon
        let run = pilot
        let runs = runner.map(replications, progress: progress) { r in
            Replication.runWithSeries(run, seed: seed, replication: r, series: request).series
        }
        let series = TimeSeriesResult(scenario: run.name, seed: seed, warmupDays: 0, runs: runs)
        self.init(series: series, replications: runs, scenarioWarmupDays: config.warmup / CalendarTime.minutesPerDay)
    }

    /// `replications` are the runs behind `series` (for the check that a
    /// deletion is consistent across them); without them only MSER-5 and
    /// the half rule apply.
    public init(series: TimeSeriesResult, replications: [ReplicationSeries] = [], scenarioWarmupDays: Double) {
        self.series = series
        self.scenarioWarmupDays = scenarioWarmupDays
        let width = series.bucketMinutes, end = series.endMinutes
        observationMinutes = WarmupDetection.wholeDays([], bucketMinutes: width, endMinutes: end).minutesEach
        findings = series.series.indices.compactMap { k in
            let band = series.series[k]
            guard !band.isEmpty else { return nil }
            let a = Self.assess(mean: band.mean, replications: replications.map { $0.series[k].values },
                                bucketMinutes: width, endMinutes: end)
            return Finding(measure: band.measure, site: band.site, truncation: a.truncation, days: a.days,
                           status: a.status, deletedBias: a.deletedBias)
        }
    }

    /// One measure: `mean` (buckets of `bucketMinutes` over `endMinutes`,
    /// averaged across `replications`, whose own buckets may be given) into
    /// whole-day observations, MSER-5, the half rule and the check across
    /// replications.
    public static func assess(mean: [Double], replications: [[Double]], bucketMinutes: Double, endMinutes: Double)
        -> (truncation: Int, days: Double, status: Status, deletedBias: (difference: Double, halfWidth: Double)?) {
        let (observations, minutesEach) = WarmupDetection.wholeDays(mean, bucketMinutes: bucketMinutes, endMinutes: endMinutes)
        let (d, inFirstHalf) = WarmupDetection.mser(observations, batch: 5)
        let perReplication = replications.map {
            WarmupDetection.wholeDays($0, bucketMinutes: bucketMinutes, endMinutes: endMinutes).values
        }
        let bias = WarmupDetection.deletedBias(perReplication, truncation: d)
        let status: Status
        if observations.count / 5 < 2 * WarmupDetection.endBatchesIgnored { status = .tooShort }
        else if let bias, abs(bias.difference) <= bias.halfWidth { status = .notConsistent }
        else if !inFirstHalf { status = .secondHalf }
        else { status = .reliable }
        return (d, Double(d) * minutesEach / CalendarTime.minutesPerDay, status, bias)
    }
}
