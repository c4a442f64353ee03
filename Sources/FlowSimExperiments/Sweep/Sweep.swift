import FlowSimCore
import Foundation
import FlowSimModel
import FlowSimScenario

/// A loaded sweep: its definition checked against every option scenario,
/// its plan (points, options, metrics, fingerprints), and the parsed
/// option documents from which each point's configurations are built.
public struct Sweep: Sendable {
    public let definition: SweepDefinition
    public let plan: SweepPlan
    /// One merged document per option, before any parameter is applied.
    let documents: [ScenarioDocument]

    /// The metrics summarised when a sweep file names none (those present
    /// in the model's results are used).
    public static var defaultMetrics: [String] { MetricCatalogue.headlineMetrics.map(\.id) }

    /// Reads the sweep file and its scenarios and checks, before anything
    /// runs, that every parameter path exists in every option and that the
    /// parameters' values are ones the scenarios accept.
    /// - Throws: `ScenarioValidationError` listing every problem.
    public static func load(path: String) throws -> Sweep {
        let definition = try SweepDefinition.load(path: path)
        var issues = Issues()
        let (documents, scenarios) = loadOptions(definition, &issues)
        try issues.throwIfAny()
        checkParameters(definition, documents: documents, &issues)
        checkRunLength(definition, scenarios: scenarios, &issues)
        let (metrics, scopes) = selectMetrics(definition, scenarios: scenarios, &issues)
        try issues.throwIfAny()

        let seed = definition.seed ?? scenarios[0].run.seed
        let plan = SweepPlan(
            name: definition.name,
            identity: "",
            files: try fingerprints(definition, documents: documents),
            options: zip(optionLabels(scenarios), definition.scenarios).map { SweepOption(label: $0, file: $1.written) },
            parameters: definition.parameters,
            design: definition.design,
            replications: definition.replications ?? scenarios[0].run.replications,
            seed: seed,
            warmupDays: definition.warmup.map { $0 / CalendarTime.minutesPerDay },
            horizonDays: definition.horizon.map { $0 / CalendarTime.minutesPerDay },
            metrics: metrics,
            scopes: scopes,
            best: definition.best,
            points: definition.design.points(definition.parameters, seed: seed))
        return Sweep(definition: definition, plan: plan.identified(), documents: documents)
    }

    /// Problems found while loading, thrown together.
    struct Issues {
        var all: [ScenarioIssue] = []
        mutating func add(_ location: SourceLocation?, _ fieldPath: String, _ message: String) {
            all.append(ScenarioIssue(location: location, fieldPath: fieldPath, message: message))
        }
        func throwIfAny() throws { if !all.isEmpty { throw ScenarioValidationError(all) } }
    }

    /// Each option's scenario must load and validate as it is.
    static func loadOptions(_ definition: SweepDefinition, _ issues: inout Issues) -> ([ScenarioDocument], [Scenario]) {
        var documents: [ScenarioDocument] = []
        var scenarios: [Scenario] = []
        for (i, entry) in definition.scenarios.enumerated() {
            guard FileManager.default.fileExists(atPath: entry.resolved) else {
                issues.add(entry.location, "scenarios[\(i)]", "scenario file '\(entry.written)' not found (looked for \(entry.resolved))")
                continue
            }
            do {
                let document = try ScenarioDocument.load(path: entry.resolved)
                scenarios.append(try Scenario.from(document))
                documents.append(document)
            } catch let error as ScenarioValidationError {
                issues.all += error.issues
                issues.add(entry.location, "scenarios[\(i)]", "scenario '\(entry.written)' is invalid (problems listed with its own file and line)")
            } catch {
                issues.add(entry.location, "scenarios[\(i)]", "cannot load scenario '\(entry.written)': \(error)")
            }
        }
        return (documents, scenarios)
    }

    /// Every parameter, in every option, with the values it can take: the
    /// path must exist, and the scenario must accept the value.
    static func checkParameters(_ definition: SweepDefinition, documents: [ScenarioDocument], _ issues: inout Issues) {
        for parameter in definition.parameters {
            let keyLocation = definition.locations["parameters.\(parameter.name)"]
            let fieldPath = "parameters.\(parameter.name)"
            optionLoop: for (document, entry) in zip(documents, definition.scenarios) {
                for value in parameter.domain.representativeValues.map(parameter.finish) {
                    let yaml = parameter.yaml(value)
                    let overridden: ScenarioDocument
                    do {
                        overridden = try document.overriding([(parameter.name, yaml)])
                    } catch let error as ScenarioValidationError {
                        let detail = error.issues.map(\.message).joined(separator: "; ")
                            .replacingOccurrences(of: "unknown parameter path '\(parameter.name)': ", with: "")
                        issues.add(keyLocation, fieldPath, "unknown parameter path '\(parameter.name)' in scenario '\(entry.written)': \(detail)")
                        continue optionLoop
                    } catch {
                        continue optionLoop
                    }
                    do {
                        _ = try Scenario.from(overridden)
                    } catch let error as ScenarioValidationError {
                        // The value's own problem; what follows from it
                        // (a site that no longer parses) only when there is none.
                        let own = error.issues.filter { $0.fieldPath == parameter.name }
                        for problem in own.isEmpty ? error.issues : own {
                            let hint = parameter.domain.isDistribution && !parameter.integer
                                && problem.message.contains("integer") ? "; add 'integer: true' to round drawn values" : ""
                            let at = problem.fieldPath == parameter.name ? "" : " (at \(problem.location.map { "\($0)" } ?? "") \(problem.fieldPath))"
                            issues.add(keyLocation, fieldPath,
                                       "value \(yaml) is refused by scenario '\(entry.written)'\(at): \(problem.message)\(hint)")
                        }
                        continue optionLoop
                    } catch {
                        continue optionLoop
                    }
                }
            }
        }
    }

    /// Run-length overrides must leave a measured window in every option.
    static func checkRunLength(_ definition: SweepDefinition, scenarios: [Scenario], _ issues: inout Issues) {
        for (scenario, entry) in zip(scenarios, definition.scenarios) {
            let warmup = definition.warmup ?? scenario.config.warmup
            let horizon = definition.horizon ?? scenario.config.horizon
            if warmup >= horizon {
                issues.add(definition.locations["warmup"], "warmup",
                           "warm-up \(warmup / CalendarTime.minutesPerDay) days is not shorter than the horizon \(horizon / CalendarTime.minutesPerDay) days for scenario '\(entry.written)'")
            }
        }
    }

    /// The metrics and scopes to summarise: as named (each checked against
    /// what every option's scenario reports, from its metric layout), or
    /// the defaults present in the results.
    static func selectMetrics(_ definition: SweepDefinition, scenarios: [Scenario],
                              _ issues: inout Issues) -> (metrics: [String], scopes: [String]) {
        var availableMetrics: [String] = [], availableScopes: [String] = []
        for scenario in scenarios {
            let layout = MetricLayout(scenario.config)
            for m in layout.metrics where !availableMetrics.contains(m.name) { availableMetrics.append(m.name) }
            for s in layout.scopes where !availableScopes.contains(s.key) { availableScopes.append(s.key) }
        }
        func unknown(_ what: String, _ name: String, among names: [String], at key: String, _ fieldPath: String) {
            let list = what == "scope" ? " (scopes: \(names.joined(separator: ", ")))" : " (see docs/results.md for the metric names)"
            issues.add(definition.locations[key], fieldPath,
                       "unknown \(what) '\(name)'\(DidYouMean.hint(for: name, among: names))\(list)")
        }
        var metrics = definition.metrics ?? defaultMetrics.filter(availableMetrics.contains)
        for name in definition.metrics ?? [] where !availableMetrics.contains(name) {
            unknown("metric", name, among: availableMetrics, at: "metrics.\(name)", "metrics")
        }
        let scopes = definition.scopes ?? availableScopes
        for name in definition.scopes ?? [] where !availableScopes.contains(name) {
            unknown("scope", name, among: availableScopes, at: "scopes.\(name)", "scopes")
        }
        if let best = definition.best {
            if !availableMetrics.contains(best.metric) {
                unknown("metric", best.metric, among: availableMetrics, at: "best.metric", "best.metric")
            } else if !metrics.contains(best.metric) {
                metrics.append(best.metric)
            }
            if !availableScopes.contains(best.scope) {
                unknown("scope", best.scope, among: availableScopes, at: "best.scope", "best.scope")
            }
        }
        return (metrics, scopes)
    }

    /// The model configurations of one point, one per option, named by the
    /// option labels.
    /// - Throws: `ScenarioValidationError` if the point's values make an
    ///   option invalid (a drawn value out of the scenario's range).
    public func configurations(forPoint number: Int) throws -> [ModelConfig] {
        let overrides = plan.overrides(forPoint: number)
        var configs: [ModelConfig] = []
        var issues: [ScenarioIssue] = []
        for (document, option) in zip(documents, plan.options) {
            do {
                var config = try Scenario.from(try document.overriding(overrides)).config
                if let warmup = definition.warmup { config.warmup = warmup }
                if let horizon = definition.horizon { config.horizon = horizon }
                config.name = option.label
                configs.append(config)
            } catch let error as ScenarioValidationError {
                let values = overrides.map { "\($0.path) = \($0.yaml)" }.joined(separator: ", ")
                for problem in error.issues {
                    let parameter = plan.parameters.first { $0.name == problem.fieldPath }
                    let location = parameter.flatMap { definition.locations["parameters.\($0.name)"] }
                        ?? definition.locations["parameters"] ?? SourceLocation(file: definition.file, line: 0, column: 0)
                    issues.append(ScenarioIssue(
                        location: location, fieldPath: "parameters.\(problem.fieldPath)",
                        message: "point \(plan.pointID(number)) (\(values)) makes scenario '\(option.file)' invalid: \(problem.message)"))
                }
            }
        }
        if !issues.isEmpty { throw ScenarioValidationError(issues) }
        return configs
    }

    /// Scenario names made unique by the rule `flowsim compare` uses too.
    static func optionLabels(_ scenarios: [Scenario]) -> [String] {
        OptionLabels.unique(names: scenarios.map(\.config.name), files: scenarios.map(\.file))
    }

    static func fingerprints(_ definition: SweepDefinition, documents: [ScenarioDocument]) throws -> [FileFingerprint] {
        let directory = (definition.file as NSString).deletingLastPathComponent
        func fingerprint(_ role: String, _ path: String) throws -> FileFingerprint {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw SweepError("cannot read '\(path)'")
            }
            return FileFingerprint(role: role, path: SweepPaths.relative(path, from: directory), sha256: SHA256.hex(data))
        }
        var files = [try fingerprint("sweep", definition.file)]
        for document in documents {
            for file in document.files { files.append(try fingerprint("scenario", file)) }
        }
        return files
    }
}

extension SweepPlan {
    /// The plan with its identity computed from the file contents.
    func identified() -> SweepPlan {
        var plan = self
        let text = ([SweepDefinition.schemaID] + files.map { "\($0.role) \($0.sha256)" }).joined(separator: "\n")
        plan.identity = SHA256.hex(text)
        return plan
    }
}
