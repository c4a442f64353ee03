import ArgumentParser
import FlowSim
import Foundation

/// Options shared by the commands that run scenarios.
struct RunOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "Replications (default: the scenario's run.replications).")
    var replications: Int?

    @Option(name: .shortAndLong, help: "Master seed (default: the scenario's run.seed).")
    var seed: UInt64?

    @Option(name: .shortAndLong, help: "Worker threads (default: every core). Results do not depend on it.")
    var threads: Int?

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
        if let replications, replications < 1 { throw ValidationError("--replications must be at least 1, got \(replications)") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
        for o in overrides where !o.contains("=") {
            throw ValidationError("--set expects path=value, got '\(o)'")
        }
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

    /// Loads a scenario, printing every problem and exiting non-zero if it is invalid.
    func load(_ path: String) throws -> Scenario {
        do {
            return try Scenario.load(path: path, overrides: parsedOverrides)
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
}
