import ArgumentParser

@main
struct FlowSimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flowsim",
        abstract: "Discrete-event simulation of urgent and emergency care patient flow in Mid and South Essex.",
        discussion: """
        Scenario files are YAML (docs/scenario-format.md). Results are means with 95% \
        confidence intervals across independent replications; `compare` pairs scenarios \
        with common random numbers.
        """,
        version: "0.1.0",
        subcommands: [RunCommand.self, CompareCommand.self, ValidateCommand.self, DescribeCommand.self,
                      BenchCommand.self, SweepCommand.self, MergeCommand.self, MetricsCommand.self,
                      WarmupCommand.self, SizeCommand.self])

    /// As the default, but a negative number after a numeric option is
    /// kept as its value (NumericOption.joinNegativeValues).
    static func main() {
        let arguments = NumericOption.joinNegativeValues(Array(CommandLine.arguments.dropFirst()))
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}
