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
    @OptionGroup var terminal: TerminalOptions
    @OptionGroup var precisionOptions: PrecisionOptions
    @OptionGroup var selectionOptions: SelectionOptions
    @OptionGroup var reportOptions: CompareReportOptions

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
        let metrics = try options.checkedMetrics(for: scenarios)
        let extras = try reportOptions.checked(html: output.html, precision: precisionOptions.isOn)
        let progress = ProgressLine("compare", quiet: options.quiet)
        let seed = options.seed ?? scenarios[0].run.seed, replications = options.replications ?? scenarios[0].run.replications
        var series: [TimeSeriesResult] = []
        let compared: Comparison
        if let request = extras.series {
            (compared, series) = Comparison.runWithSeries(scenarios, seed: seed, replications: replications, series: request,
                                                          runner: ReplicationRunner(threads: options.threads), progress: progress.report)
        } else {
            compared = try AnalysedComparison.run(
                scenarios, seed: seed, replications: replications, threads: options.threads, precision: precisionOptions,
                progress: progress.report) ?? Comparison.run(
                scenarios, seed: seed, replications: replications,
                runner: ReplicationRunner(threads: options.threads), progress: progress.report)
        }
        let comparison = try selectionOptions.apply(to: compared)
        progress.finish()
        if let path = output.json { try AtomicFile.write(JSONReport.encode(comparison), to: path) }
        if let path = output.csv { try AtomicFile.write(CSVReport.render(comparison), to: path) }
        if let path = reportOptions.seriesOut {
            let data = path.lowercased().hasSuffix(".csv") ? Data(TimeSeriesResult.csv(series).utf8) : try TimeSeriesResult.json(series)
            try AtomicFile.write(data, to: path)
        }
        if let path = terminal.stressDES {
            try ReportProvenance.writeStressDES(scenarios[0], replications: comparison.options[0].replications,
                                                seed: comparison.options[0].seed, to: path)
        }
        if let path = output.html {
            var context = ReportProvenance.context(scenarios, appendix: terminal.stressDES, htmlPath: path)
            context.series = series
            context.sizing = extras.sizing
            try AtomicFile.write(HTMLReport.render(comparison, metrics: metrics, context: context), to: path)
        }
        ReportProvenance.announce([output.json, output.csv, output.html, reportOptions.seriesOut, terminal.stressDES],
                                  quiet: options.quiet)
        // The selection verdict and the precision reached come first.
        print(AnalysedComparison.preface(comparison), terminator: "")
        if terminal.wide {
            print(ComparisonReport.render(comparison, metrics: metrics), terminator: "")
        } else {
            print(CompactReport.render(comparison, metrics: metrics, width: TerminalOptions.width, format: terminal.terminalFormat),
                  terminator: "")
        }
    }
}
