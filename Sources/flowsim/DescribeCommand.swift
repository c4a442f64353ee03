import ArgumentParser
import FlowSim

struct DescribeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe",
        abstract: "Summarise what a scenario models: sites, capacities, groups and demand.")

    @Argument(help: "Scenario file (YAML).")
    var file: String

    @OptionGroup var options: RunOptions

    func run() throws {
        let s = try options.load(file)
        print(ScenarioDescription.render(s), terminator: "")
    }
}
