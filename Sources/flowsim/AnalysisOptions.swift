import ArgumentParser
import FlowSim
import Foundation

/// `--series`: time series of levels through a run (docs/output-analysis.md).
struct SeriesOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Record levels through time, comma-separated: \(SeriesMeasure.allCases.map(\.rawValue).joined(separator: ", ")), or 'all'.",
        valueName: "measures"))
    var series: String?

    @Option(name: .customLong("series-interval"),
            help: ArgumentHelp("Width of a series bucket: hour or day (default: hour). Buckets merge in pairs past \(SeriesRequest.defaultCapacity).",
                               valueName: "hour|day"))
    var seriesInterval: String?

    @Option(name: .customLong("series-out"),
            help: ArgumentHelp("Write the series here: CSV when the name ends in .csv, JSON otherwise.", valueName: "path"))
    var seriesOut: String?

    func validate() throws {
        if (series == nil) != (seriesOut == nil) {
            throw BadInput.refuse(RunOptions.commandName, "--series and --series-out go together; nothing was run")
        }
        do { _ = try request(defaultInterval: "hour") } catch let error as BadInput {
            throw BadInput.refuse(RunOptions.commandName, error.message + "; nothing was run")
        }
        if let seriesOut, let problem = OutputPath.problemWritingFile(seriesOut) {
            throw BadInput.refuse(RunOptions.commandName, "--series-out \(seriesOut): \(problem); nothing was run")
        }
    }

    /// The measures named, or nil when none.
    static func measures(_ text: String) throws -> [SeriesMeasure] {
        let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        if names == ["all"] { return SeriesMeasure.allCases }
        return try names.map { name in
            guard let m = SeriesMeasure(rawValue: name) else {
                throw BadInput("--series: '\(Escaped.text(name))' is not a series measure (\(SeriesMeasure.allCases.map(\.rawValue).joined(separator: ", ")))"
                               + DidYouMean.hint(for: name, among: SeriesMeasure.allCases.map(\.rawValue)))
            }
            return m
        }
    }

    static func interval(_ text: String) throws -> Double {
        switch text {
        case "hour": return 60
        case "day": return CalendarTime.minutesPerDay
        default: throw BadInput("--series-interval expects hour or day, got '\(Escaped.text(text))'")
        }
    }

    func request(defaultInterval: String, defaultMeasures: [SeriesMeasure]? = nil) throws -> SeriesRequest? {
        let measures = try series.map(Self.measures) ?? defaultMeasures
        guard let measures else {
            _ = try Self.interval(seriesInterval ?? defaultInterval)
            return nil
        }
        return SeriesRequest(measures: measures, interval: try Self.interval(seriesInterval ?? defaultInterval))
    }

    func write(_ series: TimeSeriesResult) throws {
        guard let seriesOut else { return }
        if seriesOut.lowercased().hasSuffix(".csv") {
            try AtomicFile.write(Data(series.csv().utf8), to: seriesOut)
        } else {
            try AtomicFile.write(series.json(), to: seriesOut)
        }
    }
}

/// `--precision`: replications added in batches until intervals are tight.
struct PrecisionOptions: ParsableArguments {
    @Option(name: .customLong("precision"), parsing: .singleValue,
            help: ArgumentHelp("Run replications in batches until this measure's 95% half-width is at most a value or a share of its mean, e.g. 'ae_within_4h=0.005' or 'ae_time_in_dept_mean_min=2%' ('SITE:metric' for a site). Repeatable.",
                               valueName: "metric=half-width"))
    var precision: [String] = []

    @Option(name: .customLong("max-replications"),
            help: ArgumentHelp("With --precision: the most replications to run, 1-100000 (default: 200).", valueName: "n"))
    var maxReplicationsText: String?

    @Option(name: .customLong("batch"),
            help: ArgumentHelp("With --precision: replications added per batch, 1-100000 (default: 5).", valueName: "n"))
    var batchText: String?

    var maxReplications: Int { maxReplicationsText.flatMap { try? NumericOption.parse($0, option: "--max-replications", range: NumericOption.replications) } ?? 200 }
    var batch: Int { batchText.flatMap { try? NumericOption.parse($0, option: "--batch", range: NumericOption.replications) } ?? 5 }

    var isOn: Bool { !precision.isEmpty }

    func validate() throws {
        do {
            if let maxReplicationsText { _ = try NumericOption.parse(maxReplicationsText, option: "--max-replications", range: NumericOption.replications) }
            if let batchText { _ = try NumericOption.parse(batchText, option: "--batch", range: NumericOption.replications) }
        } catch let error as BadInput {
            throw BadInput.refuse(RunOptions.commandName, error.message)
        }
        if !isOn && (maxReplicationsText != nil || batchText != nil) {
            throw BadInput.refuse(RunOptions.commandName, "--max-replications and --batch need --precision; nothing was run")
        }
        _ = try targets()
    }

    func targets() throws -> [PrecisionTarget] {
        try precision.map { text in
            switch PrecisionTarget.parse(text) {
            case .success(let target): return target
            case .failure(let error):
                throw BadInput.refuse(RunOptions.commandName, "--precision '\(Escaped.text(text))': \(error.message); nothing was run")
            }
        }
    }

    /// The targets, checked against the scenarios before anything runs.
    func checkedTargets(for scenarios: [Scenario]) throws -> [PrecisionTarget] {
        let targets = try targets()
        if let problem = SequentialReplications.problems(targets, configs: scenarios.map(\.config)).first {
            throw BadInput.refuse(RunOptions.commandName, "--precision: \(problem); nothing was run")
        }
        return targets
    }

    /// The first check: the replications asked for (or the scenario's), at
    /// least 3 so that a variance is estimated from more than a pair.
    func initial(_ asked: Int) -> Int { min(max(asked, 3), maxReplications) }
}

/// `compare --best`: which option is best on one measure.
struct SelectionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Say which option is best on this measure ('SITE:metric' for a site), with 95% confidence; its direction comes from the metric catalogue.",
                               valueName: "metric"))
    var best: String?

    @Option(help: ArgumentHelp("With --best: the indifference zone, the smallest difference worth telling apart, in the metric's unit (default: 0).",
                               valueName: "d"))
    var delta: String?

    var deltaValue: Double { delta.flatMap { Double($0.trimmingCharacters(in: .whitespaces)) } ?? 0 }

    func validate() throws {
        if best == nil && delta != nil {
            throw BadInput.refuse(RunOptions.commandName, "--delta needs --best; nothing was run")
        }
        if let delta {
            guard let d = Double(delta.trimmingCharacters(in: .whitespaces)), d.isFinite, d >= 0 else {
                throw BadInput.refuse(RunOptions.commandName, "--delta expects a number >= 0, got '\(Escaped.text(delta))'; nothing was run")
            }
        }
        if let best {
            let (_, metric) = MeasureName.split(best)
            guard let m = MetricCatalogue.metric(named: metric) else {
                throw BadInput.refuse(RunOptions.commandName, "--best: '\(Escaped.text(metric))' is not a metric\(DidYouMean.hint(for: metric, among: MetricCatalogue.all.map(\.id))) ('flowsim metrics FILE' lists them); nothing was run")
            }
            if m.definition.better == .neither {
                throw BadInput.refuse(RunOptions.commandName, "--best: '\(metric)' is neither better higher nor lower in the metric catalogue, so no option is best on it; choose a measure with a direction; nothing was run")
            }
        }
    }

    /// Adds the selection to `comparison` when `--best` was given.
    func apply(to comparison: Comparison) throws -> Comparison {
        guard let best else { return comparison }
        let (scope, metric) = MeasureName.split(best)
        switch comparison.selectingBest(metric: metric, scopeKey: scope, delta: deltaValue) {
        case .success(let selected): return selected
        case .failure(let error): throw BadInput.refuse(RunOptions.commandName, "--best: \(error.message)")
        }
    }
}

/// The text `run` and `compare` print for the analysis options, before
/// their tables.
enum AnalysisText {
    static func precision(_ outcome: PrecisionOutcome) -> String {
        var out = outcome.reached
            ? "Precision reached after \(outcome.replications) replications (checked at \(outcome.checkedAt.map(String.init).joined(separator: ", "))):\n"
            : "Precision NOT reached: stopped at the ceiling of \(outcome.maximum) replications (--max-replications):\n"
        for check in outcome.checks {
            let half = check.halfWidth.isFinite ? String(format: "%.4g", check.halfWidth) : "n/a"
            out += "  \(check.option): \(check.target.description): mean \(String(format: "%.4g", check.mean)), half-width \(half) \(check.met ? "<=" : ">") \(String(format: "%.4g", check.allowed))\n"
        }
        return out + "\n"
    }

    static func selection(_ s: Selection) -> String {
        var out = "Best option: \(s.verdict)\n"
        out += "  (\(s.procedure); \(s.replications) paired replications)\n"
        for e in s.entries {
            let diff = e.option == s.leader ? "sample best"
                : String(format: "%+.4g", e.differenceFromLeader) + " vs \(s.leader) " + String(format: "[%+.4g, %+.4g]", e.differenceLow, e.differenceHigh)
            out += "  \(e.retained ? "kept     " : "separated") \(e.option): mean \(String(format: "%.4g", e.mean)), \(diff)\n"
        }
        return out + "\n"
    }
}

/// `run` with `--series` or `--precision`: nil when neither was given, so
/// the plain run stays exactly as it was.
enum AnalysedRun {
    static func run(_ scenario: Scenario, seed: UInt64, replications: Int, threads: Int?, series: SeriesOptions,
                    precision: PrecisionOptions, progress: @escaping @Sendable (Int, Int) -> Void)
        throws -> (result: ExperimentResult, preface: String)? {
        let runner = ReplicationRunner(threads: threads)
        if precision.isOn {
            if series.series != nil {
                throw BadInput.refuse(RunOptions.commandName, "--series and --precision cannot be combined yet; run the series with a fixed --replications; nothing was run")
            }
            let targets = try precision.checkedTargets(for: [scenario])
            let (results, outcome) = SequentialReplications.run(
                configs: [scenario.config], seed: seed, targets: targets, initial: precision.initial(replications),
                batch: precision.batch, maximum: precision.maxReplications, runner: runner, progress: progress)
            return (results[0], AnalysisText.precision(outcome))
        }
        guard let request = try series.request(defaultInterval: "hour") else { return nil }
        let (result, timeSeries) = runner.runWithSeries(scenario.config, seed: seed, replications: replications,
                                                        series: request, progress: progress)
        try series.write(timeSeries)
        return (result, "")
    }
}

/// `compare --precision`: nil when not given.
enum AnalysedComparison {
    static func run(_ scenarios: [Scenario], seed: UInt64, replications: Int, threads: Int?, precision: PrecisionOptions,
                    progress: @escaping @Sendable (Int, Int) -> Void) throws -> Comparison? {
        guard precision.isOn else { return nil }
        let targets = try precision.checkedTargets(for: scenarios)
        return Comparison.runToPrecision(scenarios, seed: seed, targets: targets, initial: precision.initial(replications),
                                         batch: precision.batch, maximum: precision.maxReplications,
                                         runner: ReplicationRunner(threads: threads), progress: progress)
    }

    /// What compare prints before its table: the verdict first, then the precision.
    static func preface(_ comparison: Comparison) -> String {
        (comparison.selection.map(AnalysisText.selection) ?? "") + (comparison.precision.map(AnalysisText.precision) ?? "")
    }
}
