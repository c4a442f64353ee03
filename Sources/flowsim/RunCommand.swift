import ArgumentParser
import FlowSim
import Foundation

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario and print each metric's mean and 95% confidence interval.")

    @Argument(help: "Scenario file (YAML).")
    var file: String

    @OptionGroup var options: RunOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var seriesOptions: SeriesOptions
    @OptionGroup var precisionOptions: PrecisionOptions

    func run() throws {
        let scenario = try options.load(file)
        let metrics = try options.checkedMetrics(for: [scenario])
        let replications = options.replications ?? scenario.run.replications
        let seed = options.seed ?? scenario.run.seed
        let progress = ProgressLine(scenario.config.name, quiet: options.quiet)
        let analysed = try AnalysedRun.run(scenario, seed: seed, replications: replications, threads: options.threads,
                                           series: seriesOptions, precision: precisionOptions, progress: progress.update)
        let result = analysed?.result ?? ReplicationRunner(threads: options.threads)
            .run(scenario.config, seed: seed, replications: replications, progress: progress.update)
        progress.finish()
        // Files first, atomically: a failure to write must not leave a table
        // that suggests success.
        if let path = output.json { try AtomicFile.write(JSONReport.encode(result), to: path) }
        if let path = output.csv { try AtomicFile.write(CSVReport.render(result), to: path) }
        if let path = output.html { try AtomicFile.write(HTMLReport.render(result, metrics: metrics), to: path) }
        print((analysed?.preface ?? "") + TableReport.render(result, metrics: metrics), terminator: "")
    }
}
