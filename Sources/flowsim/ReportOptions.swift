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
                             appendix: appendix.map { relative($0, to: htmlPath) })
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

    /// "wrote a, b" on standard error, unless quiet.
    static func announce(_ paths: [String?], quiet: Bool) {
        let written = paths.compactMap { $0 }
        guard !quiet, !written.isEmpty else { return }
        Terminal.error("wrote " + written.joined(separator: ", "))
    }
}
