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
    @OptionGroup var terminal: TerminalOptions

    @Option(help: ArgumentHelp("Write the event log of replication 1 here: CSV (.csv) or OCEL 2.0 JSON (.json); repeatable.",
                               valueName: "path"))
    var trace: [String] = []

    @Option(help: ArgumentHelp("At most this many facts in the event log (default 100000).", valueName: "n"))
    var traceLimit: Int = 100_000

    func validate() throws {
        for path in trace {
            guard path.hasSuffix(".csv") || path.hasSuffix(".json") || path.hasSuffix(".jsonocel") else {
                throw BadInput.refuse("run", "--trace \(path): the name must end in .csv (one row per activity) or .json (OCEL 2.0); nothing was run")
            }
            if let problem = OutputPath.problemWritingFile(path) {
                throw BadInput.refuse("run", "--trace \(path): \(problem); nothing was run")
            }
        }
        if traceLimit < 1 { throw BadInput.refuse("run", "--trace-limit: expected a whole number >= 1, got \(traceLimit); nothing was run") }
    }
    @OptionGroup var seriesOptions: SeriesOptions
    @OptionGroup var precisionOptions: PrecisionOptions

    func run() throws {
        let scenario = try options.load(file)
        let metrics = try options.checkedMetrics(for: [scenario])
        let replications = options.replications ?? scenario.run.replications
        let seed = options.seed ?? scenario.run.seed
        let progress = ProgressLine(scenario.config.name, quiet: options.quiet)
        let analysed = try AnalysedRun.run(scenario, seed: seed, replications: replications, threads: options.threads,
                                           series: seriesOptions, precision: precisionOptions, progress: progress.report)
        let result = analysed?.result ?? ReplicationRunner(threads: options.threads)
            .run(scenario.config, seed: seed, replications: replications, progress: progress.report)
        progress.finish()
        // Files first, atomically: a failure to write must not leave a table
        // that suggests success.
        if let path = output.json { try AtomicFile.write(JSONReport.encode(result), to: path) }
        if let path = output.csv { try AtomicFile.write(CSVReport.render(result), to: path) }
        if let path = terminal.stressDES {
            try ReportProvenance.writeStressDES(scenario, replications: replications, seed: seed, to: path)
        }
        if let path = output.html {
            let context = ReportProvenance.context([scenario], appendix: terminal.stressDES, htmlPath: path)
            try AtomicFile.write(HTMLReport.render(result, metrics: metrics, context: context), to: path)
        }
        if !trace.isEmpty {
            // Replication 1 again, traced: the same patients as in the results.
            let log = Replication.trace(scenario.config, seed: seed, replication: 0, limit: traceLimit).trace
            let sites = scenario.config.sites.map(\.id)
            for path in trace {
                if path.hasSuffix(".csv") { try AtomicFile.write(EventLogReport.csv(log, sites: sites), to: path) }
                else { try AtomicFile.write(EventLogReport.ocel(log, sites: sites), to: path) }
            }
            if log.dropped > 0 && !options.quiet {
                Terminal.error("event log: the first \(log.entries.count) facts kept, \(log.dropped) more left out (--trace-limit)")
            }
        }
        ReportProvenance.announce([output.json, output.csv, output.html, terminal.stressDES] + trace, quiet: options.quiet)
        print(analysed?.preface ?? "", terminator: "")
        if terminal.wide {
            print(TableReport.render(result, metrics: metrics), terminator: "")
        } else {
            print(CompactReport.render(result, metrics: metrics, width: TerminalOptions.width, format: terminal.terminalFormat),
                  terminator: "")
        }
    }
}
