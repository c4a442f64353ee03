import ArgumentParser
import FlowSim
import Foundation

/// Options shared by the commands that run scenarios.
struct RunOptions: ParsableArguments {
    // Numbers are read as text and checked in `validate()`, with the
    // bounds of the scenario keys they override (NumericOption).
    @Option(name: [.customShort("r"), .customLong("replications")],
            help: ArgumentHelp("Replications, 1-100000 (default: the scenario's run.replications).", valueName: "n"))
    var replicationsText: String?

    @Option(name: [.customShort("s"), .customLong("seed")],
            help: ArgumentHelp("Master seed, a whole number >= 0 (default: the scenario's run.seed).", valueName: "n"))
    var seedText: String?

    @Option(name: [.customShort("t"), .customLong("threads")],
            help: ArgumentHelp("Worker threads, 1-4096 (default: every core). Results do not depend on it.", valueName: "n"))
    var threadsText: String?

    var replications: Int? { replicationsText.flatMap { try? NumericOption.parse($0, option: "--replications", range: NumericOption.replications) } }
    var seed: UInt64? { seedText.flatMap { try? NumericOption.parse($0, option: "--seed", range: NumericOption.seed) }.map(UInt64.init) }
    var threads: Int? { threadsText.flatMap { try? NumericOption.parse($0, option: "--threads", range: NumericOption.threads) } }

    @Option(name: .customLong("set"), parsing: .singleValue,
            help: ArgumentHelp("Override a scenario value, e.g. --set 'sites.ED.streams.cubicles.servers=12'.",
                               valueName: "path=value"))
    var overrides: [String] = []

    @Option(help: ArgumentHelp("Metrics to print, comma-separated, or 'all' (default: the key metrics).",
                               valueName: "names"))
    var metrics: String?

    @Flag(name: .shortAndLong, help: "No progress line.")
    var quiet = false

    func validate() throws {
        do {
            if let replicationsText { _ = try NumericOption.parse(replicationsText, option: "--replications", range: NumericOption.replications) }
            if let seedText { _ = try NumericOption.parse(seedText, option: "--seed", range: NumericOption.seed) }
            if let threadsText { _ = try NumericOption.parse(threadsText, option: "--threads", range: NumericOption.threads) }
        } catch let error as BadInput {
            throw BadInput.refuse(Self.commandName, error.message)
        }
        for o in overrides where !o.contains("=") {
            throw ValidationError("--set expects path=value, got '\(o)'")
        }
    }

    /// The subcommand being run, for messages (`flowsim run: ...`).
    static var commandName: String {
        CommandLine.arguments.dropFirst().first { !$0.hasPrefix("-") } ?? "flowsim"
    }

    var parsedOverrides: [(path: String, yaml: String)] {
        overrides.map { item in
            let eq = item.firstIndex(of: "=")!
            return (String(item[..<eq]), String(item[item.index(after: eq)...]))
        }
    }

    var metricList: [String]? {
        metrics.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
    }

    /// The `--metrics` names, each checked against the metrics the
    /// scenarios report (known from their configuration, before any run).
    /// An unknown name is refused with a suggestion.
    func checkedMetrics(for scenarios: [Scenario]) throws -> [String]? {
        guard let names = metricList, names != ["all"] else { return metricList }
        var available: [String] = []
        for scenario in scenarios {
            for m in MetricLayout(scenario.config).metrics where !available.contains(m.name) { available.append(m.name) }
        }
        for name in names where !available.contains(name) {
            let known = MetricCatalogue.metric(named: name) != nil
                ? " is not reported by \(scenarios.count == 1 ? "this scenario" : "these scenarios")"
                : " is not a metric\(DidYouMean.hint(for: name, among: available))"
            throw BadInput.refuse(Self.commandName,
                                  "--metrics: '\(Escaped.text(name))'\(known) ('flowsim metrics FILE' lists them); nothing was run")
        }
        return names
    }

    /// Loads a scenario, printing every problem and exiting non-zero if it is invalid.
    func load(_ path: String) throws -> Scenario { try Self.load(path, overrides: parsedOverrides) }

    /// Loads a scenario, printing every problem and exiting non-zero if it is invalid.
    static func load(_ path: String, overrides: [(path: String, yaml: String)] = []) throws -> Scenario {
        try reportingProblems(of: path) { try Scenario.load(path: path, overrides: overrides) }
    }

    /// `body`'s value; if it finds `path` invalid, every problem printed
    /// and exit status 2.
    static func reportingProblems<T>(of path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ScenarioValidationError {
            Terminal.error(error.description)
            let count = error.issues.count
            Terminal.error("\(path): \(count) problem\(count == 1 ? "" : "s"); nothing was run")
            throw ExitCode(2)
        }
    }
}

/// Options for writing result files.
struct OutputOptions: ParsableArguments {
    @Option(help: "Write the results document (JSON) here.")
    var json: String?

    @Option(help: "Write the results as CSV here.")
    var csv: String?

    @Option(help: "Write a self-contained HTML report with charts here.")
    var html: String?

    /// Every output path is checked before anything runs (OutputPath).
    func validate() throws {
        var seen: [String: String] = [:]
        for (option, path) in [("--json", json), ("--csv", csv), ("--html", html)] {
            guard let path else { continue }
            if let problem = OutputPath.problemWritingFile(path) {
                throw BadInput.refuse(RunOptions.commandName, "\(option) \(path): \(problem); nothing was run")
            }
            let canonical = ScenarioPaths.canonical(path)
            if let other = seen[canonical] {
                throw BadInput.refuse(RunOptions.commandName, "\(other) and \(option) both write \(path); give each its own file")
            }
            seen[canonical] = option
        }
    }
}
