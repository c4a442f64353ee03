import ArgumentParser
import FlowSim
import Foundation

/// How `run` and `compare` print to the terminal, and the report files
/// for people (the model description) beside the files for programs.
struct TerminalOptions: ParsableArguments {
    @Flag(help: "Print the full table (every measure's mean and difference side by side), however wide.")
    var wide = false

    @Option(help: ArgumentHelp("Terminal output: table (fits the width: $COLUMNS, else the terminal's, else 100), markdown or csv.",
                               valueName: "table|markdown|csv"))
    var format: String = TerminalFormat.table.rawValue

    @Option(name: .customLong("stress-des"),
            help: ArgumentHelp("Write a STRESS-DES model description (Markdown) of the first scenario here; the HTML report links it.",
                               valueName: "path"))
    var stressDES: String?

    var terminalFormat: TerminalFormat { TerminalFormat(rawValue: format) ?? .table }

    func validate() throws {
        guard TerminalFormat(rawValue: format) != nil else {
            throw BadInput.refuse(RunOptions.commandName, "--format: '\(Escaped.text(format))' is not one of table, markdown, csv; nothing was run")
        }
        if wide && terminalFormat != .table {
            throw BadInput.refuse(RunOptions.commandName, "--wide is a table layout; it cannot go with --format \(format)")
        }
        if let stressDES, let problem = OutputPath.problemWritingFile(stressDES) {
            throw BadInput.refuse(RunOptions.commandName, "--stress-des \(stressDES): \(problem); nothing was run")
        }
    }

    /// The width to fit: `$COLUMNS`, else the terminal's, else 100.
    static var width: Int {
        if let text = ProcessInfo.processInfo.environment["COLUMNS"], let n = Int(text), n > 0 { return max(n, 40) }
        var size = winsize()
        if isatty(STDOUT_FILENO) != 0, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return max(Int(size.ws_col), 40)
        }
        return 100
    }
}

/// What the HTML report says about where its numbers came from.
enum ReportProvenance {
    static let version = FlowSimCommand.configuration.version

    /// The report context for these scenarios: each option's description
    /// (the scenario's `description`, else its file) and every input file
    /// with its SHA-256.
    static func context(_ scenarios: [Scenario], appendix: String?, htmlPath: String?) -> ReportContext {
        var inputs: [ReportContext.Input] = []
        var seen = Set<String>()
        for scenario in scenarios {
            for file in scenario.files where seen.insert(ScenarioPaths.canonical(file)).inserted {
                let data = FileManager.default.contents(atPath: file) ?? Data()
                inputs.append(.init(path: file, sha256: SHA256.hex(data)))
            }
        }
        let descriptions = scenarios.map { scenario -> String in
            if let text = (try? ScenarioDocument.load(path: scenario.file))?.root["description"]?.scalar,
               !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                return text.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            return scenario.file
        }
        return ReportContext(generated: Date(), version: version, descriptions: descriptions, inputs: inputs,
                             appendix: appendix.map { relative($0, to: htmlPath) },
                             geography: scenarios.first.flatMap { ReportGeography($0.config) })
    }

    /// `path` as a link from the directory of `htmlPath`.
    static func relative(_ path: String, to htmlPath: String?) -> String {
        guard let htmlPath else { return path }
        let dir = URL(fileURLWithPath: htmlPath).standardizedFileURL.deletingLastPathComponent().path
        let target = URL(fileURLWithPath: path).standardizedFileURL.path
        return target.hasPrefix(dir + "/") ? String(target.dropFirst(dir.count + 1)) : target
    }

    /// Writes the STRESS-DES description of `scenario`.
    static func writeStressDES(_ scenario: Scenario, replications: Int, seed: UInt64, to path: String) throws {
        let text = StressDESReport.render(scenario, sources: StressDESReport.readSources(scenario.files),
                                          version: version, replications: replications, seed: seed)
        try AtomicFile.write(text, to: path)
    }

    /// "wrote a, b" on standard error, unless quiet. On a terminal the list
    /// wraps at the table's width (`TerminalOptions.width`) between paths,
    /// never inside one; into a file or a pipe it stays one line, for grep.
    static func announce(_ paths: [String?], quiet: Bool) {
        let written = paths.compactMap { $0 }
        guard !quiet, !written.isEmpty else { return }
        let width = Terminal.stderrIsTerminal ? TerminalOptions.width : .max
        Terminal.error(CompactReport.wrappedList("wrote ", written, width: width))
    }

}

/// `compare --html` extras: time series for the occupancy charts and
/// sizing documents for "what each option needs".
struct CompareReportOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "With --html or --series-out: record levels through time (the report's occupancy charts), comma-separated: \(SeriesMeasure.allCases.map(\.rawValue).joined(separator: ", ")), or 'all'.",
        valueName: "measures"))
    var series: String?

    @Option(name: .customLong("series-interval"),
            help: ArgumentHelp("With --series: width of a series bucket, hour or day (default: hour).", valueName: "hour|day"))
    var seriesInterval: String?

    @Option(name: .customLong("series-out"),
            help: ArgumentHelp("With --series: also write every option's series here, CSV when the name ends in .csv (a scenario column first), JSON otherwise (\(TimeSeriesResult.comparisonSchemaID)).",
                               valueName: "path"))
    var seriesOut: String?

    @Option(parsing: .singleValue,
            help: ArgumentHelp("With --html: a `flowsim size --json` document (flowsim.sizing/1) to show in the report's table of what each option needs against today's beds. Repeatable.",
                               valueName: "path"))
    var sizing: [String] = []

    /// Checks the options and reads the sizing documents before anything runs.
    func checked(html: String?, precision: Bool) throws -> (series: SeriesRequest?, sizing: [SizingReport]) {
        let command = RunOptions.commandName
        if seriesOut != nil && series == nil {
            throw BadInput.refuse(command, "--series-out needs --series (the measures to record); nothing was run")
        }
        if html == nil && ((series != nil && seriesOut == nil) || !sizing.isEmpty) {
            throw BadInput.refuse(command, "\(sizing.isEmpty ? "--series" : "--sizing") is for the HTML report: give --html PATH\(sizing.isEmpty ? " or --series-out PATH" : ""); nothing was run")
        }
        if let seriesOut, let problem = OutputPath.problemWritingFile(seriesOut) {
            throw BadInput.refuse(command, "--series-out \(seriesOut): \(problem); nothing was run")
        }
        if seriesInterval != nil && series == nil {
            throw BadInput.refuse(command, "--series-interval needs --series; nothing was run")
        }
        if series != nil && precision {
            throw BadInput.refuse(command, "--series and --precision cannot be combined yet; record the series with a fixed --replications; nothing was run")
        }
        var request: SeriesRequest?
        do {
            if let series {
                request = SeriesRequest(measures: try SeriesOptions.measures(series),
                                        interval: try SeriesOptions.interval(seriesInterval ?? "hour"))
            }
        } catch let error as BadInput {
            throw BadInput.refuse(command, error.message + "; nothing was run")
        }
        let reports = try sizing.map { path -> SizingReport in
            guard let data = FileManager.default.contents(atPath: path) else {
                throw BadInput.refuse(command, "--sizing \(path): cannot read the file; nothing was run")
            }
            do {
                let report = try JSONDecoder().decode(SizingReport.self, from: data)
                guard report.schema == SizingReport.schemaID else {
                    throw BadInput.refuse(command, "--sizing \(path): schema '\(Escaped.text(report.schema))', expected \(SizingReport.schemaID) (written by flowsim size --json); nothing was run")
                }
                return report
            } catch let error as ExitCode {
                throw error
            } catch {
                throw BadInput.refuse(command, "--sizing \(path): not a \(SizingReport.schemaID) document (written by flowsim size --json): \(Escaped.text(String(describing: error)).prefix(200)); nothing was run")
            }
        }
        return (request, reports)
    }
}
