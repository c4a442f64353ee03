import Foundation
import FlowSimCore
import FlowSimModel
import FlowSimScenario

/// Time series across replications: the document behind `--series-out`
/// (schema "flowsim.series/1", see docs/output-analysis.md). Each series
/// is one measure at one site, in buckets of `bucket_minutes` from time 0
/// (the warm-up included); the last bucket may be part-filled.
public struct TimeSeriesResult: Sendable, Codable {
    public static let schemaID = "flowsim.series/1"

    public struct Band: Sendable, Codable {
        public let measure: SeriesMeasure
        public let site: String
        public let label: String
        /// Across replications, per bucket.
        public let mean: [Double]
        public let p10: [Double]
        public let p90: [Double]
        public let ci95Low: [Double]
        public let ci95High: [Double]

        enum CodingKeys: String, CodingKey {
            case measure, site, label, mean, p10, p90, ci95Low = "ci95_low", ci95High = "ci95_high"
        }

        /// Whether the level was zero throughout (a measure the scenario lacks).
        public var isEmpty: Bool { mean.allSatisfy { $0 == 0 } }
    }

    /// One replication's own series, kept where it was unstable (so a
    /// chart can mark it apart from the band).
    public struct Trace: Sendable, Codable {
        public let measure: SeriesMeasure
        public let site: String
        /// The replication's index (0-based, as in `per_replication`).
        public let replication: Int
        public let values: [Double]
    }

    public var schema = TimeSeriesResult.schemaID
    public let scenario: String
    public let seed: UInt64
    public let replications: Int
    public let bucketMinutes: Double
    /// Simulated minutes covered; the warm-up ends at `warmup_days`.
    public let endMinutes: Double
    public let warmupDays: Double
    public let series: [Band]
    /// Replications kept whole (`keeping`), absent when none was.
    public let traces: [Trace]?

    enum CodingKeys: String, CodingKey {
        case schema, scenario, seed, replications, bucketMinutes = "bucket_minutes", endMinutes = "end_minutes",
             warmupDays = "warmup_days", series, traces
    }

    /// - Parameter keeping: per site id, the replications whose own series
    ///   to keep as `traces` as well (the unstable ones, say).
    public init(scenario: String, seed: UInt64, warmupDays: Double, runs: [ReplicationSeries],
                keeping: [String: Set<Int>] = [:]) {
        precondition(!runs.isEmpty)
        self.scenario = scenario
        self.seed = seed
        self.warmupDays = warmupDays
        replications = runs.count
        bucketMinutes = runs[0].width
        endMinutes = runs[0].end
        series = runs[0].series.indices.map { k in
            let first = runs[0].series[k]
            let buckets = runs.map { $0.series[k].values.count }.min() ?? 0
            var mean: [Double] = [], p10: [Double] = [], p90: [Double] = [], low: [Double] = [], high: [Double] = []
            for b in 0..<buckets {
                let values = runs.map { $0.series[k].values[b] }
                let (m, half) = ConfidenceInterval.meanAndHalfWidth(values)
                mean.append(m)
                low.append(m - half)
                high.append(m + half)
                let sorted = values.sorted()
                p10.append(Self.percentile(sorted, 0.1))
                p90.append(Self.percentile(sorted, 0.9))
            }
            return Band(measure: first.measure, site: first.site, label: first.measure.label, mean: mean, p10: p10,
                        p90: p90, ci95Low: low, ci95High: high)
        }
        var traces: [Trace] = []
        for k in runs[0].series.indices {
            let site = runs[0].series[k].site
            for r in (keeping[site] ?? []).sorted() where r < runs.count {
                traces.append(Trace(measure: runs[r].series[k].measure, site: site, replication: r, values: runs[r].series[k].values))
            }
        }
        self.traces = traces.isEmpty ? nil : traces
    }

    /// Bucket `i`'s start, in days from time 0.
    public func startDay(_ i: Int) -> Double { Double(i) * bucketMinutes / CalendarTime.minutesPerDay }

    /// Linear interpolation between order statistics (Hyndman and Fan's type 7).
    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard sorted.count > 1 else { return sorted.first ?? 0 }
        let h = Double(sorted.count - 1) * p
        let lo = Int(h.rounded(.down))
        let hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }

    /// One row per series and bucket.
    static let csvHeader = "measure,site,start_day,end_day,mean,p10,p90,ci95_low,ci95_high"

    public func csv() -> String {
        var out = Self.csvHeader + "\n"
        let endDay = endMinutes / CalendarTime.minutesPerDay
        for band in series {
            for i in band.mean.indices {
                let cells = [startDay(i), min(startDay(i + 1), endDay), band.mean[i], band.p10[i], band.p90[i],
                             band.ci95Low[i], band.ci95High[i]].map { String(format: "%.6g", $0) }
                out += "\(band.measure.rawValue),\(band.site)," + cells.joined(separator: ",") + "\n"
            }
        }
        return out
    }

    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }

    /// The series of compared options in one CSV: `csv()`'s rows, each
    /// headed by its option's scenario name.
    public static func csv(_ options: [TimeSeriesResult]) -> String {
        var out = "scenario,\(csvHeader)\n"
        for option in options {
            let name = "\"" + option.scenario.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            for row in option.csv().split(separator: "\n").dropFirst() { out += "\(name),\(row)\n" }
        }
        return out
    }

    public static let comparisonSchemaID = "flowsim.series-comparison/1"

    /// The series of compared options in one JSON document: `options`
    /// holds each option's `flowsim.series/1` document, in order.
    public static func json(_ options: [TimeSeriesResult]) throws -> Data {
        struct Document: Encodable {
            let schema = TimeSeriesResult.comparisonSchemaID
            let options: [TimeSeriesResult]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(Document(options: options))
    }
}

extension ReplicationRunner {
    /// Runs `replications` replications of `config` recording `request`'s
    /// series: the same results as `run`, and the series across replications.
    public func runWithSeries(_ config: ModelConfig, seed: UInt64, replications: Int, series request: SeriesRequest,
                              progress: (@Sendable (Int, Int) -> Void)? = nil) -> (ExperimentResult, TimeSeriesResult) {
        precondition(replications >= 1)
        let start = Date()
        let runs = map(replications, progress: progress) { r in
            Replication.runWithSeries(config, seed: seed, replication: r, series: request)
        }
        let result = ExperimentResult(
            scenario: config.name, seed: seed, warmupDays: config.warmup / CalendarTime.minutesPerDay,
            horizonDays: config.horizon / CalendarTime.minutesPerDay, runs: runs.map(\.result),
            wallSeconds: Date().timeIntervalSince(start))
        let series = TimeSeriesResult(scenario: config.name, seed: seed,
                                      warmupDays: config.warmup / CalendarTime.minutesPerDay, runs: runs.map(\.series))
        return (result, series)
    }
}

extension Comparison {
    /// Runs every scenario as `Comparison.run` does (the same seed and
    /// replication indices, so the same results), recording `request`'s
    /// series: one series document per option, each keeping the own series
    /// of the replications unstable at a site (`unstable_replication`).
    public static func runWithSeries(_ scenarios: [Scenario], seed: UInt64, replications: Int, series request: SeriesRequest,
                                     runner: ReplicationRunner = ReplicationRunner(),
                                     progress: (@Sendable (Int, Int) -> Void)? = nil) -> (Comparison, [TimeSeriesResult]) {
        let ids = ComparedOption.identify(names: scenarios.map(\.config.name), files: scenarios.map(\.file))
        var results: [ExperimentResult] = [], series: [TimeSeriesResult] = []
        let total = scenarios.count * replications
        for (i, (scenario, id)) in zip(scenarios, ids).enumerated() {
            let config = { var c = scenario.config; c.name = id.label; return c }()
            let runs = runner.map(replications, progress: progress.map { report in { @Sendable done, _ in report(i * replications + done, total) } }) { r in
                Replication.runWithSeries(config, seed: seed, replication: r, series: request)
            }
            let result = ExperimentResult(
                scenario: config.name, seed: seed, warmupDays: config.warmup / CalendarTime.minutesPerDay,
                horizonDays: config.horizon / CalendarTime.minutesPerDay, runs: runs.map(\.result), wallSeconds: 0)
            var unstable: [String: Set<Int>] = [:]
            for site in config.sites {
                let flags = result.metrics[.site(site.id)]?["unstable_replication"]?.perReplication ?? []
                let kept = Set(flags.indices.filter { flags[$0] > 0 })
                if !kept.isEmpty { unstable[site.id] = kept }
            }
            results.append(result)
            series.append(TimeSeriesResult(scenario: config.name, seed: seed, warmupDays: config.warmup / CalendarTime.minutesPerDay,
                                           runs: runs.map(\.series), keeping: unstable))
        }
        return (Comparison(options: results, ids: ids), series)
    }
}
