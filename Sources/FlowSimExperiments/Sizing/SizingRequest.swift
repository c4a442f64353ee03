import Foundation
import FlowSimCore
import FlowSimModel
import FlowSimScenario

/// One `flowsim size` question, checked in full before anything runs.
public struct SizingRequest: Sendable {
    public var file: String
    public var overrides: [(path: String, yaml: String)] = []
    public var standards: [Standard] = []
    public var baselineFile: String? = nil
    /// `beds`, `cubicles`, `vehicles` or knob paths.
    public var vary: [String] = ["beds"]
    public var settings: Sizer.Settings
    /// The allocation question: `SCOPE METRIC` to maximise or minimise.
    public var objective: (scope: String, metric: String, higher: Bool)? = nil
    public var block: Int = 4

    public init(file: String, settings: Sizer.Settings) {
        self.file = file
        self.settings = settings
    }

    /// Parses `SCOPE METRIC` of `--maximise`/`--minimise`.
    public static func objective(_ text: String, higher: Bool) throws -> (scope: String, metric: String, higher: Bool) {
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard words.count == 2 else {
            throw SizingError("--\(higher ? "maximise" : "minimise") expects 'SCOPE METRIC', e.g. 'system ae_within_4h'; got '\(Escaped.text(text))'")
        }
        return (words[0], words[1], higher)
    }

    /// Loads the scenario, resolves the standards and knobs, runs the
    /// baseline if a standard needs it, and answers the question.
    public func run(progress: (@Sendable (String) -> Void)? = nil) throws -> (report: SizingReport, sizer: Sizer) {
        var document = try ScenarioDocument.load(path: file)
        if !overrides.isEmpty { document = try document.overriding(overrides) }
        let scenario = try Scenario.from(document)
        let config = scenario.config
        let layout = MetricLayout(config)
        let days = config.horizon / CalendarTime.minutesPerDay
        let resolved = try standards.flatMap { try $0.resolve(in: layout, days: days) }
        var objectiveScope: (scope: Scope, metric: String, higher: Bool)?
        if let objective {
            let probe = Standard(scope: objective.scope, metric: objective.metric, relation: objective.higher ? .atLeast : .atMost,
                                 bound: .baseline(offset: 0), text: "\(objective.scope) \(objective.metric)")
            let r = try probe.resolve(in: layout, days: days)
            guard r.count == 1 else { throw SizingError("the objective is one metric at one scope, not a pattern") }
            objectiveScope = (r[0].scope, r[0].metric.name, objective.higher)
        } else if resolved.isEmpty {
            throw SizingError("no standards: give --standard or --standards FILE (or --maximise/--minimise for the allocation question)")
        }
        let knobs = try CapacityKnob.knobs(vary, in: document, config: config)
        var baseline: [String: [Double]] = [:]
        let relative = resolved.filter(\.isBaselineRelative)
        if !relative.isEmpty {
            guard let baselineFile else {
                throw SizingError("standard '\(relative[0].standard.text)' is relative to the baseline: give the baseline scenario with --baseline FILE")
            }
            var baseDocument = try ScenarioDocument.load(path: baselineFile)
            // The run settings of the sized scenario (horizon, warm-up) apply to the baseline too.
            let runOverrides = overrides.filter { $0.path.hasPrefix("run.") }
            if !runOverrides.isEmpty { baseDocument = try baseDocument.overriding(runOverrides) }
            let baseConfig = try Scenario.from(baseDocument).config
            let baseLayout = MetricLayout(baseConfig)
            for s in relative where baseLayout.metrics(at: s.scope).first(where: { $0.name == s.metric.name }) == nil {
                throw SizingError("standard '\(s.standard.text)': the baseline \(baselineFile) does not report \(s.metric.name) at \(s.scope.key)")
            }
            progress?("baseline: \(settings.replications) replications")
            let runs = ReplicationRunner(threads: settings.threads).map(settings.replications) {
                Replication.run(baseConfig, seed: settings.seed, replication: $0)
            }
            for s in relative {
                baseline[Sizer.key(s.scope, s.metric.name)] = runs.map { $0.values[s.scope]?[s.metric.name] ?? 0 }
            }
        }
        let sizer = try Sizer(document: document, knobs: knobs, standards: resolved,
                              objective: objectiveScope.map { ($0.scope, $0.metric) }, baseline: baseline, settings: settings)
        let outcome: SizingOutcome
        if let o = objectiveScope {
            outcome = try sizer.bestAllocation(objective: (o.scope, o.metric), higherIsBetter: o.higher, block: block)
        } else {
            outcome = try sizer.leastCapacity()
        }
        let report = SizingReport(question: objectiveScope == nil ? "need" : "allocate", scenario: config.name, file: file,
                                  baseline: baselineFile, config: config, sizer: sizer, outcome: outcome,
                                  objective: objectiveScope)
        return (report, sizer)
    }
}
