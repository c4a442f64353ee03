import ArgumentParser
import FlowSim
import Foundation

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Run scenarios with common random numbers and compare each with the first.",
        discussion: """
        Every scenario runs with the same seed and replication indices, so identically \
        named random streams give the same patients in every option; the differences \
        are paired replication by replication, which makes their intervals tight.
        """)

    @Argument(help: "Scenario files; the first is the reference.")
    var files: [String]

    @OptionGroup var options: RunOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if files.count < 2 { throw ValidationError("compare needs at least two scenario files") }
    }

    func run() throws {
        var scenarios: [Scenario] = []
        var failed = false
        for file in files {
            do { scenarios.append(try options.load(file)) } catch { failed = true }
        }
        if failed { throw ExitCode(2) }
        let replications = options.replications ?? scenarios[0].run.replications
        let seed = options.seed ?? scenarios[0].run.seed
        let labels = Self.labels(scenarios)
        let runner = ReplicationRunner(threads: options.threads)
        let progress = ProgressLine("compare", quiet: options.quiet)
        let total = replications * scenarios.count
        let configs = zip(scenarios, labels).map { scenario, label in
            var config = scenario.config
            config.name = label
            return config
        }
        // One job per (scenario, replication), all on the same pool of threads.
        let runs = runner.map(total, progress: progress.update) { job in
            Replication.run(configs[job / replications], seed: seed, replication: job % replications)
        }
        progress.finish()
        let results = configs.enumerated().map { i, config in
            ExperimentResult(scenario: config.name, seed: seed, warmupDays: config.warmup / 1440,
                             horizonDays: config.horizon / 1440,
                             runs: Array(runs[(i * replications)..<((i + 1) * replications)]), wallSeconds: 0)
        }
        let comparison = Comparison(options: results)
        if let path = output.json { try AtomicFile.write(JSONReport.encode(comparison), to: path) }
        if let path = output.csv { try AtomicFile.write(CSVReport.render(comparison), to: path) }
        if let path = output.html { try AtomicFile.write(HTMLReport.render(comparison, metrics: options.metricList), to: path) }
        print(ComparisonReport.render(comparison, metrics: options.metricList), terminator: "")
    }

    /// Scenario names, made unique with the file name where two agree.
    static func labels(_ scenarios: [Scenario]) -> [String] {
        let names = scenarios.map(\.config.name)
        return scenarios.enumerated().map { i, s in
            names.filter { $0 == s.config.name }.count > 1
                ? "\(s.config.name) (\(URL(fileURLWithPath: s.file).lastPathComponent))" : s.config.name
        }
    }
}
