import ArgumentParser
import FlowSim

struct DescribeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe",
        abstract: "Summarise what a scenario models: sites, capacities, groups and demand.")

    @Argument(help: "Scenario file (YAML).")
    var file: String

    @OptionGroup var options: RunOptions

    @Option(name: .customLong("stress-des"),
            help: ArgumentHelp("Write a STRESS-DES model description (Markdown, Monks et al. 2019) here instead of printing the summary.",
                               valueName: "path"))
    var stressDES: String?

    func validate() throws {
        if let stressDES, let problem = OutputPath.problemWritingFile(stressDES) {
            throw BadInput.refuse("describe", "--stress-des \(stressDES): \(problem); nothing was written")
        }
    }

    func run() throws {
        let s = try options.load(file)
        if let stressDES {
            try ReportProvenance.writeStressDES(s, replications: options.replications ?? s.run.replications,
                                                seed: options.seed ?? s.run.seed, to: stressDES)
            if !options.quiet { Terminal.error("wrote \(stressDES)") }
            return
        }
        print(ScenarioDescription.render(s), terminator: "")
    }
}
